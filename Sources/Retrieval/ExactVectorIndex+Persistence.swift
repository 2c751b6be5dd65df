import Foundation
import LinearAlgebra

// On-disk format of ExactVectorIndex, version 1. All integers and floats little-endian.
//
//   offset            size            field
//   0                 8               magic: ASCII "SBEXVEC1" (53 42 45 58 56 45 43 31)
//   8                 4               format version: UInt32 = 1
//   12                4               dimension d: UInt32 (≥ 1)
//   16                8               count n: UInt64 (live vectors; tombstones are not written)
//   24                4·n             ids: UInt32 × n, in row order, unique
//   24 + 4·n          4·n·d           vectors: Float32 × n × d, row-major, L2-normalized, finite
//   24 + 4·n·(d + 1)  —               end of file (the size must match exactly)
//
// A reader rejects: a file shorter than the header or than the size the header announces
// (`truncated`), a different magic (`badMagic`), another version (`unsupportedVersion`),
// d = 0, trailing bytes, duplicate ids or non-finite values (`corrupt`). A future version 2
// bumps the version field; version 1 files stay readable.

extension ExactVectorIndex {
    /// The 8 magic bytes that open every file.
    public static let fileMagic: [UInt8] = Array("SBEXVEC1".utf8)
    /// The format version this build writes and reads.
    public static let fileFormatVersion: UInt32 = 1
    /// Size of the fixed header in bytes.
    static let headerSize = 24

    /// Writes the live vectors (tombstones dropped) atomically to `url`.
    /// - Throws: `VectorIndexError.io` when the file cannot be written.
    public func save(to url: URL) throws {
        let liveIDs = ids
        let liveVectors = liveRowMajor()                                    // [n × dimension]
        let n = liveIDs.count
        var data = Data(capacity: Self.headerSize + 4 * n * (dimension + 1))
        data.append(contentsOf: Self.fileMagic)
        appendLittleEndian(Self.fileFormatVersion, to: &data)
        appendLittleEndian(UInt32(dimension), to: &data)
        appendLittleEndian(UInt64(n), to: &data)
        liveIDs.withUnsafeBufferPointer { ids in
            for id in ids { appendLittleEndian(id, to: &data) }
        }
        liveVectors.withUnsafeBufferPointer { v in
            #if _endian(little)
            data.append(v)                                             // raw bytes, already little-endian
            #else
            for x in v { appendLittleEndian(x.bitPattern, to: &data) }
            #endif
        }
        do {
            try data.write(to: url, options: .atomic)
        } catch {
            throw VectorIndexError.io("cannot write \(url.path): \(error.localizedDescription)")
        }
    }

    /// Reads an index written by `save(to:)`.
    /// - Throws: `VectorIndexError` (`io`, `truncated`, `badMagic`, `unsupportedVersion`, `corrupt`).
    public static func load(from url: URL) throws -> ExactVectorIndex {
        let data: Data
        do {
            data = try Data(contentsOf: url, options: .mappedIfSafe)
        } catch {
            throw VectorIndexError.io("cannot read \(url.path): \(error.localizedDescription)")
        }
        return try decode(data)
    }

    /// Parses the bytes of a saved index (see the format above).
    static func decode(_ data: Data) throws -> ExactVectorIndex {
        guard data.count >= headerSize else {
            if data.count >= 8 && !data.prefix(8).elementsEqual(fileMagic) {
                throw VectorIndexError.badMagic(expected: "SBEXVEC1", found: printable(data.prefix(8)))
            }
            throw VectorIndexError.truncated(expectedBytes: headerSize, actualBytes: data.count)
        }
        return try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) throws -> ExactVectorIndex in
            guard raw.prefix(8).elementsEqual(fileMagic) else {
                throw VectorIndexError.badMagic(expected: "SBEXVEC1", found: printable(Data(raw.prefix(8))))
            }
            let version = readLittleEndian(UInt32.self, raw, at: 8)
            guard version == fileFormatVersion else {
                throw VectorIndexError.unsupportedVersion(found: version, supported: fileFormatVersion)
            }
            let d = Int(readLittleEndian(UInt32.self, raw, at: 12))
            let n64 = readLittleEndian(UInt64.self, raw, at: 16)
            guard d >= 1 else { throw VectorIndexError.corrupt("dimension is 0") }
            // Size check with overflow guards: 24 + 4·n·(d + 1).
            let (perRow, o1) = (d + 1).multipliedReportingOverflow(by: 4)
            guard n64 <= UInt64(UInt32.max) + 1, !o1 else {
                throw VectorIndexError.corrupt("implausible header: \(n64) vectors of dimension \(d)")
            }
            let n = Int(n64)
            let (body, o2) = n.multipliedReportingOverflow(by: perRow)
            let (expected, o3) = body.addingReportingOverflow(headerSize)
            guard !o2, !o3 else { throw VectorIndexError.corrupt("implausible header: \(n) vectors of dimension \(d)") }
            guard raw.count >= expected else {
                throw VectorIndexError.truncated(expectedBytes: expected, actualBytes: raw.count)
            }
            guard raw.count == expected else {
                throw VectorIndexError.corrupt("\(raw.count - expected) trailing bytes after \(n) vectors")
            }
            var ids = [UInt32](repeating: 0, count: n)
            for i in 0..<n { ids[i] = readLittleEndian(UInt32.self, raw, at: headerSize + 4 * i) }
            var values = [Float](repeating: 0, count: n * d)
            let vectorStart = headerSize + 4 * n
            values.withUnsafeMutableBytes { dst in
                dst.copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[vectorStart..<(vectorStart + 4 * n * d)]))
            }
            #if _endian(big)
            for i in values.indices { values[i] = Float(bitPattern: UInt32(littleEndian: values[i].bitPattern)) }
            #endif
            guard values.allSatisfy({ $0.isFinite }) else { throw VectorIndexError.corrupt("non-finite vector values") }
            var index = ExactVectorIndex(dimension: d)
            index.rowOfID.reserveCapacity(n)
            for (row, id) in ids.enumerated() where index.rowOfID.updateValue(row, forKey: id) != nil {
                throw VectorIndexError.corrupt("duplicate id \(id)")
            }
            // Stored vectors are already unit length: append them bit for bit.
            index.appendNormalized(Matrix(rows: n, cols: d, values: values))
            index.rowIDs = ids
            return index
        }
    }
}

private func appendLittleEndian<T: FixedWidthInteger>(_ value: T, to data: inout Data) {
    withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) }
}

private func readLittleEndian<T: FixedWidthInteger>(_: T.Type, _ raw: UnsafeRawBufferPointer, at offset: Int) -> T {
    T(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: T.self))
}

/// The first bytes of a file, shown as ASCII where printable and \xNN otherwise.
private func printable(_ bytes: Data) -> String {
    bytes.map { (32..<127).contains($0) ? String(UnicodeScalar($0)) : String(format: "\\x%02X", $0) }.joined()
}
