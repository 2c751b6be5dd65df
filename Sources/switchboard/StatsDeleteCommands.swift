import ArgumentParser
import Engine
import Foundation

struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "stats", abstract: "Counts of what the knowledge base holds.")

    @OptionGroup var common: CommonOptions

    @Flag(help: "Print exactly what GET /v1/stats returns.")
    var json = false

    func run() throws {
        let stats = try common.engine().stats()
        if json { printJSON(stats); return }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(stats)
        let dict = (try JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:]
        for key in dict.keys.sorted() { print("\(key): \(dict[key]!)") }
    }
}

struct DeleteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "delete", abstract: "Delete a document (by id or name) with its chunks.")

    @OptionGroup var common: CommonOptions

    @Argument(help: "The document id or name.")
    var document: String

    @Flag(help: "Print exactly what DELETE /v1/documents/{id} returns.")
    var json = false

    func run() throws {
        let deleted = try common.engine().deleteDocument(document)
        if json { printJSON(["deleted": deleted]); return }
        print("deleted \(deleted.name) (\(deleted.id)), \(deleted.chunks ?? 0) chunks")
    }
}
