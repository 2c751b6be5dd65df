import Foundation
import KnowledgeModel

/// The kinds of typed records kept in the `records` table.
public enum RecordKind: String, CaseIterable, Sendable {
    case reply, sentiment, entity, synonyms, campaign, qaRule = "qa_rule", customer, turn, session
    case graphRelation = "graph_relation"
    case vehicleProgram = "vehicle_program"
    case routing
}

/// Turns the typed records of a parsed file into rows of the `records` table (their
/// KnowledgeModel type's JSON) and back.
enum RecordCodec {
    struct RowValue { var kind: RecordKind; var id: String; var json: String }

    static let decoder = JSONDecoder()

    static func rows(of parsed: ParsedFile) -> [RowValue] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let doc = parsed.document.id
        var rows: [RowValue] = []
        func add(_ kind: RecordKind, _ id: String, _ value: some Encodable) {
            guard let data = try? encoder.encode(value) else { return }
            rows.append(RowValue(kind: kind, id: id, json: String(decoding: data, as: UTF8.self)))
        }
        for r in parsed.replies { add(.reply, r.id, r) }
        for (i, s) in parsed.sentimentExamples.enumerated() { add(.sentiment, "\(doc)#\(i)", s) }
        for e in parsed.lexiconEntities { add(.entity, e.id, e) }
        for (i, g) in parsed.synonymGroups.enumerated() { add(.synonyms, "\(doc)#\(i)", g) }
        for c in parsed.campaigns { add(.campaign, c.id, c) }
        for r in parsed.qaRules { add(.qaRule, r.id, r) }
        for c in parsed.customers { add(.customer, c.id, c) }
        for t in parsed.transcriptTurns { add(.turn, "\(t.session)#\(t.turn)", t) }
        for s in parsed.transcriptSessions { add(.session, s.session, s) }
        for p in parsed.vehiclePrograms { add(.vehicleProgram, p.model, p) }
        for (i, line) in parsed.routingRules.enumerated() { rows.append(RowValue(kind: .routing, id: "\(doc)#\(i)", json: line)) }
        for (i, r) in parsed.declaredRelations.enumerated() { add(.graphRelation, "\(doc)#\(i)", r) }
        return rows
    }
}
