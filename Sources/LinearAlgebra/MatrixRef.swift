/// Whether a kernel uses a matrix as stored or its transpose.
public enum Transpose: Sendable, Equatable {
    /// Use the matrix as stored.
    case none
    /// Use the transpose of the stored matrix.
    case transpose
}

/// A borrowed, read-only view of a row-major block of `Float`s: `rows × cols` with row stride
/// `ld` (≥ `cols`), so element (r, c) is `base[r * ld + c]`.
///
/// Only valid inside the `withUnsafe...` closure that produced it; never store it.
public struct MatrixRef {
    /// First element (row 0, column 0). May dangle when `rows * cols == 0`; never read then.
    public let base: UnsafePointer<Float>
    /// Number of rows in the view.
    public let rows: Int
    /// Number of columns in the view.
    public let cols: Int
    /// Distance in elements between the starts of consecutive rows.
    public let ld: Int

    /// A view over `base` (precondition: `ld >= cols`, non-negative shape).
    public init(base: UnsafePointer<Float>, rows: Int, cols: Int, ld: Int? = nil) {
        let ld = ld ?? cols
        precondition(rows >= 0 && cols >= 0 && ld >= cols, "MatrixRef: bad shape \(rows)×\(cols), ld \(ld)")
        self.base = base
        self.rows = rows
        self.cols = cols
        self.ld = ld
    }

    /// Rows `range` of this view, without copying.
    public func rows(_ range: Range<Int>) -> MatrixRef {
        precondition(range.lowerBound >= 0 && range.upperBound <= rows, "MatrixRef: rows \(range) out of \(rows)")
        return MatrixRef(base: base + range.lowerBound * ld, rows: range.count, cols: cols, ld: ld)
    }

    /// Row `r` as a buffer of `cols` elements.
    public func row(_ r: Int) -> UnsafeBufferPointer<Float> {
        precondition(r >= 0 && r < rows, "MatrixRef: row \(r) out of \(rows)")
        return UnsafeBufferPointer(start: base + r * ld, count: cols)
    }
}

/// A borrowed, writable view of a row-major block: `rows × cols`, row stride `ld`.
/// Only valid inside the closure that produced it.
public struct MutableMatrixRef {
    /// First element (row 0, column 0).
    public let base: UnsafeMutablePointer<Float>
    /// Number of rows in the view.
    public let rows: Int
    /// Number of columns in the view.
    public let cols: Int
    /// Distance in elements between the starts of consecutive rows.
    public let ld: Int

    /// A writable view over `base` (precondition: `ld >= cols`, non-negative shape).
    public init(base: UnsafeMutablePointer<Float>, rows: Int, cols: Int, ld: Int? = nil) {
        let ld = ld ?? cols
        precondition(rows >= 0 && cols >= 0 && ld >= cols, "MutableMatrixRef: bad shape \(rows)×\(cols), ld \(ld)")
        self.base = base
        self.rows = rows
        self.cols = cols
        self.ld = ld
    }

    /// The same block, read-only.
    public var readOnly: MatrixRef { MatrixRef(base: base, rows: rows, cols: cols, ld: ld) }

    /// Rows `range` of this view, without copying.
    public func rows(_ range: Range<Int>) -> MutableMatrixRef {
        precondition(range.lowerBound >= 0 && range.upperBound <= rows, "MutableMatrixRef: rows \(range) out of \(rows)")
        return MutableMatrixRef(base: base + range.lowerBound * ld, rows: range.count, cols: cols, ld: ld)
    }

    /// Row `r` as a writable buffer of `cols` elements.
    public func row(_ r: Int) -> UnsafeMutableBufferPointer<Float> {
        precondition(r >= 0 && r < rows, "MutableMatrixRef: row \(r) out of \(rows)")
        return UnsafeMutableBufferPointer(start: base + r * ld, count: cols)
    }
}

extension Matrix {
    /// Calls `body` with a read-only view of the whole matrix (no copy).
    public func withUnsafeRef<R>(_ body: (MatrixRef) throws -> R) rethrows -> R {
        try withUnsafeRows(0..<rows, body)
    }

    /// Calls `body` with a read-only view of rows `range` (`[range.count × cols]`, no copy).
    public func withUnsafeRows<R>(_ range: Range<Int>, _ body: (MatrixRef) throws -> R) rethrows -> R {
        precondition(range.lowerBound >= 0 && range.upperBound <= rows, "Matrix: rows \(range) out of \(rows)")
        let cols = self.cols
        return try values.withUnsafeBufferPointer { buf in
            // An empty array may have a nil base address; BLAS never reads it for empty shapes.
            let base = buf.baseAddress ?? UnsafePointer(bitPattern: MemoryLayout<Float>.alignment)!
            return try body(MatrixRef(base: base + range.lowerBound * cols, rows: range.count, cols: cols))
        }
    }

    /// Calls `body` with a writable view of the whole matrix (no copy unless storage is shared).
    public mutating func withUnsafeMutableRef<R>(_ body: (MutableMatrixRef) throws -> R) rethrows -> R {
        let rows = self.rows, cols = self.cols
        return try values.withUnsafeMutableBufferPointer { buf in
            let base = buf.baseAddress ?? UnsafeMutablePointer(bitPattern: MemoryLayout<Float>.alignment)!
            return try body(MutableMatrixRef(base: base, rows: rows, cols: cols))
        }
    }

    /// Calls `body` with the row-major elements as a flat buffer (`rows * cols`).
    public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Float>) throws -> R) rethrows -> R {
        try values.withUnsafeBufferPointer(body)
    }

    /// Calls `body` with the row-major elements as a flat writable buffer (`rows * cols`).
    public mutating func withUnsafeMutableBufferPointer<R>(
        _ body: (inout UnsafeMutableBufferPointer<Float>) throws -> R
    ) rethrows -> R {
        try values.withUnsafeMutableBufferPointer(body)
    }
}
