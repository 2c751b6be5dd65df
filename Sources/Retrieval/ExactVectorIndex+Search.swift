import LinearAlgebra

/// Block sizes for batched exact search, tuned on a Zen 4 core (1 MB L2, 32 MB shared L3) with
/// `ExactVectorIndexBench` (100k × 256, 1000 queries). Tall query blocks win: OpenBLAS packs the
/// stored-vector block once per `sgemm` call, so fewer, taller calls move less memory; the
/// default score block (1024 × 2048 floats = 8 MB) stays in L3 between `sgemm` and the heaps.
public struct ExactSearchBlocking: Sendable, Equatable {
    /// Stored rows per `sgemm` block (capped at the index's `panelRows`).
    public var batchRows: Int
    /// Queries per `sgemm` block.
    public var batchQueries: Int

    /// Explicit block sizes (each ≥ 1).
    public init(batchRows: Int = 2048, batchQueries: Int = 1024) {
        precondition(batchRows >= 1 && batchQueries >= 1, "ExactSearchBlocking: sizes must be ≥ 1")
        self.batchRows = batchRows
        self.batchQueries = batchQueries
    }

    /// The tuned defaults.
    public static let `default` = ExactSearchBlocking()
}

extension ExactVectorIndex {
    /// The `k` live vectors with the highest cosine similarity to `query`, best first (ties by
    /// lower id): one `sgemv` per panel into a `[panelRows]` score buffer, then a bounded heap.
    /// Precondition: `query.count == dimension`.
    public func search(_ query: [Float], k: Int) -> [(id: UInt32, score: Float)] {
        precondition(query.count == dimension, "ExactVectorIndex.search: query of \(query.count), dimension \(dimension)")
        guard k > 0, count > 0 else { return [] }
        var heap = TopKHeap(k: Swift.min(k, count))
        // One panel and a large k (fusion asks for hundreds of wordings): select, don't heap.
        let selects = panels.count == 1 && k >= 32
        var selected: [(index: Int, score: Float)] = []
        scorePanels(query) { block, labels in
            if selects {
                selected = TopK.best(k: Swift.min(k, count), scores: block, labels: labels)
            } else {
                heap.push(scores: block, labels: labels)
            }
        }
        return (selects ? selected : heap.sorted()).map { (id: UInt32($0.index), score: $0.score) }
    }

    /// Calls `visit(id, cosine)` for every live vector, in row order: the scores `search` ranks,
    /// for callers that fold them some other way (best wording per chunk).
    /// Precondition: `query.count == dimension`.
    func forEachScore(_ query: [Float], _ visit: (UInt32, Float) -> Void) {
        precondition(query.count == dimension, "ExactVectorIndex.forEachScore: query of \(query.count), dimension \(dimension)")
        guard count > 0 else { return }
        scorePanels(query) { block, labels in
            for c in block.indices where block[c] > -.infinity { visit(labels[c], block[c]) }
        }
    }

    /// Scores the normalized `query` against each panel in turn and hands `body` the panel's
    /// scores (tombstoned rows at -∞) with the ids of its rows.
    private func scorePanels(_ query: [Float], _ body: (UnsafeBufferPointer<Float>, UnsafeBufferPointer<UInt32>) -> Void) {
        var unit = query
        Kernels.normalize(&unit)
        var scores = [Float](repeating: 0, count: Swift.min(panelRows, rowCount))   // [panel columns]
        var dead = deadRows[...]
        unit.withUnsafeBufferPointer { q in
            scores.withUnsafeMutableBufferPointer { s in
                rowIDs.withUnsafeBufferPointer { ids in
                    for p in panels.indices {
                        let start = p * panelRows, used = filled(p)
                        panels[p].withUnsafeRef { panel in
                            // scores[c] = Σ_j panel[j, c] · q[j], i.e. panelᵀ · q over the filled columns.
                            let view = MatrixRef(base: panel.base, rows: dimension, cols: used, ld: panel.cols)
                            Kernels.gemv(view, .transpose, x: q.baseAddress!, into: s.baseAddress!)
                        }
                        while let r = dead.first, r < start + used {
                            s[r - start] = -.infinity
                            dead.removeFirst()
                        }
                        body(UnsafeBufferPointer(rebasing: s[0..<used]), UnsafeBufferPointer(rebasing: ids[start..<(start + used)]))
                    }
                }
            }
        }
    }

    /// One result list per row of `queries` (`[nq × dimension]`), equal to calling
    /// `search(_:k:)` per row up to float rounding between `sgemm` and `sgemv`.
    /// Scores `[batchQueries × batchRows]` blocks with `sgemm` (`Q · panel`) and feeds each score
    /// row to that query's heap. Precondition: `queries.cols == dimension` (or no rows).
    public func search(batch queries: Matrix, k: Int) -> [[(id: UInt32, score: Float)]] {
        search(batch: queries, k: k, blocking: .default)
    }

    /// `search(batch:k:)` with explicit block sizes (for tuning).
    public func search(batch queries: Matrix, k: Int, blocking: ExactSearchBlocking) -> [[(id: UInt32, score: Float)]] {
        precondition(queries.cols == dimension || queries.rows == 0,
                     "ExactVectorIndex.search(batch:): queries have \(queries.cols) columns, dimension \(dimension)")
        let nq = queries.rows
        guard k > 0, count > 0, nq > 0 else { return Array(repeating: [], count: nq) }
        if nq == 1 { return [search(Array(queries.row(0)), k: k)] }
        var unit = queries
        Kernels.normalizeRows(&unit)
        var heaps = [TopKHeap](repeating: TopKHeap(k: Swift.min(k, count)), count: nq)
        let qBlock = Swift.min(blocking.batchQueries, nq)
        let rBlock = Swift.min(blocking.batchRows, panelRows, rowCount)
        var scores = Matrix(rows: qBlock, cols: rBlock)                      // [qBlock × rBlock]
        unit.withUnsafeRef { q in
            scores.withUnsafeMutableRef { s in
                rowIDs.withUnsafeBufferPointer { ids in
                    for qStart in stride(from: 0, to: nq, by: qBlock) {
                        let qEnd = Swift.min(qStart + qBlock, nq)
                        var dead = deadRows[...]
                        for p in panels.indices {
                            let used = filled(p)
                            panels[p].withUnsafeRef { panel in
                                for c0 in stride(from: 0, to: used, by: rBlock) {
                                    let c1 = Swift.min(c0 + rBlock, used), start = p * panelRows + c0
                                    let block = MutableMatrixRef(base: s.base, rows: qEnd - qStart, cols: c1 - c0, ld: rBlock)
                                    let columns = MatrixRef(base: panel.base + c0, rows: dimension, cols: c1 - c0, ld: panel.cols)
                                    Kernels.gemm(q.rows(qStart..<qEnd), .none, columns, .none, into: block)
                                    while let r = dead.first, r < start + (c1 - c0) {
                                        for i in 0..<block.rows { block.base[i * rBlock + r - start] = -.infinity }
                                        dead.removeFirst()
                                    }
                                    let labels = UnsafeBufferPointer(rebasing: ids[start..<(start + c1 - c0)])
                                    for i in 0..<block.rows {
                                        heaps[qStart + i].push(scores: UnsafeBufferPointer(block.row(i)), labels: labels)
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return heaps.map { heap in heap.sorted().map { (id: UInt32($0.index), score: $0.score) } }
    }
}
