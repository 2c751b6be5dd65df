// Encoder artifact, format version 1. All integers and floats little-endian.
//
//  offset      size      field
//  0           8         magic "SBENCODR"
//  8           4         format version (UInt32) = 1
//  12          4         header length H (UInt32)
//  16          H         header, UTF-8 JSON: {"config": EncoderConfig (snake_case), "fingerprint": String,
//                        "lexicon": [String], "document_count": N, "feature_count": F, "dimension": d}
//  16+H        0-3       zero padding to a multiple of 4
//  A           4·F       seen feature buckets (UInt32), strictly increasing, < 2^hash_bits
//  A+4F        4·F       IDF of each seen feature (Float32)
//  A+8F        4·F·d     projection W, row-major [F × d] (Float32)
//  end-8       8         checksum: FNV-1a 64 of every preceding byte (UInt64)
//
// A reader rejects a wrong magic, any other version, a file shorter than its header announces,
// and a checksum or consistency failure, each with its own `EncoderArtifactError`.

import Foundation
import LinearAlgebra
import TextAnalysis

/// Why an encoder artifact could not be read.
public enum EncoderArtifactError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file does not start with "SBENCODR": not an encoder artifact.
    case badMagic
    /// The artifact was written in a format version this build cannot read.
    case unsupportedVersion(UInt32)
    /// The file ends before its announced content (`expected` bytes at least, `actual` present).
    case truncated(expected: Int, actual: Int)
    /// The content is inconsistent: unreadable header, checksum mismatch, bad feature table.
    case corrupt(String)

    public var description: String {
        switch self {
        case .badMagic: return "not a Switchboard encoder artifact (bad magic)"
        case let .unsupportedVersion(v):
            return "encoder artifact format version \(v) is not supported (this build reads version \(EncoderArtifact.version))"
        case let .truncated(expected, actual): return "encoder artifact truncated: \(actual) bytes, at least \(expected) expected"
        case let .corrupt(m): return "encoder artifact corrupt: \(m)"
        }
    }
}

/// The binary encoder artifact (layout in this file's header comment).
enum EncoderArtifact {
    static let magic = Array("SBENCODR".utf8)
    static let version = 1

    /// The JSON header.
    struct Header: Codable {
        var config: EncoderConfig
        var fingerprint: String
        var lexicon: [String]
        var documentCount: Int
        var featureCount: Int
        var dimension: Int

        enum CodingKeys: String, CodingKey {
            case config, fingerprint, lexicon, dimension
            case documentCount = "document_count", featureCount = "feature_count"
        }
    }

    static func encode(_ encoder: Encoder) -> Data {
        let header = Header(config: encoder.config, fingerprint: encoder.fingerprint, lexicon: encoder.lexicon.words.sorted(),
                            documentCount: encoder.tfidf.documentCount, featureCount: encoder.tfidf.featureCount,
                            dimension: encoder.dimension)
        let json = JSONCoding.encode(header)
        var out = Data(magic)
        out.appendLittleEndian(UInt32(version))
        out.appendLittleEndian(UInt32(json.count))
        out.append(json)
        out.append(contentsOf: [UInt8](repeating: 0, count: (4 - json.count % 4) % 4))
        for b in encoder.tfidf.buckets { out.appendLittleEndian(UInt32(b)) }
        for v in encoder.tfidf.idf { out.appendLittleEndian(v.bitPattern) }
        out.appendFloats(encoder.projection.values)
        out.appendLittleEndian(checksum(out))
        return out
    }

    static func decode(_ data: Data) throws -> Encoder {
        let bytes = [UInt8](data)
        guard bytes.count >= magic.count, Array(bytes[0..<magic.count]) == magic else {
            if bytes.count < magic.count && Array(magic[0..<bytes.count]) == bytes {
                throw EncoderArtifactError.truncated(expected: 16, actual: bytes.count)
            }
            throw EncoderArtifactError.badMagic
        }
        guard bytes.count >= 16 else { throw EncoderArtifactError.truncated(expected: 16, actual: bytes.count) }
        let fileVersion = bytes.uint32(at: 8)
        guard fileVersion == UInt32(version) else { throw EncoderArtifactError.unsupportedVersion(fileVersion) }
        let headerLength = Int(bytes.uint32(at: 12))
        let tableStart = 16 + headerLength + (4 - headerLength % 4) % 4
        guard bytes.count >= tableStart + 8 else {
            throw EncoderArtifactError.truncated(expected: tableStart + 8, actual: bytes.count)
        }
        let header: Header
        do {
            header = try JSONDecoder().decode(Header.self, from: Data(bytes[16..<(16 + headerLength)]))
        } catch {
            throw EncoderArtifactError.corrupt("unreadable header: \(error)")
        }
        let f = header.featureCount, d = header.dimension
        guard f >= 0, d >= 0, f <= (1 << 24), d <= 1 << 16 else {
            throw EncoderArtifactError.corrupt("feature count \(f) or dimension \(d) out of range")
        }
        let expected = tableStart + 8 * f + 4 * f * d + 8
        guard bytes.count >= expected else { throw EncoderArtifactError.truncated(expected: expected, actual: bytes.count) }
        guard bytes.count == expected else {
            throw EncoderArtifactError.corrupt("\(bytes.count - expected) unexpected trailing bytes")
        }
        let stored = bytes.uint64(at: expected - 8)
        guard stored == bytes.withUnsafeBufferPointer({ checksum(UnsafeBufferPointer(rebasing: $0[0..<(expected - 8)])) }) else {
            throw EncoderArtifactError.corrupt("checksum mismatch")
        }
        do { try header.config.validate() } catch { throw EncoderArtifactError.corrupt("\(error)") }
        let bucketCount = 1 << header.config.hashBits
        var buckets = [Int32](), idf = [Float]()
        buckets.reserveCapacity(f)
        idf.reserveCapacity(f)
        for i in 0..<f {
            let b = Int(bytes.uint32(at: tableStart + 4 * i))
            guard b < bucketCount, i == 0 || Int32(b) > buckets[i - 1] else {
                throw EncoderArtifactError.corrupt("feature table not increasing or out of range at \(i)")
            }
            buckets.append(Int32(b))
            idf.append(Float(bitPattern: bytes.uint32(at: tableStart + 4 * (f + i))))
        }
        let wStart = tableStart + 8 * f
        let w = (0..<(f * d)).map { Float(bitPattern: bytes.uint32(at: wStart + 4 * $0)) }
        let extractor = FeatureExtractor(config: header.config, lexicon: Lexicon(words: header.lexicon))
        let tfidf = TFIDFModel(extractor: extractor, documentCount: header.documentCount, buckets: buckets, idf: idf)
        return Encoder(config: header.config, tfidf: tfidf, projection: Matrix(rows: f, cols: d, values: w),
                       fingerprint: header.fingerprint)
    }

    /// FNV-1a 64 of `bytes`.
    static func checksum<C: Collection>(_ bytes: C) -> UInt64 where C.Element == UInt8 {
        var h = StableHash()
        h.combine(bytes: bytes)
        return h.value
    }
}

extension Encoder {
    /// Writes the encoder as a versioned binary artifact (see `EncoderArtifact.swift`), replacing
    /// any file at `url` atomically.
    public func save(to url: URL) throws {
        try EncoderArtifact.encode(self).write(to: url, options: .atomic)
    }

    /// Reads an artifact written by `save(to:)`.
    /// - Throws: `EncoderArtifactError` for a wrong magic, an unsupported version, a truncated or a
    ///   corrupt file; file-system errors as thrown by `Data(contentsOf:)`.
    public static func load(from url: URL) throws -> Encoder {
        try EncoderArtifact.decode(Data(contentsOf: url))
    }

    /// The artifact bytes (what `save(to:)` writes).
    public func artifactData() -> Data { EncoderArtifact.encode(self) }

    /// An encoder from artifact bytes. Throws as `load(from:)`.
    public init(artifact data: Data) throws { self = try EncoderArtifact.decode(data) }
}

/// JSON with sorted keys (deterministic artifact bytes).
enum JSONCoding {
    static func encode<T: Encodable>(_ value: T) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(value)) ?? Data("{}".utf8)
    }
}

extension Data {
    mutating func appendLittleEndian<T: FixedWidthInteger>(_ v: T) {
        Swift.withUnsafeBytes(of: v.littleEndian) { append(contentsOf: $0) }
    }

    /// Appends `values` as little-endian Float32s.
    mutating func appendFloats(_ values: [Float]) {
        let words = values.map { $0.bitPattern.littleEndian }
        words.withUnsafeBytes { append(contentsOf: $0) }
    }
}

extension Array where Element == UInt8 {
    func uint32(at i: Int) -> UInt32 {
        UInt32(self[i]) | UInt32(self[i + 1]) << 8 | UInt32(self[i + 2]) << 16 | UInt32(self[i + 3]) << 24
    }

    func uint64(at i: Int) -> UInt64 { UInt64(uint32(at: i)) | UInt64(uint32(at: i + 4)) << 32 }
}
