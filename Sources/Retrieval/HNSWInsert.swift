// Insert side of the HNSW index: the paper's INSERT with the SELECT-NEIGHBORS-HEURISTIC
// (keepPrunedConnections = false, extendCandidates = false), and neighbour-list shrinking when
// a back link overflows a list.

extension HNSWGraph.View {
    /// The paper's neighbour-selection heuristic. `candidates` are sorted best first by their
    /// score against the base point; a candidate is kept only when it is closer to the base
    /// point than to every neighbour kept so far (score(c, base) ≥ score(c, kept)), which keeps
    /// links pointing in diverse directions and the graph navigable across clusters.
    /// With fewer than `limit` candidates all are kept.
    func selectNeighbors(_ candidates: [HNSWHeap.Entry], limit: Int) -> [HNSWHeap.Entry] {
        if candidates.count <= limit { return candidates }
        var kept: [HNSWHeap.Entry] = []
        kept.reserveCapacity(limit)
        for c in candidates {
            if kept.count >= limit { break }
            let v = vector(c.node)
            var diverse = true
            for other in kept where dot(v, other.node) > c.key {
                diverse = false
                break
            }
            if diverse { kept.append(c) }
        }
        return kept
    }

    /// Replaces the list of `node` on `layer` by `neighbors` (count ≤ the list capacity).
    @inline(__always)
    func setList(_ node: UInt32, layer: Int, _ neighbors: [HNSWHeap.Entry]) {
        let list = self.list(node, layer: layer)
        list[0] = UInt32(neighbors.count)
        for (i, n) in neighbors.enumerated() { list[i + 1] = n.node }
    }

    /// Adds the link `from → to` on `layer` (`score` = their inner product). A full list is
    /// re-selected with the heuristic among its old members plus `to`.
    func addLink(from: UInt32, to: UInt32, score: Float, layer: Int, capacity: Int) {
        let list = self.list(from, layer: layer)
        let n = Int(list[0])
        if n < capacity {
            list[n + 1] = to
            list[0] = UInt32(n + 1)
            return
        }
        let base = vector(from)
        var candidates: [HNSWHeap.Entry] = []
        candidates.reserveCapacity(n + 1)
        for j in 1...n { candidates.append(.init(key: dot(base, list[j]), node: list[j])) }
        candidates.append(.init(key: score, node: to))
        candidates.sort { $0.key > $1.key }
        setList(from, layer: layer, selectNeighbors(candidates, limit: capacity))
    }
}

extension HNSWIndex {
    /// Links the freshly appended `node` (its vector already stored) into every layer up to
    /// `level`, and makes it the entry point when it is the new top.
    /// Precondition: `graph` is uniquely referenced.
    mutating func link(_ node: UInt32, level: Int) {
        let graph = self.graph
        guard graph.entryPoint != HNSWLayout.none else {
            graph.entryPoint = node
            graph.maxLevel = level
            return
        }
        let view = graph.view
        let m = parameters.m, efConstruction = parameters.efConstruction
        let hasTombstones = graph.tombstones > 0
        pool.withScratch(nodeCount: graph.nodeCount, paddedDimension: graph.paddedDimension) { scratch in
            let q = UnsafePointer(view.vector(node))
            var entry = graph.entryPoint
            var score = view.dot(q, entry)
            var layer = graph.maxLevel
            while layer > level {
                (entry, score) = view.greedy(q, from: entry, score: score, layer: layer)
                layer -= 1
            }
            var entries = [HNSWHeap.Entry(key: score, node: entry)]
            for layer in stride(from: min(level, graph.maxLevel), through: 0, by: -1) {
                let generation = scratch.nextGeneration()
                scratch.marks[Int(node)] = generation
                scratch.candidates.removeAll()
                scratch.results.removeAll()
                for e in entries {
                    scratch.marks[Int(e.node)] = generation
                    scratch.candidates.push(-e.key, e.node)
                    if !view.isDeleted(e.node) { scratch.results.push(e.key, e.node) }
                }
                view.searchLayer(q, ef: efConstruction, layer: layer, scratch: scratch,
                                 generation: generation, hasTombstones: hasTombstones)
                var found: [HNSWHeap.Entry] = []
                found.reserveCapacity(scratch.results.count)
                while !scratch.results.isEmpty { found.append(scratch.results.pop()) }
                found.reverse()
                if found.isEmpty { continue }
                let neighbors = view.selectNeighbors(found, limit: m)
                view.setList(node, layer: layer, neighbors)
                let capacity = layer == 0 ? 2 * m : m
                for e in neighbors {
                    view.addLink(from: e.node, to: node, score: e.key, layer: layer, capacity: capacity)
                }
                entries = found
            }
        }
        if level > graph.maxLevel {
            graph.entryPoint = node
            graph.maxLevel = level
        }
    }
}

