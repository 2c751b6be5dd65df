import Foundation

// HNSW index file, format version 1. All integers little-endian; the graph is stored as it is
// in memory, so loading copies sections into place and never rebuilds.
//
//   offset  size  field
//   0       8     magic "SBHNSWIX"
//   8       4     format version (1)
//   12      4     dimension d
//   16      4     count: live vectors
//   20      4     nodeCount n: graph nodes, tombstones included
//   24      4     m
//   28      4     efConstruction
//   32      4     ef (default search breadth)
//   36      4     entry point node (0xFFFFFFFF when empty)
//   40      4     maxLevel (Int32, −1 when empty)
//   44      4     reserved, 0
//   48      8     seed
//   56      8     level-generator state (so later inserts continue the same sequence)
//   64      8     compactionThreshold (Float64 bit pattern)
//   72      8     upperCount u: UInt32s in the upper-layer pool
//   80      8     checksum of everything after the 88-byte header (64-bit FNV-1a over words)
//   88            n × UInt32    external ids
//                 n × UInt32    upper-pool offset of each node (0xFFFFFFFF for level 0)
//                 n × UInt8     levels
//                 n × UInt8     tombstone flags (0 live, 1 removed)
//                 0–3 bytes     zero padding to a multiple of 4
//                 n × (1+2m) × UInt32   layer-0 lists [count, neighbours…, unused slots]
//                 u × UInt32    upper-layer lists, (1+m) UInt32s each, per node by level
//                 n × d × Float32       unit vectors (unpadded)
//
// `load(from:)` checks the size before reading anything, then the checksum, then every value
// the search trusts (list counts, neighbour numbers, levels, offsets, entry point), so a
// truncated, foreign or corrupted file throws a `VectorIndexError` instead of trapping.

extension HNSWIndex {
    /// File magic ("SBHNSWIX").
    public static let fileMagic: [UInt8] = Array("SBHNSWIX".utf8)
    /// The format version this build writes and reads.
    public static let fileVersion: UInt32 = 1
    static let headerSize = 88

    /// Writes the index to `url` atomically (replacing any file there). See the format above.
    public func save(to url: URL) throws {
        let g = graph, n = g.nodeCount
        let payloadStart = Self.headerSize
        var bytes = [UInt8]()
        bytes.reserveCapacity(payloadStart + Self.payloadSize(nodes: n, dimension: dimension, m: g.m, upper: g.upperCount))
        bytes.append(contentsOf: Self.fileMagic)
        for v in [Self.fileVersion, UInt32(dimension), UInt32(count), UInt32(n), UInt32(g.m),
                  UInt32(parameters.efConstruction), UInt32(parameters.ef), g.entryPoint,
                  UInt32(bitPattern: Int32(g.maxLevel)), 0] {
            bytes.appendLittleEndian(v)
        }
        for v in [parameters.seed, levelState, parameters.compactionThreshold.bitPattern, UInt64(g.upperCount), 0] {
            bytes.appendLittleEndian(v)
        }
        bytes.appendLittleEndian(UnsafeBufferPointer(start: g.externalIDs, count: n))
        bytes.appendLittleEndian(UnsafeBufferPointer(start: g.upperOffsets, count: n))
        bytes.append(contentsOf: UnsafeBufferPointer(start: g.levels, count: n))
        bytes.append(contentsOf: UnsafeBufferPointer(start: g.deleted, count: n))
        bytes.append(contentsOf: repeatElement(0, count: (4 - (2 * n) % 4) % 4))
        bytes.appendLittleEndian(UnsafeBufferPointer(start: g.links0, count: n * g.stride0))
        bytes.appendLittleEndian(UnsafeBufferPointer(start: g.upper, count: g.upperCount))
        for node in 0..<n {
            let floats = UnsafeBufferPointer(start: g.vectors + node * g.paddedDimension, count: dimension)
            floats.withMemoryRebound(to: UInt32.self) { bytes.appendLittleEndian($0) }
        }
        let checksum = bytes.withUnsafeBytes { HNSWChecksum.of(UnsafeRawBufferPointer(rebasing: $0[payloadStart...])) }
        bytes.withUnsafeMutableBytes { $0.storeBytes(of: checksum.littleEndian, toByteOffset: 80, as: UInt64.self) }
        do {
            try Data(bytes).write(to: url, options: .atomic)
        } catch {
            throw VectorIndexError.io("cannot write \(url.path): \(error.localizedDescription)")
        }
    }

    /// Reads an index written by `save(to:)` (no rebuild: the graph is loaded as stored).
    /// - Throws: `VectorIndexError.io`, `.badMagic`, `.unsupportedVersion`, `.truncated`, `.corrupt`.
    public static func load(from url: URL) throws -> HNSWIndex {
        let data: Data
        do {
            data = try Data(contentsOf: url, options: .mappedIfSafe)
        } catch {
            throw VectorIndexError.io("cannot read \(url.path): \(error.localizedDescription)")
        }
        return try data.withUnsafeBytes { try decode($0) }
    }

    static func payloadSize(nodes n: Int, dimension d: Int, m: Int, upper: Int) -> Int {
        let flags = 2 * n + (4 - (2 * n) % 4) % 4
        return 8 * n + flags + 4 * n * (1 + 2 * m) + 4 * upper + 4 * n * d
    }

    /// Parses and validates a whole file image.
    static func decode(_ raw: UnsafeRawBufferPointer) throws -> HNSWIndex {
        let minimum = fileMagic.count + 8
        guard raw.count >= minimum else {
            throw VectorIndexError.truncated(expectedBytes: headerSize, actualBytes: raw.count)
        }
        let magic = Array(raw[0..<8])
        guard magic == fileMagic else {
            throw VectorIndexError.badMagic(expected: "SBHNSWIX",
                                            found: String(decoding: magic.map { (32...126).contains($0) ? $0 : 63 }, as: UTF8.self))
        }
        var header = HNSWReader(raw, at: 8)
        let version = header.u32()
        guard version == fileVersion else {
            throw VectorIndexError.unsupportedVersion(found: version, supported: fileVersion)
        }
        guard raw.count >= headerSize else {
            throw VectorIndexError.truncated(expectedBytes: headerSize, actualBytes: raw.count)
        }
        let d = Int(header.u32()), live = Int(header.u32()), n = Int(header.u32()), m = Int(header.u32())
        let efConstruction = Int(header.u32()), ef = Int(header.u32()), entry = header.u32()
        let maxLevel = Int(Int32(bitPattern: header.u32()))
        _ = header.u32()
        let seed = header.u64(), levelState = header.u64()
        let threshold = Double(bitPattern: header.u64())
        let upperCount = header.u64(), checksum = header.u64()
        guard d > 0, d <= 1 << 16 else { throw VectorIndexError.corrupt("dimension \(d)") }
        guard (2...512).contains(m) else { throw VectorIndexError.corrupt("m = \(m)") }
        guard live <= n, n < Int(UInt32.max), upperCount <= UInt64(Int32.max) else {
            throw VectorIndexError.corrupt("counts: \(live) live of \(n) nodes, \(upperCount) upper slots")
        }
        let expected = headerSize + payloadSize(nodes: n, dimension: d, m: m, upper: Int(upperCount))
        guard raw.count >= expected else { throw VectorIndexError.truncated(expectedBytes: expected, actualBytes: raw.count) }
        guard raw.count == expected else { throw VectorIndexError.corrupt("\(raw.count - expected) trailing bytes") }
        guard HNSWChecksum.of(UnsafeRawBufferPointer(rebasing: raw[headerSize...])) == checksum else {
            throw VectorIndexError.corrupt("checksum mismatch")
        }
        let parameters = HNSWParameters(m: m, efConstruction: efConstruction, ef: ef, seed: seed,
                                        compactionThreshold: threshold)
        var index = HNSWIndex(dimension: d, parameters: parameters)
        guard index.parameters.m == m else { throw VectorIndexError.corrupt("m = \(m)") }
        index.levelState = levelState
        let g = HNSWGraph(dimension: d, m: m, nodeCapacity: max(n, 1))
        g.reserveUpper(max(Int(upperCount), 1))
        var reader = HNSWReader(raw, at: headerSize)
        reader.read(into: g.externalIDs, count: n)
        reader.read(into: g.upperOffsets, count: n)
        reader.read(into: g.levels, count: n)
        reader.read(into: g.deleted, count: n)
        reader.skip((4 - (2 * n) % 4) % 4)
        reader.read(into: g.links0, count: n * g.stride0)
        reader.read(into: g.upper, count: Int(upperCount))
        for node in 0..<n {
            let row = g.vectors + node * g.paddedDimension
            row.withMemoryRebound(to: UInt32.self, capacity: d) { reader.read(into: $0, count: d) }
            (row + d).update(repeating: 0, count: g.paddedDimension - d)
        }
        g.setFilledCounts(nodeCount: n, upperCount: Int(upperCount))
        g.entryPoint = entry
        g.maxLevel = maxLevel
        try validate(g, live: live)
        index.graph = g
        index.nodeOf.reserveCapacity(live)
        for node in 0..<n where g.deleted[node] == 0 {
            guard index.nodeOf.updateValue(UInt32(node), forKey: g.externalIDs[node]) == nil else {
                throw VectorIndexError.corrupt("id \(g.externalIDs[node]) stored twice")
            }
        }
        return index
    }

    /// Checks every value the search dereferences without bounds checks.
    private static func validate(_ g: HNSWGraph, live: Int) throws {
        let n = g.nodeCount, view = g.view
        if n == 0 {
            guard g.entryPoint == HNSWLayout.none, g.maxLevel == -1, live == 0 else {
                throw VectorIndexError.corrupt("empty graph with an entry point")
            }
            return
        }
        guard g.entryPoint < UInt32(n), g.maxLevel == Int(g.levels[Int(g.entryPoint)]) else {
            throw VectorIndexError.corrupt("entry point \(g.entryPoint) / max level \(g.maxLevel)")
        }
        var tombstones = 0
        for node in 0..<n {
            let level = Int(g.levels[node])
            guard level <= HNSWLayout.maxLevel, level <= g.maxLevel, g.deleted[node] <= 1 else {
                throw VectorIndexError.corrupt("node \(node): level \(level), flag \(g.deleted[node])")
            }
            tombstones += Int(g.deleted[node])
            let offset = g.upperOffsets[node]
            if level == 0 {
                guard offset == HNSWLayout.none else { throw VectorIndexError.corrupt("node \(node): stray upper offset") }
            } else {
                guard offset != HNSWLayout.none, Int(offset) + level * g.strideUpper <= g.upperCount else {
                    throw VectorIndexError.corrupt("node \(node): upper offset \(offset) out of range")
                }
            }
            for layer in 0...level {
                let list = view.list(UInt32(node), layer: layer)
                let capacity = layer == 0 ? g.maxNeighbors0 : g.m
                guard Int(list[0]) <= capacity else { throw VectorIndexError.corrupt("node \(node): \(list[0]) links") }
                for j in 0..<Int(list[0]) {
                    let neighbor = list[j + 1]
                    guard neighbor < UInt32(n), Int(g.levels[Int(neighbor)]) >= layer else {
                        throw VectorIndexError.corrupt("node \(node): bad link \(neighbor) on layer \(layer)")
                    }
                }
            }
        }
        guard n - tombstones == live else { throw VectorIndexError.corrupt("\(n - tombstones) live nodes, header says \(live)") }
        g.tombstones = tombstones
    }
}

/// 64-bit FNV-1a over little-endian 8-byte words (then the tail bytes): fast, order-sensitive,
/// enough to catch truncation-free corruption. Not cryptographic.
enum HNSWChecksum {
    static func of(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        let words = bytes.count / 8
        for i in 0..<words {
            h = (h ^ UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self))) &* 0x0000_0100_0000_01B3
        }
        for i in (words * 8)..<bytes.count { h = (h ^ UInt64(bytes[i])) &* 0x0000_0100_0000_01B3 }
        return h
    }
}

/// Sequential little-endian reads from a buffer whose size was checked beforehand.
struct HNSWReader {
    let raw: UnsafeRawBufferPointer
    var offset: Int

    init(_ raw: UnsafeRawBufferPointer, at offset: Int) {
        self.raw = raw
        self.offset = offset
    }

    mutating func u32() -> UInt32 {
        defer { offset += 4 }
        return UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }

    mutating func u64() -> UInt64 {
        defer { offset += 8 }
        return UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    mutating func skip(_ bytes: Int) { offset += bytes }

    /// Copies `count` little-endian integers into `destination`.
    mutating func read<T: FixedWidthInteger>(into destination: UnsafeMutablePointer<T>, count: Int) {
        let bytes = count * MemoryLayout<T>.size
        UnsafeMutableRawPointer(destination).copyMemory(from: raw.baseAddress! + offset, byteCount: bytes)
        if T.self != UInt8.self && 1.littleEndian != 1 {
            for i in 0..<count { destination[i] = T(littleEndian: destination[i]) }
        }
        offset += bytes
    }
}

fileprivate extension Array where Element == UInt8 {
    /// Appends `value` as little-endian bytes.
    mutating func appendLittleEndian<T: FixedWidthInteger>(_ value: T) {
        Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) }
    }

    /// Appends `values` as little-endian bytes (one bulk copy on little-endian hosts).
    mutating func appendLittleEndian<T: FixedWidthInteger>(_ values: UnsafeBufferPointer<T>) {
        if 1.littleEndian == 1 {
            append(contentsOf: UnsafeRawBufferPointer(values))
        } else {
            for v in values { appendLittleEndian(v) }
        }
    }
}
