import Foundation
import LinearAlgebra

// File layout of a saved SemanticIndex (all integers little-endian):
//
//   <base>            magic "SBSEMIX1" (8 bytes), UInt32 format version (1),
//                     UInt32 header length H, H bytes of JSON header (`Header`: dimension, kind,
//                     backend, nextID, the caller's `tag` — e.g. the encoder fingerprint and the
//                     store generation — wordings by chunk and chunks by document),
//                     then nextID × dimension Float32: the vector of every wording id.
//   <base>.ann        the ANN structure, in its own versioned format (ExactVectorIndex or HNSWIndex).
//
// Both files are written to temporary names and renamed, the ANN file first, so a reader never
// sees a base file whose ANN file is missing.
extension SemanticIndex {
    static let magic = Array("SBSEMIX1".utf8)
    static let formatVersion: UInt32 = 1

    struct Header: Codable {
        var dimension: Int
        var kind: VectorIndexKind
        var backend: String
        var nextID: UInt32
        var tag: String
        var wordings: [String: [UInt32]]
        var byDocument: [String: [String]]
    }

    /// Writes the index to `url` (and `url` + ".ann"), recording `tag` in the header.
    public func save(to url: URL, tag: String) throws {
        let header = Header(dimension: dimension, kind: kind, backend: backend.name, nextID: nextID, tag: tag,
                            wordings: wordings, byDocument: byDocument)
        let json = try JSONEncoder().encode(header)
        var data = Data(Self.magic)
        append(&data, Self.formatVersion)
        append(&data, UInt32(json.count))
        data.append(json)
        store.withUnsafeBytes { data.append(contentsOf: $0) }
        let ann = url.appendingPathExtension("ann")
        let tmpANN = ann.appendingPathExtension("tmp")
        if let exact = backend.exact { try exact.save(to: tmpANN) } else { try backend.hnsw!.save(to: tmpANN) }
        try Self.rename(tmpANN, ann)
        let tmp = url.appendingPathExtension("tmp")
        do { try data.write(to: tmp) } catch { throw VectorIndexError.io("\(tmp.path): \(error.localizedDescription)") }
        try Self.rename(tmp, url)
    }

    /// Reads an index written by `save(to:tag:)` and the tag it was saved with.
    /// - Throws: `VectorIndexError` for a missing, truncated or foreign file.
    public static func load(from url: URL) throws -> (SemanticIndex, tag: String) {
        guard let data = FileManager.default.contents(atPath: url.path) else { throw VectorIndexError.io("cannot read \(url.path)") }
        guard data.count >= 16 else { throw VectorIndexError.truncated(expectedBytes: 16, actualBytes: data.count) }
        guard Array(data.prefix(8)) == magic else {
            throw VectorIndexError.badMagic(expected: "SBSEMIX1", found: String(decoding: data.prefix(8), as: UTF8.self))
        }
        let version = read(data, at: 8)
        guard version == formatVersion else { throw VectorIndexError.unsupportedVersion(found: version, supported: formatVersion) }
        let headerLength = Int(read(data, at: 12))
        guard data.count >= 16 + headerLength else { throw VectorIndexError.truncated(expectedBytes: 16 + headerLength, actualBytes: data.count) }
        let header: Header
        do { header = try JSONDecoder().decode(Header.self, from: data.subdata(in: 16..<16 + headerLength)) } catch {
            throw VectorIndexError.corrupt("header: \(error)")
        }
        let floats = Int(header.nextID) * header.dimension
        let expected = 16 + headerLength + floats * 4
        guard data.count == expected else { throw VectorIndexError.truncated(expectedBytes: expected, actualBytes: data.count) }
        var index = SemanticIndex(dimension: header.dimension, kind: header.kind)
        index.store = [Float](repeating: 0, count: floats)
        index.store.withUnsafeMutableBytes { dst in
            data.withUnsafeBytes { src in dst.copyMemory(from: UnsafeRawBufferPointer(rebasing: src[(16 + headerLength)...])) }
        }
        index.nextID = header.nextID
        index.wordings = header.wordings
        index.byDocument = header.byDocument
        for (chunk, ids) in header.wordings { index.owner.set(ids, to: chunk) }
        let ann = url.appendingPathExtension("ann")
        index.backend = header.backend == "hnsw" ? .hnsw(try HNSWIndex.load(from: ann)) : .exact(try ExactVectorIndex.load(from: ann))
        let annCount = index.backend.exact?.count ?? index.backend.hnsw?.count ?? 0
        guard annCount == index.owner.count else {
            throw VectorIndexError.corrupt("the ANN file holds \(annCount) vectors, the header \(index.owner.count)")
        }
        return (index, header.tag)
    }

    private func append(_ data: inout Data, _ v: UInt32) {
        withUnsafeBytes(of: v.littleEndian) { data.append(contentsOf: $0) }
    }

    private static func read(_ data: Data, at offset: Int) -> UInt32 {
        data.subdata(in: offset..<offset + 4).withUnsafeBytes { UInt32(littleEndian: $0.loadUnaligned(as: UInt32.self)) }
    }

    private static func rename(_ from: URL, _ to: URL) throws {
        guard Foundation.rename(from.path, to.path) == 0 else {
            throw VectorIndexError.io("cannot rename \(from.path) to \(to.path): \(String(cString: strerror(errno)))")
        }
    }
}
