import Foundation
import LinearAlgebra

/// Brute-force cosine search over every stored vector: exact results, the oracle for the
/// approximate (HNSW) index, and fast enough on its own for a few hundred thousand vectors.
///
/// **Layout.** Vectors are L2-normalized and stored in *column panels*: panel `p` is a
/// contiguous row-major matrix `[dimension × capacity]` whose column `c` is the vector of row
/// `p · panelRows + c` (rows are numbered in insertion order; `rowIDs[row]` is the caller's id).
/// Every panel but the last is full (`capacity == panelRows`); the last one doubles its capacity
/// as it fills, so a small index stays small. Scoring one query against a panel is then the
/// BLAS `sgemv` whose kernel streams memory fastest (measured 23 GB/s vs 10 GB/s for the same
/// product over row-major vectors, see `ExactVectorIndexBench`), and a batch of queries is an
/// `sgemm` `Q · panel` with no transposition.
///
/// **Removal** leaves a tombstone (the row stays, listed in `deadRows`, masked to -∞ during
/// scoring); once tombstones exceed `compactionRatio` of the rows the panels are rebuilt.
/// The index is a value type (copy-on-write arrays): a reader can search a copy while a writer
/// adds to or removes from another.
public struct ExactVectorIndex: VectorIndex {
    /// The length of every vector.
    public let dimension: Int
    /// Columns per full panel (rows scored per `sgemv` call).
    public let panelRows: Int
    /// Column panels, each `[dimension × capacity]`; columns `0..<filled(p)` hold vectors.
    var panels: [Matrix]
    /// The id of each row (`[rowCount]`), tombstoned rows included.
    var rowIDs: [UInt32]
    /// Row of every live id.
    var rowOfID: [UInt32: Int]
    /// Tombstoned rows, ascending.
    var deadRows: [Int]
    /// Compact automatically when tombstones exceed this fraction of the rows (and 64 rows).
    public var compactionRatio: Double = 0.25

    /// An empty index for vectors of length `dimension` (≥ 1).
    /// - Parameter panelRows: vectors per storage panel (≥ 1); 4096 keeps a panel's score buffer
    ///   (16 KB) in L1 and gives BLAS long runs.
    public init(dimension: Int, panelRows: Int = 4096) {
        precondition(dimension >= 1, "ExactVectorIndex: dimension must be ≥ 1, got \(dimension)")
        precondition(panelRows >= 1, "ExactVectorIndex: panelRows must be ≥ 1, got \(panelRows)")
        self.dimension = dimension
        self.panelRows = panelRows
        panels = []
        rowIDs = []
        rowOfID = [:]
        deadRows = []
    }

    /// Number of live vectors.
    public var count: Int { rowOfID.count }

    /// Number of stored rows, tombstones included.
    public var rowCount: Int { rowIDs.count }

    /// Number of tombstoned rows awaiting compaction.
    public var tombstoneCount: Int { deadRows.count }

    /// Whether `id` is live.
    public func contains(id: UInt32) -> Bool { rowOfID[id] != nil }

    /// Live ids in row (insertion) order.
    public var ids: [UInt32] {
        if deadRows.isEmpty { return rowIDs }
        return rowIDs.enumerated().compactMap { rowOfID[$0.element] == $0.offset ? $0.element : nil }
    }

    /// The stored (L2-normalized) vector of `id`, or nil when absent.
    public func vector(for id: UInt32) -> [Float]? {
        guard let row = rowOfID[id] else { return nil }
        let panel = panels[row / panelRows], c = row % panelRows
        return (0..<dimension).map { panel[$0, c] }
    }

    /// Number of filled columns of panel `p`.
    func filled(_ p: Int) -> Int { min(panelRows, rowIDs.count - p * panelRows) }

    /// Adds one vector, L2-normalized. Throws on a wrong length, NaN/∞ or a present id.
    public mutating func add(id: UInt32, vector: [Float]) throws {
        guard vector.count == dimension else {
            throw VectorIndexError.dimensionMismatch(expected: dimension, actual: vector.count)
        }
        guard vector.allSatisfy({ $0.isFinite }) else { throw VectorIndexError.nonFiniteValue(row: 0) }
        guard rowOfID[id] == nil else { throw VectorIndexError.duplicateID(id) }
        try add(ids: [id], vectors: Matrix(rows: 1, cols: dimension, values: vector))
    }

    /// Adds `vectors.rows` vectors (`[n × dimension]`) with their `ids`; all or nothing.
    public mutating func add(ids newIDs: [UInt32], vectors batch: Matrix) throws {
        guard newIDs.count == batch.rows else {
            throw VectorIndexError.shapeMismatch("\(newIDs.count) ids for \(batch.rows) vector rows")
        }
        if batch.rows == 0 { return }
        guard batch.cols == dimension else {
            throw VectorIndexError.dimensionMismatch(expected: dimension, actual: batch.cols)
        }
        var seen = Set<UInt32>(minimumCapacity: newIDs.count)
        for id in newIDs where rowOfID[id] != nil || !seen.insert(id).inserted {
            throw VectorIndexError.duplicateID(id)
        }
        if let bad = (0..<batch.rows).first(where: { !batch.row($0).allSatisfy { $0.isFinite } }) {
            throw VectorIndexError.nonFiniteValue(row: bad)
        }
        var unit = batch
        Kernels.normalizeRows(&unit)
        appendNormalized(unit)
        for (i, id) in newIDs.enumerated() { rowOfID[id] = rowIDs.count + i }
        rowIDs.append(contentsOf: newIDs)
    }

    /// Writes normalized rows `[n × dimension]` into the panels after the current last row
    /// (does not touch `rowIDs`). Chunks going to one panel are transposed in tiles and copied
    /// as contiguous runs.
    mutating func appendNormalized(_ unit: Matrix) {
        var next = rowIDs.count, done = 0
        while done < unit.rows {
            let p = next / panelRows, c = next % panelRows
            let take = min(unit.rows - done, panelRows - c)
            ensureCapacity(panel: p, columns: c + take)
            let chunkT = unit.rows(done..<(done + take)).transposed          // [dimension × take]
            let cap = panels[p].cols
            chunkT.withUnsafeBufferPointer { src in
                panels[p].withUnsafeMutableBufferPointer { dst in
                    for j in 0..<dimension {
                        _ = UnsafeMutableBufferPointer(rebasing: dst[(j * cap + c)..<(j * cap + c + take)])
                            .update(fromContentsOf: src[(j * take)..<((j + 1) * take)])
                    }
                }
            }
            done += take
            next += take
        }
    }

    /// Makes panel `p` exist with at least `columns` columns, doubling the last panel's capacity.
    private mutating func ensureCapacity(panel p: Int, columns: Int) {
        if p == panels.count {
            panels.append(Matrix(rows: dimension, cols: Swift.min(panelRows, Swift.max(64, columns))))
            return
        }
        let old = panels[p]
        guard old.cols < columns else { return }
        var capacity = old.cols
        while capacity < columns { capacity *= 2 }
        capacity = Swift.min(panelRows, capacity)
        let used = filled(p)
        var grown = Matrix(rows: dimension, cols: capacity)
        old.withUnsafeBufferPointer { src in
            grown.withUnsafeMutableBufferPointer { dst in
                for j in 0..<dimension {
                    _ = UnsafeMutableBufferPointer(rebasing: dst[(j * capacity)..<(j * capacity + used)])
                        .update(fromContentsOf: src[(j * old.cols)..<(j * old.cols + used)])
                }
            }
        }
        panels[p] = grown
    }

    /// Tombstones `id`; compacts when tombstones pile up. Returns false when `id` is absent.
    @discardableResult
    public mutating func remove(id: UInt32) -> Bool {
        guard let row = rowOfID.removeValue(forKey: id) else { return false }
        deadRows.insert(row, at: Self.insertionPoint(of: row, in: deadRows))
        if deadRows.count >= 64 && Double(deadRows.count) > compactionRatio * Double(rowIDs.count) {
            compact()
        }
        return true
    }

    /// Drops tombstoned rows, keeping live rows in order. O(rowCount · dimension).
    public mutating func compact() {
        guard !deadRows.isEmpty else { return }
        let live = liveRowMajor()
        let liveIDs = ids
        var fresh = ExactVectorIndex(dimension: dimension, panelRows: panelRows)
        fresh.compactionRatio = compactionRatio
        fresh.appendNormalized(live)
        fresh.rowIDs = liveIDs
        fresh.rowOfID = Dictionary(uniqueKeysWithValues: liveIDs.enumerated().map { ($0.element, $0.offset) })
        self = fresh
    }

    /// The live vectors as a row-major matrix `[count × dimension]`, in row order.
    func liveRowMajor() -> Matrix {
        var out = Matrix(rows: 0, cols: dimension)
        out.reserveRows(count)
        var dead = deadRows[...]
        for p in panels.indices {
            let used = filled(p)
            let rowsT = panels[p].columns(0..<used).transposed                // [used × dimension]
            if (dead.first.map { $0 >= p * panelRows + used }) ?? true {
                out.appendRows(rowsT)
                continue
            }
            for c in 0..<used {
                if let d = dead.first, d == p * panelRows + c {
                    dead.removeFirst()
                } else {
                    out.appendRow(rowsT.row(c))
                }
            }
        }
        return out
    }

    /// The first index in sorted `array` whose element is ≥ `value`.
    static func insertionPoint(of value: Int, in array: [Int]) -> Int {
        var lo = 0, hi = array.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if array[mid] < value { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}
