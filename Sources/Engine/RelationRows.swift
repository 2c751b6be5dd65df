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
    static func table(_ graph: KnowledgeGraph, attributeTerms: [String: [String]], analyzer: Analyzer) -> [String: EntityRelations] {
        var table: [String: EntityRelations] = [:]
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
            if !rows.isEmpty { table[id] = EntityRelations(id: id, rows: rows) }
        }
        return table
    }
}

/// One entity's relation rows with what a query looks up in them, so that finding the rows a
/// question names and the best-supported chunks costs a few look-ups, not a pass over every row.
struct EntityRelations: Sendable {
    var rows: [RelationRow]
    /// Indices of the rows to each other entity.
    var byOther: [String: [Int]]
    /// Indices of the rows with attribute terms, by their first term.
    var byFirstTerm: [String: [Int]]
    /// Every source chunk once, at its best row's confidence (the first such row on a tie),
    /// best first; `order` is the position of that source among all rows' sources.
    var ranked: [(chunk: String, confidence: Double, order: Int)]

    init(id: String, rows: [RelationRow]) {
        self.rows = rows
        var byOther: [String: [Int]] = [:], byFirstTerm: [String: [Int]] = [:]
        var best: [String: (confidence: Double, order: Int)] = [:], order = 0
        for (i, row) in rows.enumerated() {
            if row.other != id { byOther[row.other, default: []].append(i) }
            if let first = row.attributeTerms?.first { byFirstTerm[first, default: []].append(i) }
            for c in row.sources {
                if (best[c]?.confidence ?? -.infinity) < row.confidence { best[c] = (row.confidence, order) }
                order += 1
            }
        }
        self.byOther = byOther
        self.byFirstTerm = byFirstTerm
        ranked = best.map { (chunk: $0.key, confidence: $0.value.confidence, order: $0.value.order) }
            .sorted { $0.confidence != $1.confidence ? $0.confidence > $1.confidence : $0.order < $1.order }
    }

    /// The rows that tie the entity to another linked entity or whose attribute terms are all
    /// in the query, in row order.
    func strongRows(linked: Set<String>, queryTerms: Set<String>) -> [Int] {
        var out = Set<Int>()
        for other in linked { if let rows = byOther[other] { out.formUnion(rows) } }
        for term in queryTerms {
            for i in byFirstTerm[term] ?? [] where rows[i].attributeTerms?.allSatisfy(queryTerms.contains) == true { out.insert(i) }
        }
        return out.sorted()
    }
}
