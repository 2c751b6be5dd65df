import Foundation
import LinearAlgebra

/// A searchable set of fixed-dimension dense vectors, keyed by caller-assigned `UInt32` ids.
///
/// Contract shared by every conformer (`ExactVectorIndex`, the HNSW index):
/// - **Similarity.** Vectors are L2-normalized when added and queries are L2-normalized before
///   scoring, so `score` is the cosine similarity (inner product of unit vectors, in [-1, 1]).
///   A zero vector stays zero and scores 0 against everything.
/// - **Ids.** Dense `UInt32` values chosen by the caller. Adding an id that is currently present
///   throws `VectorIndexError.duplicateID`; after `remove(id:)` the id may be added again.
/// - **Results.** At most `k` hits, best first; equal scores are ordered by lower id (exact
///   indexes guarantee this, approximate ones should). `k <= 0` or an empty index gives `[]`.
/// - **Bad input.** A vector of the wrong length, or with NaN/infinite values, makes `add` throw.
///   A *query* of the wrong length is a programmer error (precondition failure): the index
///   dimension is fixed by the embedding model that produces both.
/// - **Persistence.** `save(to:)` writes a versioned binary file that starts with a magic
///   number, a format version, the dimension and the count; `load(from:)` throws a
///   `VectorIndexError` (never traps) on a wrong magic, an unknown version or a truncated file.
/// - **Concurrency.** Conformers are value types (or otherwise `Sendable`): readers may search a
///   copy while a writer mutates another.
public protocol VectorIndex: Sendable {
    /// The length every vector and query must have.
    var dimension: Int { get }

    /// The number of live (not removed) vectors.
    var count: Int { get }

    /// Whether `id` is currently present.
    func contains(id: UInt32) -> Bool

    /// Adds one vector (length `dimension`), L2-normalizing it.
    /// - Throws: `VectorIndexError.dimensionMismatch`, `.nonFiniteValue`, `.duplicateID`.
    mutating func add(id: UInt32, vector: [Float]) throws

    /// Adds `vectors.rows` vectors at once; `ids.count == vectors.rows`, `vectors.cols == dimension`.
    /// Either all rows are added or, on a thrown error, none are.
    mutating func add(ids: [UInt32], vectors: Matrix) throws

    /// Removes `id`; returns false when it was not present.
    @discardableResult
    mutating func remove(id: UInt32) -> Bool

    /// The `k` stored vectors most similar to `query` (length `dimension`), best first.
    func search(_ query: [Float], k: Int) -> [(id: UInt32, score: Float)]

    /// One result list per row of `queries` (shape `[nq × dimension]`), each as `search(_:k:)`.
    func search(batch queries: Matrix, k: Int) -> [[(id: UInt32, score: Float)]]

    /// Writes the index to `url` (replacing any file there).
    func save(to url: URL) throws

    /// Reads an index written by `save(to:)`.
    static func load(from url: URL) throws -> Self
}

extension VectorIndex {
    /// Default batch add: validates every row first, then adds them one by one.
    public mutating func add(ids: [UInt32], vectors: Matrix) throws {
        if ids.isEmpty && vectors.rows == 0 { return }
        guard ids.count == vectors.rows else {
            throw VectorIndexError.shapeMismatch("\(ids.count) ids for \(vectors.rows) vector rows")
        }
        guard vectors.cols == dimension else {
            throw VectorIndexError.dimensionMismatch(expected: dimension, actual: vectors.cols)
        }
        var seen = Set<UInt32>()
        for id in ids where contains(id: id) || !seen.insert(id).inserted {
            throw VectorIndexError.duplicateID(id)
        }
        for r in 0..<vectors.rows where !vectors.row(r).allSatisfy({ $0.isFinite }) {
            throw VectorIndexError.nonFiniteValue(row: r)
        }
        for (r, id) in ids.enumerated() {
            try add(id: id, vector: Array(vectors.row(r)))
        }
    }

    /// Default batch search: one `search(_:k:)` per query row.
    public func search(batch queries: Matrix, k: Int) -> [[(id: UInt32, score: Float)]] {
        (0..<queries.rows).map { search(Array(queries.row($0)), k: k) }
    }
}

/// Errors thrown by vector indexes (adding, saving and loading).
public enum VectorIndexError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A vector or matrix has the wrong number of components.
    case dimensionMismatch(expected: Int, actual: Int)
    /// Inconsistent batch arguments (e.g. id count ≠ row count).
    case shapeMismatch(String)
    /// A vector holds NaN or an infinity (`row` is the batch row, 0 for a single add).
    case nonFiniteValue(row: Int)
    /// The id is already present.
    case duplicateID(UInt32)
    /// The file does not start with the expected magic bytes.
    case badMagic(expected: String, found: String)
    /// The file's format version is not one this build reads.
    case unsupportedVersion(found: UInt32, supported: UInt32)
    /// The file ends before the data its header announces.
    case truncated(expectedBytes: Int, actualBytes: Int)
    /// The file is structurally invalid (bad header values, inconsistent sections).
    case corrupt(String)
    /// Reading or writing the file failed.
    case io(String)

    public var description: String {
        switch self {
        case let .dimensionMismatch(e, a): "vector dimension mismatch: index has \(e), got \(a)"
        case let .shapeMismatch(m): "shape mismatch: \(m)"
        case let .nonFiniteValue(r): "vector at row \(r) contains NaN or infinity"
        case let .duplicateID(id): "id \(id) is already in the index"
        case let .badMagic(e, f): "not a vector index file: expected magic \(e), found \(f)"
        case let .unsupportedVersion(f, s): "unsupported vector index format version \(f) (this build reads \(s))"
        case let .truncated(e, a): "truncated vector index file: expected \(e) bytes, found \(a)"
        case let .corrupt(m): "corrupt vector index file: \(m)"
        case let .io(m): "vector index I/O error: \(m)"
        }
    }
}
