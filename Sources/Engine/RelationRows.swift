import Graph
import TextAnalysis

/// Each entity's relations as search reads them (`Engine.relationSupport`), built once per
/// assembled graph: reading them off the graph per query copied and sorted every edge of every
/// linked entity on every question.
struct RelationRow: Sendable {
    /// Position of the edge in `KnowledgeGraph.edges` (for the explanation of a strong match).
    var edge: Int
    /// The other end of the edge (the entity itself for an edge to itself).
    var other: String
    /// The analyzed terms of the edge's attribute; nil for an edge without one.
    var attributeTerms: [String]?
    var confidence: Double
    /// Chunk ids the relation was read from.
    var sources: [String]

    /// Every entity's relations except `related_to`, in `KnowledgeGraph.relations(of:)` order.
    static func table(_ graph: KnowledgeGraph, attributeTerms: [String: [String]], analyzer: Analyzer) -> [String: [RelationRow]] {
        var table: [String: [RelationRow]] = [:]
        var ends = Set<String>()
        for e in graph.edges {
            ends.insert(e.subject)
            if e.literalValue == nil { ends.insert(e.object) }
        }
        for id in ends {
            var rows: [RelationRow] = []
            for i in graph.relationIndices(of: id) {
                let e = graph.edges[i]
                guard e.type != "related_to" else { continue }
                rows.append(RelationRow(edge: i, other: e.subject == id ? e.object : e.subject,
                                        attributeTerms: e.attribute.map { attributeTerms[$0] ?? analyzer.terms($0) },
                                        confidence: e.confidence, sources: e.sources))
            }
            if !rows.isEmpty { table[id] = rows }
        }
        return table
    }
}
