import TextAnalysis

extension KnowledgeGraph {
    /// A part of the graph: entities and the edges among them.
    public struct Subgraph: Sendable, Hashable {
        /// The entities reached, by id.
        public var entities: [Entity]
        /// Edges between reached entities, plus their literal-valued (has_spec) edges, in canonical
        /// order (subject, type, object, attribute).
        public var edges: [Edge]
        /// Each reached entity's distance from the nearest seed (seeds: 0).
        public var distance: [String: Int]

        /// The subgraph as an export document.
        public var document: GraphDocument {
            var g = KnowledgeGraph()
            for e in entities { g.entities[e.id] = e }
            g.edges = edges
            return g.exportDocument()
        }
    }

    /// The entities within `hops` steps (either direction, entity-to-entity relations only) of any
    /// seed in `ids`, with every edge among them and their literal-valued edges. Unknown seeds are
    /// ignored; `hops` ≤ 0 gives the seeds alone; cycles are visited once. `types` restricts the
    /// relation types followed (empty: all); the edges returned are not restricted.
    public func subgraph(around ids: Set<String>, hops: Int, types: Set<String> = []) -> Subgraph {
        var distance: [String: Int] = [:]
        var frontier = ids.filter { entities[$0] != nil }.sorted()
        for id in frontier { distance[id] = 0 }
        var d = 0
        while d < hops, !frontier.isEmpty {
            d += 1
            var next: [String] = []
            for node in frontier {
                for n in adjacent(node, types: types) where distance[n] == nil && entities[n] != nil {
                    distance[n] = d
                    next.append(n)
                }
            }
            frontier = next
        }
        var indexes = Set<Int>()
        for id in distance.keys {
            for i in outgoing[id] ?? [] where edges[i].literalValue != nil || distance[edges[i].object] != nil {
                indexes.insert(i)
            }
        }
        let picked = indexes.map { edges[$0] }.sorted {
            let a = [$0.subject, $0.type, $0.object, $0.attribute ?? ""], b = [$1.subject, $1.type, $1.object, $1.attribute ?? ""]
            return a != b ? a.lexicographicallyPrecedes(b) : $0.method < $1.method
        }
        let reached = distance.keys.sorted().compactMap { entities[$0] }
        return Subgraph(entities: reached, edges: picked, distance: distance)
    }

    /// The literal-valued (has_spec) edges of an entity whose attribute is `attribute` or a
    /// qualified form of it: the query is normalized like table keys
    /// (``RelationExtractor/normalizeKey(_:)``, so "Range (CLTC)" asks for "range") and matches an
    /// attribute equal to it or starting with it at a boundary ("price" matches "price" and
    /// "price, pro rwd", not "prices"; a query ending in a CJK character matches any longer key).
    /// nil returns every fact. Exact matches first, then by confidence and number of sources.
    public func facts(of entityID: String, matching attribute: String?) -> [Edge] {
        let query = attribute.map(RelationExtractor.normalizeKey)
        let found = (outgoing[entityID] ?? []).map { edges[$0] }.filter { e in
            guard e.literalValue != nil else { return false }
            guard let query else { return true }
            return Self.attribute(e.attribute ?? "", matches: query)
        }
        return found.sorted { a, b in
            let ea = a.attribute == query, eb = b.attribute == query
            if ea != eb { return ea }
            if a.confidence != b.confidence { return a.confidence > b.confidence }
            if a.sources.count != b.sources.count { return a.sources.count > b.sources.count }
            return [a.attribute ?? "", a.object].lexicographicallyPrecedes([b.attribute ?? "", b.object])
        }
    }

    /// Whether a normalized attribute is `query` or starts with it at a word boundary.
    static func attribute(_ attribute: String, matches query: String) -> Bool {
        guard !query.isEmpty, attribute.utf8.starts(with: query.utf8) else { return false }
        let rest = String(decoding: attribute.utf8.dropFirst(query.utf8.count), as: UTF8.self)
        guard let next = rest.unicodeScalars.first, let last = query.unicodeScalars.last else { return true }
        let isWord: (Unicode.Scalar) -> Bool = { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)) }
        return !(isWord(last) && isWord(next))
    }
}
