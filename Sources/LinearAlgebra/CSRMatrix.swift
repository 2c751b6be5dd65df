/// A sparse `Float` matrix in compressed sparse row form (e.g. hashed TF-IDF features).
///
/// Row `r`'s entries are `colIdx[rowPtr[r]..<rowPtr[r+1]]` with the matching `values`.
/// Columns within a row need not be sorted; repeated columns add up. Products with dense
/// matrices are plain Swift (BLAS has no CSR kernel) and are exact in the sense that they do
/// the same floating-point work as a dense product restricted to the non-zeros.
public struct CSRMatrix: Sendable, Equatable {
    /// Number of rows.
    public let rows: Int
    /// Number of columns.
    public let cols: Int
    /// Row start offsets into `colIdx` / `values`: `rows + 1` entries, `rowPtr[0] == 0`,
    /// non-decreasing, `rowPtr[rows] == nonZeroCount`.
    public let rowPtr: [Int]
    /// Column of each stored entry, in `0..<cols` (`[nonZeroCount]`).
    public let colIdx: [Int32]
    /// Value of each stored entry (`[nonZeroCount]`).
    public let values: [Float]

    /// A CSR matrix from its three arrays, validated.
    /// - Throws: `LinearAlgebraError.shapeMismatch` when the arrays are inconsistent or a column
    ///   is out of range.
    public init(rows: Int, cols: Int, rowPtr: [Int], colIdx: [Int32], values: [Float]) throws {
        guard rows >= 0, cols >= 0, cols <= Int(Int32.max) else {
            throw LinearAlgebraError.shapeMismatch("CSRMatrix: bad shape \(rows)×\(cols)")
        }
        guard rowPtr.count == rows + 1, rowPtr.first == 0, rowPtr.last == colIdx.count,
              colIdx.count == values.count else {
            throw LinearAlgebraError.shapeMismatch(
                "CSRMatrix: rowPtr has \(rowPtr.count) entries for \(rows) rows, \(colIdx.count) columns, \(values.count) values")
        }
        for r in 0..<rows where rowPtr[r] > rowPtr[r + 1] {
            throw LinearAlgebraError.shapeMismatch("CSRMatrix: rowPtr decreases at row \(r)")
        }
        if let bad = colIdx.first(where: { $0 < 0 || Int($0) >= cols }) {
            throw LinearAlgebraError.shapeMismatch("CSRMatrix: column \(bad) out of 0..<\(cols)")
        }
        self.rows = rows
        self.cols = cols
        self.rowPtr = rowPtr
        self.colIdx = colIdx
        self.values = values
    }

    /// A CSR matrix from arrays the caller built itself and knows to be consistent (for example
    /// features hashed into `0..<cols`): no validation pass in release builds, an assertion in
    /// debug builds. Use the throwing initializer for anything that came from outside.
    public init(trustedRows rows: Int, cols: Int, rowPtr: [Int], colIdx: [Int32], values: [Float]) {
        assert(rowPtr.count == rows + 1 && rowPtr.first == 0 && rowPtr.last == colIdx.count && colIdx.count == values.count,
               "CSRMatrix(trustedRows:): inconsistent arrays")
        assert(colIdx.allSatisfy { $0 >= 0 && Int($0) < cols }, "CSRMatrix(trustedRows:): column out of range")
        self.rows = rows
        self.cols = cols
        self.rowPtr = rowPtr
        self.colIdx = colIdx
        self.values = values
    }

    /// A CSR matrix from per-row lists of (column, value) entries.
    /// - Throws: `LinearAlgebraError.shapeMismatch` when a column is out of `0..<cols`.
    public init(cols: Int, rowEntries: [[(col: Int, value: Float)]]) throws {
        var rowPtr = [0], colIdx: [Int32] = [], values: [Float] = []
        for entries in rowEntries {
            for e in entries {
                guard e.col >= 0 && e.col < cols else {
                    throw LinearAlgebraError.shapeMismatch("CSRMatrix: column \(e.col) out of 0..<\(cols)")
                }
                colIdx.append(Int32(e.col))
                values.append(e.value)
            }
            rowPtr.append(colIdx.count)
        }
        try self.init(rows: rowEntries.count, cols: cols, rowPtr: rowPtr, colIdx: colIdx, values: values)
    }

    /// The non-zero entries of a dense matrix (exact zeros are dropped).
    public init(dense m: Matrix) {
        var rowPtr = [0], colIdx: [Int32] = [], values: [Float] = []
        for r in 0..<m.rows {
            for (c, v) in m.row(r).enumerated() where v != 0 {
                colIdx.append(Int32(c))
                values.append(v)
            }
            rowPtr.append(colIdx.count)
        }
        self.rows = m.rows
        self.cols = m.cols
        self.rowPtr = rowPtr
        self.colIdx = colIdx
        self.values = values
    }

    /// A seeded random sparse matrix: each entry is non-zero with probability `density`,
    /// with a standard-normal value. Deterministic in `seed`.
    public static func random(rows: Int, cols: Int, density: Double, seed: UInt64) -> CSRMatrix {
        var rng = SplitMix64(seed: seed)
        var rowPtr = [0], colIdx: [Int32] = [], values: [Float] = []
        let expected = Int(Double(rows) * Double(cols) * density)
        colIdx.reserveCapacity(expected + expected / 8)
        values.reserveCapacity(expected + expected / 8)
        for _ in 0..<rows {
            for c in 0..<cols where rng.nextUnitDouble() < density {
                colIdx.append(Int32(c))
                values.append(rng.nextNormal())
            }
            rowPtr.append(colIdx.count)
        }
        // Safe by construction: columns in range, rowPtr monotone.
        return CSRMatrix(trustedRows: rows, cols: cols, rowPtr: rowPtr, colIdx: colIdx, values: values)
    }

    /// Number of stored entries.
    public var nonZeroCount: Int { values.count }

    /// The dense equivalent `[rows × cols]` (repeated columns summed).
    public func dense() -> Matrix {
        var m = Matrix(rows: rows, cols: cols)
        for r in 0..<rows {
            for p in rowPtr[r]..<rowPtr[r + 1] { m[r, Int(colIdx[p])] += values[p] }
        }
        return m
    }

    /// The transpose `[cols × rows]`, still in CSR form (counting sort by column; stable).
    public var transposed: CSRMatrix {
        var counts = [Int](repeating: 0, count: cols + 1)
        for c in colIdx { counts[Int(c) + 1] += 1 }
        for c in 0..<cols { counts[c + 1] += counts[c] }
        var next = counts
        var tIdx = [Int32](repeating: 0, count: nonZeroCount)
        var tVal = [Float](repeating: 0, count: nonZeroCount)
        for r in 0..<rows {
            for p in rowPtr[r]..<rowPtr[r + 1] {
                let c = Int(colIdx[p])
                tIdx[next[c]] = Int32(r)
                tVal[next[c]] = values[p]
                next[c] += 1
            }
        }
        return CSRMatrix(trustedRows: cols, cols: rows, rowPtr: counts, colIdx: tIdx, values: tVal)
    }
}
