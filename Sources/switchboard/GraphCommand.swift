import ArgumentParser
import Engine
import Foundation
import Graph

/// `switchboard graph ...`: the domain graph, mirroring `/v1/graph`.
struct GraphCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "graph", abstract: "Look up, edit, export and import the domain graph.",
        subcommands: [GraphEntitiesCommand.self, GraphEntityCommand.self, GraphNeighborsCommand.self, GraphPathCommand.self,
                      GraphSubgraphCommand.self, GraphFactsCommand.self, GraphCandidatesCommand.self, GraphProposalsCommand.self, GraphEditCommand.self,
                      GraphEditsCommand.self, GraphExportCommand.self, GraphImportCommand.self, GraphStatsCommand.self])
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

struct GraphSubgraphCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "subgraph", abstract: "Entities around a set of entities and the relations among them.")
    @OptionGroup var common: CommonOptions
    @Argument(help: "Entity ids.") var ids: [String]
    @Option(help: "Hops (0-3).") var hops = 1
    @Flag(help: "Print exactly what GET /v1/graph/subgraph returns.") var json = false

    func run() throws {
        let g = try common.engine().graphSubgraph(ids, hops: hops)
        if json { printJSON(g); return }
        print("\(g.entities.count) entities, \(g.relations.count) relations")
        for r in g.relations { print("  \(r.subject) —\(r.type)→ \(r.object ?? r.value.map { "\"\($0)\"" } ?? "?")") }
    }
}

struct GraphFactsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "facts", abstract: "An entity's facts (attribute → value) with their sources.")
    @OptionGroup var common: CommonOptions
    @Argument(help: "Entity id.") var id: String
    @Option(help: "Only this attribute (\"price\" also matches \"price, long range\").") var attribute: String?
    @Flag(help: "Print exactly what GET /v1/graph/entities/{id}/facts returns.") var json = false

    func run() throws {
        let facts = try common.engine().graphFacts(entity: id, attribute: attribute)
        if json { printJSON(["facts": facts]); return }
        if facts.isEmpty { print("no facts") }
        for f in facts {
            print("\(f.attribute ?? "?") = \(f.value ?? f.object ?? "?")  ← \(f.sources.map { $0.documentName ?? $0.chunkID }.joined(separator: ", "))")
        }
    }
}

struct GraphCandidatesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "candidates", abstract: "Candidate domain terms found in the knowledge, to accept or reject.")
    @OptionGroup var common: CommonOptions
    @Option(help: "How many (1-500).") var limit = 50
    @Flag(help: "Print exactly what GET /v1/graph/candidates returns.") var json = false

    func run() throws {
        let found = try common.engine().graphCandidates(limit: limit)
        if json { printJSON(["candidates": found]); return }
        for c in found { print(String(format: "%-24@ %@  ×%d  %.2f", c.term, c.language, c.frequency, c.score)) }
    }
}

struct GraphEditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edit", abstract: "Change the graph; the edit is logged (who, when, what) and kept across re-imports.",
        discussion: """
            EDIT is the JSON POST /v1/graph/edits takes, e.g.
              '{"op":"add_alias","entity_id":"model_e7","alias":"Lanto E7"}'
              '{"op":"merge_entities","entity_id":"feature_a","target_id":"feature_b"}'
              '{"op":"accept_term","term":"热泵空调","type":"feature"}'
              '{"op":"create_relation","subject":"model_e7","type":"has_feature","object":"feature_hud"}'
            Ops: \(GraphEdit.Op.allCases.map(\.rawValue).joined(separator: ", ")).
            """)
    @OptionGroup var common: CommonOptions
    @Argument(help: "The edit as JSON.") var edit: String
    @Option(help: "Who makes the edit (default: $USER).") var actor: String?
    @Flag(help: "Print exactly what POST /v1/graph/edits returns.") var json = false

    func run() throws {
        let parsed: GraphEdit
        do { parsed = try JSONDecoder().decode(GraphEdit.self, from: Data(edit.utf8)) } catch {
            throw CLIError("the edit is not valid JSON for a graph edit: \(error)")
        }
        let who = actor ?? ProcessInfo.processInfo.environment["USER"] ?? "cli"
        let applied = try common.engine().editGraph(parsed, actor: who)
        if json { printJSON(applied); return }
        print("edit #\(applied.seq) \(applied.edit.op.rawValue) by \(applied.actor) at \(applied.at)")
    }
}

struct GraphEditsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "edits", abstract: "The edit log, newest first.")
    @OptionGroup var common: CommonOptions
    @Option(help: "How many (1-1000).") var limit = 100
    @Flag(help: "Print exactly what GET /v1/graph/edits returns.") var json = false

    func run() throws {
        let log = try common.engine().graphEditLog(limit: limit)
        if json { printJSON(["edits": log]); return }
        for e in log { print("#\(e.seq)  \(e.at)  \(e.actor)  \(e.edit.op.rawValue)\(e.skipped.map { "  (skipped: \($0))" } ?? "")") }
    }
}

struct GraphExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "export", abstract: "Write the graph as JSON, GraphML or Neo4j import CSV.")
    @OptionGroup var common: CommonOptions
    @Option(help: "json, graphml or neo4j (two files: nodes.csv and relationships.csv).") var format = "json"
    @Option(help: "Output file (for neo4j: a folder); stdout when absent (not for neo4j).") var out: String?

    func run() throws {
        let engine = try common.engine()
        if format == "neo4j" {
            guard let out else { throw CLIError("--format neo4j writes two files: give a folder with --out") }
            let dir = URL(fileURLWithPath: out)
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            try engine.exportGraph(format: "neo4j_nodes").data.write(to: dir.appendingPathComponent("nodes.csv"), options: .atomic)
            try engine.exportGraph(format: "neo4j_relationships").data.write(to: dir.appendingPathComponent("relationships.csv"), options: .atomic)
            print("wrote \(dir.path)/nodes.csv and relationships.csv")
            return
        }
        let data = try engine.exportGraph(format: format).data
        if let out { try data.write(to: URL(fileURLWithPath: out), options: .atomic) } else { FileHandle.standardOutput.write(data) }
    }
}

struct GraphImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Import a graph export (its entities and relations) as a document of its own.")
    @OptionGroup var common: CommonOptions
    @Argument(help: "The export: a .json or .graphml file, or for Neo4j the nodes CSV.") var file: String
    @Option(help: "json, graphml or neo4j (default: from the file's extension).") var format: String?
    @Option(help: "Neo4j: the relationships CSV.") var relationships: String?
    @Option(help: "The document name (default: the file's name).") var name: String?
    @Flag(help: "Print exactly what POST /v1/graph/import returns.") var json = false

    func run() throws {
        func read(_ path: String) throws -> Data {
            guard let d = FileManager.default.contents(atPath: path) else { throw CLIError("cannot read \(path)") }
            return d
        }
        let ext = URL(fileURLWithPath: file).pathExtension.lowercased()
        let f = format ?? (relationships != nil ? "neo4j" : ext == "graphml" || ext == "xml" ? "graphml" : "json")
        let result = try common.engine().importGraph(name: name ?? URL(fileURLWithPath: file).lastPathComponent, format: f,
                                                     data: try read(file), relationships: try relationships.map(read))
        if json { printJSON(result); return }
        print("\(result.name): \(result.status.rawValue), \(result.records) entities and relations")
    }
}

struct GraphStatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "stats", abstract: "Entity and relation counts by type, and how long the graph takes to build.")
    @OptionGroup var common: CommonOptions
    @Flag(help: "Print as JSON.") var json = false

    func run() throws {
        let stats = try common.engine().graphStats()
        if json { printJSON(stats); return }
        print("entities: \(stats.entities.values.reduce(0, +))  " + stats.entities.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        print("relations: \(stats.relations.values.reduce(0, +))  " + stats.relations.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        print(String(format: "full build (read every chunk, assemble): %.0f ms; one changed document (read its chunks, assemble): %.1f ms; assemble from stored facts: %.1f ms",
                     stats.fullBuildMs, stats.oneDocumentMs, stats.assembleMs))
    }
}

struct GraphProposalsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "proposals", abstract: "Entities that look like duplicates, with the reason; apply one with a merge_entities edit.")
    @OptionGroup var common: CommonOptions
    @Option(help: "How many (1-500).") var limit = 50
    @Flag(help: "Print exactly what GET /v1/graph/merge-proposals returns.") var json = false

    func run() throws {
        let found = try common.engine().graphMergeProposals(limit: limit)
        if json { printJSON(["proposals": found]); return }
        if found.isEmpty { print("no near-duplicate entities") }
        for p in found { print(String(format: "%@ → %@  %.2f  %@", p.merge, p.keep, p.similarity, p.reason)) }
    }
}
