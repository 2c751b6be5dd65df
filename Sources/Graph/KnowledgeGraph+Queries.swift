import TextAnalysis

extension KnowledgeGraph {
    /// Entities whose name or an alias contains `query` (normalized), exact matches first, then
    /// prefix matches, then the rest, by name.
    public func lookup(_ query: String, limit: Int = 20) -> [Entity] {
        let q = Normalizer.normalize(query).trimmingCharacters(in: .whitespaces)
        guard !q.isEmpty else { return [] }
        var scored: [(Int, Entity)] = []
        for e in entities.values {
            let forms = ([e.name] + e.aliases).map { Normalizer.normalize($0) }
            if forms.contains(q) { scored.append((0, e)) }
            else if forms.contains(where: { $0.hasPrefix(q) }) { scored.append((1, e)) }
            else if forms.contains(where: { $0.contains(q) }) || Normalizer.normalize(e.id).contains(q) { scored.append((2, e)) }
        }
        scored.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1.name < $1.1.name }
        return scored.prefix(limit).map(\.1)
    }

    /// Every relation that starts or ends at `id`.
    public func relations(of id: String) -> [Edge] {
        relationIndices(of: id).map { edges[$0] }
    }

    /// The positions in `edges` of `relations(of:)`, in the same order (an edge from `id` to
    /// itself twice): for tables built once that should not copy the edges.
    public func relationIndices(of id: String) -> [Int] {
        ((outgoing[id] ?? []) + (incoming[id] ?? [])).sorted()
    }

    /// Entities within `hops` steps of `id` (either direction), with their distance, nearest first;
    /// `types` restricts the relation types followed (empty: all).
    public func neighbors(of id: String, hops: Int = 1, types: Set<String> = []) -> [(entity: Entity, distance: Int)] {
        guard entities[id] != nil, hops > 0 else { return [] }
        var distance: [String: Int] = [id: 0]
        var frontier = [id]
        for d in 1...hops {
            var next: [String] = []
            for node in frontier {
                for n in adjacent(node, types: types) where distance[n] == nil {
                    distance[n] = d
                    next.append(n)
                }
            }
            frontier = next
        }
        return distance.filter { $0.key != id }.compactMap { key, d in entities[key].map { ($0, d) } }
            .sorted { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0.name < $1.0.name }
    }

    /// The shortest chain of relations between two entities (breadth-first, either direction),
    /// or nil when none is within `maxHops`.
    public func path(from: String, to: String, maxHops: Int = 4) -> [Edge]? {
        guard entities[from] != nil, entities[to] != nil else { return nil }
        if from == to { return [] }
        var via: [String: Int] = [:]   // node → edge index that reached it
        var seen: Set<String> = [from]
        var frontier = [from]
        for _ in 0..<maxHops {
            var next: [String] = []
            for node in frontier {
                for i in (outgoing[node] ?? []) + (incoming[node] ?? []) {
                    let e = edges[i]
                    guard e.literalValue == nil else { continue }
                    let other = e.subject == node ? e.object : e.subject
                    guard seen.insert(other).inserted else { continue }
                    via[other] = i
                    if other == to {
                        var chain: [Edge] = []
                        var cur = to
                        while cur != from, let i = via[cur] {
                            chain.append(edges[i])
                            cur = edges[i].subject == cur ? edges[i].object : edges[i].subject
                        }
                        return chain.reversed()
                    }
                    next.append(other)
                }
            }
            frontier = next
        }
        return nil
    }

    /// The values of an attribute of an entity (has_spec edges), best supported first.
    public func facts(of id: String, attribute: String? = nil) -> [Edge] {
        (outgoing[id] ?? []).map { edges[$0] }
            .filter { $0.literalValue != nil && (attribute == nil || $0.attribute == attribute) }
            .sorted { $0.confidence != $1.confidence ? $0.confidence > $1.confidence : $0.sources.count > $1.sources.count }
    }

    func adjacent(_ node: String, types: Set<String>) -> [String] {
        var out: [String] = []
        for i in (outgoing[node] ?? []) + (incoming[node] ?? []) {
            let e = edges[i]
            guard e.literalValue == nil, types.isEmpty || types.contains(e.type) else { continue }
            out.append(e.subject == node ? e.object : e.subject)
        }
        return out
    }
}

extension KnowledgeGraph.Edge {
    /// The literal value of a has_spec edge, or nil when the object is an entity.
    public var literalValue: String? {
        object.hasPrefix(ExtractedRelation.valuePrefix) ? String(object.dropFirst(ExtractedRelation.valuePrefix.count)) : nil
    }
}
