import ArgumentParser
import Engine
import Foundation

/// `switchboard graph ...`: the domain graph, mirroring `/v1/graph`.
struct GraphCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "graph", abstract: "Look up entities, their relations, neighbours and paths in the domain graph.",
        subcommands: [GraphEntitiesCommand.self, GraphEntityCommand.self, GraphNeighborsCommand.self, GraphPathCommand.self])
}

struct GraphEntitiesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "entities", abstract: "Entities whose name or alias matches Q.")
    @OptionGroup var common: CommonOptions
    @Argument(help: "Name or alias (or part of one).") var q: String
    @Option(help: "How many (1-200).") var limit = 20
    @Flag(help: "Print exactly what GET /v1/graph/entities returns.") var json = false

    func run() throws {
        let found = try common.engine().graphEntities(query: q, limit: limit)
        if json { printJSON(["entities": found]); return }
        if found.isEmpty { print("no entity matches \"\(q)\"") }
        for e in found { print("\(e.id)  \(e.name)  [\(e.type)]  \(e.aliases.joined(separator: ", "))") }
    }
}

struct GraphEntityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "entity", abstract: "One entity with its relations and their sources.")
    @OptionGroup var common: CommonOptions
    @Argument(help: "Entity id.") var id: String
    @Flag(help: "Print exactly what GET /v1/graph/entities/{id} returns.") var json = false

    func run() throws {
        let e = try common.engine().graphEntity(id)
        if json { printJSON(e); return }
        print("\(e.id)  \(e.name)  [\(e.type)]  aliases: \(e.aliases.joined(separator: ", "))")
        for r in e.relations {
            let object = r.value.map { "\"\($0)\"" } ?? r.object ?? "?"
            let attribute = r.attribute.map { " (\($0))" } ?? ""
            let sources = r.sources.map { $0.documentName ?? $0.chunkID }.joined(separator: ", ")
            print(String(format: "  %@ —%@%@→ %@  %.2f %@  ← %@", r.subject, r.type, attribute, object, r.confidence, r.method, sources))
        }
    }
}

struct GraphNeighborsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "neighbors", abstract: "Entities within N hops.")
    @OptionGroup var common: CommonOptions
    @Argument(help: "Entity id.") var id: String
    @Option(help: "Hops (1-4).") var hops = 1
    @Flag(help: "Print exactly what GET /v1/graph/entities/{id}/neighbors returns.") var json = false

    func run() throws {
        let n = try common.engine().graphNeighbors(id, hops: hops)
        if json { printJSON(["neighbors": n]); return }
        for x in n { print("\(x.distance)  \(x.entity.id)  \(x.entity.name)  [\(x.entity.type)]") }
    }
}

struct GraphPathCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "path", abstract: "The shortest chain of relations between two entities.")
    @OptionGroup var common: CommonOptions
    @Argument(help: "From entity id.") var from: String
    @Argument(help: "To entity id.") var to: String
    @Flag(help: "Print exactly what GET /v1/graph/paths returns.") var json = false

    func run() throws {
        let p = try common.engine().graphPath(from: from, to: to)
        if json { printJSON(["path": p]); return }
        if p.isEmpty { print("no path within 4 hops") }
        for r in p { print("\(r.subject) —\(r.type)→ \(r.object ?? r.value ?? "?")") }
    }
}
