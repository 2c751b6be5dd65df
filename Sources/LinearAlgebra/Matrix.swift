/// A dense row-major `Float` matrix: element (r, c) lives at `values[r * cols + c]`.
///
/// A value type with copy-on-write storage (a Swift array), so copies are cheap until mutated
/// and a `Matrix` can be shared across tasks. Row access returns `ArraySlice`s that share the
/// storage; `withUnsafeRows(_:_:)` hands out a pointer view of a row range without copying.
///
/// Shape errors (an index out of range, a values array of the wrong length) are programmer
/// errors and trap through preconditions, like `Array`'s subscript. Initializers that take
/// outside data (`init(rows:)`) throw instead.
public struct Matrix: Sendable, Equatable {
    /// Number of rows.
    public internal(set) var rows: Int
    /// Number of columns (the length of every row).
    public internal(set) var cols: Int
    /// Row-major elements, `rows * cols` of them.
    public internal(set) var values: [Float]

    /// A `rows × cols` matrix filled with `value`.
    public init(rows: Int, cols: Int, repeating value: Float = 0) {
        precondition(rows >= 0 && cols >= 0, "Matrix: negative shape \(rows)×\(cols)")
        self.rows = rows
        self.cols = cols
        self.values = [Float](repeating: value, count: rows * cols)
    }

    /// A `rows × cols` matrix over existing row-major `values` (precondition: `values.count == rows * cols`).
    public init(rows: Int, cols: Int, values: [Float]) {
        precondition(rows >= 0 && cols >= 0, "Matrix: negative shape \(rows)×\(cols)")
        precondition(values.count == rows * cols,
                     "Matrix: \(values.count) values for shape \(rows)×\(cols)")
        self.rows = rows
        self.cols = cols
        self.values = values
    }

    /// A matrix whose rows are `rowArrays` (all the same length).
    /// - Parameter cols: the column count to use when `rowArrays` is empty (default 0).
    /// - Throws: `LinearAlgebraError.shapeMismatch` when the rows have different lengths.
    public init(rows rowArrays: [[Float]], cols: Int? = nil) throws {
        let width = rowArrays.first?.count ?? cols ?? 0
        if let cols, cols != width {
            throw LinearAlgebraError.shapeMismatch("rows have \(width) columns, expected \(cols)")
        }
        var flat: [Float] = []
        flat.reserveCapacity(rowArrays.count * width)
        for (i, row) in rowArrays.enumerated() {
            guard row.count == width else {
                throw LinearAlgebraError.shapeMismatch("row \(i) has \(row.count) columns, row 0 has \(width)")
            }
            flat.append(contentsOf: row)
        }
        self.init(rows: rowArrays.count, cols: width, values: flat)
    }

    /// The `n × n` identity matrix.
    public static func identity(_ n: Int) -> Matrix {
        var m = Matrix(rows: n, cols: n)
        for i in 0..<n { m.values[i * n + i] = 1 }
        return m
    }

    /// A matrix of independent standard-normal entries drawn from a `SplitMix64` seeded with
    /// `seed`: the same seed gives the same matrix on every platform.
    public static func randomNormal(rows: Int, cols: Int, seed: UInt64) -> Matrix {
        var rng = SplitMix64(seed: seed)
        var m = Matrix(rows: rows, cols: cols)
        m.values.withUnsafeMutableBufferPointer { rng.fillNormal($0) }
        return m
    }

    /// A matrix of independent entries uniform in `[low, high)`, deterministic in `seed`.
    public static func randomUniform(rows: Int, cols: Int, in range: Range<Float> = 0..<1,
                                     seed: UInt64) -> Matrix {
        var rng = SplitMix64(seed: seed)
        var m = Matrix(rows: rows, cols: cols)
        let width = range.upperBound - range.lowerBound
        for i in m.values.indices { m.values[i] = range.lowerBound + width * rng.nextUnitFloat() }
        return m
    }

    /// Whether the matrix has no elements.
    public var isEmpty: Bool { rows == 0 || cols == 0 }

    /// Element (r, c).
    public subscript(r: Int, c: Int) -> Float {
        get {
            precondition(r >= 0 && r < rows && c >= 0 && c < cols, "Matrix: index (\(r), \(c)) out of \(rows)×\(cols)")
            return values[r * cols + c]
        }
        set {
            precondition(r >= 0 && r < rows && c >= 0 && c < cols, "Matrix: index (\(r), \(c)) out of \(rows)×\(cols)")
            values[r * cols + c] = newValue
        }
    }

    /// Row `r` as a slice sharing the storage (no copy).
    public func row(_ r: Int) -> ArraySlice<Float> {
        precondition(r >= 0 && r < rows, "Matrix: row \(r) out of \(rows)")
        return values[(r * cols)..<((r + 1) * cols)]
    }

    /// Replaces row `r` with `newRow` (length `cols`).
    public mutating func setRow<C: Collection>(_ r: Int, to newRow: C) where C.Element == Float {
        precondition(r >= 0 && r < rows, "Matrix: row \(r) out of \(rows)")
        precondition(newRow.count == cols, "Matrix: row of length \(newRow.count), expected \(cols)")
        values.replaceSubrange((r * cols)..<((r + 1) * cols), with: newRow)
    }

    /// All rows as arrays (copies; convenient for tests and small matrices).
    public var rowArrays: [[Float]] { (0..<rows).map { Array(row($0)) } }

    /// A copy of rows `range` as a new matrix `[range.count × cols]`.
    public func rows(_ range: Range<Int>) -> Matrix {
        precondition(range.lowerBound >= 0 && range.upperBound <= rows, "Matrix: rows \(range) out of \(rows)")
        return Matrix(rows: range.count, cols: cols,
                      values: Array(values[(range.lowerBound * cols)..<(range.upperBound * cols)]))
    }

    /// A copy of columns `range` as a new matrix `[rows × range.count]`.
    public func columns(_ range: Range<Int>) -> Matrix {
        precondition(range.lowerBound >= 0 && range.upperBound <= cols, "Matrix: columns \(range) out of \(cols)")
        var out = Matrix(rows: rows, cols: range.count)
        for r in 0..<rows {
            for (j, c) in range.enumerated() { out.values[r * range.count + j] = values[r * cols + c] }
        }
        return out
    }

    /// The transpose `[cols × rows]`, built in cache-friendly 32×32 tiles.
    public var transposed: Matrix {
        var out = Matrix(rows: cols, cols: rows)
        let tile = 32, rows = self.rows, cols = self.cols
        values.withUnsafeBufferPointer { src in
            out.values.withUnsafeMutableBufferPointer { dst in
                for r0 in stride(from: 0, to: rows, by: tile) {
                    for c0 in stride(from: 0, to: cols, by: tile) {
                        for r in r0..<min(r0 + tile, rows) {
                            for c in c0..<min(c0 + tile, cols) { dst[c * rows + r] = src[r * cols + c] }
                        }
                    }
                }
            }
        }
        return out
    }

    /// Appends the rows of `other` (same `cols`; any `cols` when `self` has no rows).
    public mutating func appendRows(_ other: Matrix) {
        if rows == 0 && values.isEmpty { cols = other.cols }
        precondition(other.cols == cols, "Matrix: appending \(other.cols)-column rows to \(cols) columns")
        values.append(contentsOf: other.values)
        rows += other.rows
    }

    /// Appends one row (length `cols`).
    public mutating func appendRow<C: Collection>(_ newRow: C) where C.Element == Float {
        precondition(newRow.count == cols, "Matrix: row of length \(newRow.count), expected \(cols)")
        values.append(contentsOf: newRow)
        rows += 1
    }

    /// Keeps only the rows whose index satisfies `keep`, preserving order.
    public mutating func retainRows(where keep: (Int) -> Bool) {
        var write = 0
        let cols = self.cols
        values.withUnsafeMutableBufferPointer { v in
            for r in 0..<rows where keep(r) {
                if write != r {
                    for c in 0..<cols { v[write * cols + c] = v[r * cols + c] }
                }
                write += 1
            }
        }
        values.removeLast((rows - write) * cols)
        rows = write
    }

    /// Reserves storage for `rowCapacity` rows.
    public mutating func reserveRows(_ rowCapacity: Int) {
        values.reserveCapacity(rowCapacity * cols)
    }
}
