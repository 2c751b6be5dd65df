import ArgumentParser
import Engine
import Foundation
import KnowledgeModel

struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "search", abstract: "Search the knowledge.")

    @OptionGroup var common: CommonOptions

    @Argument(help: "The query.")
    var query: String

    @Option(help: "How many hits (1-100).")
    var limit = 10

    @Option(help: "Search mode: \(Engine.searchModes.joined(separator: ", ")).")
    var mode: String?

    @Option(name: .customLong("tag"), help: "Only chunks with this tag (repeatable).")
    var tags: [String] = []

    @Option(name: .customLong("kind"), help: "Only chunks of this kind: passage or faq (repeatable).")
    var kinds: [String] = []

    @Flag(help: "Include the parts of each score.")
    var explain = false

    @Flag(help: "Print exactly what POST /v1/search returns.")
    var json = false

    func run() throws {
        let engine = try common.engine()
        let filters = tags.isEmpty && kinds.isEmpty ? nil : SearchFilters(tags: tags, kinds: kinds)
        let response = try engine.search(SearchRequest(query: query, limit: limit, mode: mode, filters: filters, explain: explain))
        if json { printJSON(response); return }
        if let corrected = response.correctedQuery { print("showing results for \"\(corrected)\"") }
        if let f = response.fact {
            let from = f.sources.compactMap { $0.documentName }.first.map { "  (\($0))" } ?? ""
            print("fact: \(f.entityName) \(f.attribute) = \(f.value)\(from)")
        }
        if response.hits.isEmpty { print("no hits for \"\(response.query)\"") }
        for hit in response.hits {
            let place = [hit.documentName ?? hit.documentID, hit.section].filter { !$0.isEmpty }.joined(separator: " › ")
            print(String(format: "%2d. %.3f  %@", hit.rank, hit.score, place))
            if let q = hit.question { print("    Q: \(q)") }
            print("    \(hit.text.replacingOccurrences(of: "\n", with: " ").prefix(160))")
            if let e = hit.explanation { print(ExplainPrinter.render(e, indent: 6)) }
        }
    }
}

enum ExplainPrinter {
    static func render(_ e: ScoreExplanation, indent: Int) -> String {
        var lines = [String(repeating: " ", count: indent) + String(format: "%.3f  ", e.value) + e.description]
        for d in e.details { lines.append(render(d, indent: indent + 2)) }
        return lines.joined(separator: "\n")
    }
}
