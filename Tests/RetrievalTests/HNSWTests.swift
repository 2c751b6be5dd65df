import Foundation
import LinearAlgebra
import Synchronization
import XCTest
@testable import Retrieval

/// `HNSWIndex` checked against the exact oracle (`ExactVectorIndex`): recall on random and
/// clustered data, deletion, persistence, determinism, concurrency and edge cases.
final class HNSWTests: XCTestCase {
    private typealias Hit = (id: UInt32, score: Float)

    /// 5,000 random unit-ish vectors of dimension 64 and 200 queries (built once per run).
    private static let random = Fixture(base: Matrix.randomNormal(rows: 5000, cols: 64, seed: 11),
                                        queries: Matrix.randomNormal(rows: 200, cols: 64, seed: 12))

    /// 5,000 vectors in 50 Gaussian clusters (dimension 64) and 200 queries from the same clusters.
    private static let clustered: Fixture = {
        let centres = Matrix.randomNormal(rows: 50, cols: 64, seed: 21)
        func sample(_ n: Int, seed: UInt64) -> Matrix {
            var rng = SplitMix64(seed: seed)
            var m = Matrix(rows: n, cols: 64)
            for r in 0..<n {
                let c = Int(rng.next() % 50)
                m.setRow(r, to: centres.row(c).map { $0 + 0.5 * rng.nextNormal() })
            }
            return m
        }
        return Fixture(base: sample(5000, seed: 22), queries: sample(200, seed: 23))
    }()

    private struct Fixture: Sendable {
        let base: Matrix
        let queries: Matrix
        let index: HNSWIndex
        let exact: ExactVectorIndex

        init(base: Matrix, queries: Matrix) {
            self.base = base
            self.queries = queries
            let ids = (0..<base.rows).map { UInt32($0) }
            index = try! HNSWIndex(vectors: base, ids: ids)
            var exact = ExactVectorIndex(dimension: base.cols)
            try! exact.add(ids: ids, vectors: base)
            self.exact = exact
        }
    }

    /// Mean |approximate top-k ∩ exact top-k| / k over the query rows.
    private func recall(_ index: HNSWIndex, _ exact: ExactVectorIndex, _ queries: Matrix, k: Int = 10) -> Double {
        var hits = 0, expected = 0
        for r in 0..<queries.rows {
            let q = Array(queries.row(r))
            let truth = Set(exact.search(q, k: k).map(\.id))
            hits += index.search(q, k: k).filter { truth.contains($0.id) }.count
            expected += truth.count
        }
        return expected == 0 ? 1 : Double(hits) / Double(expected)
    }

    private func assertSameHits(_ a: [Hit], _ b: [Hit], file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(a.map(\.id), b.map(\.id), file: file, line: line)
        XCTAssertEqual(a.map(\.score), b.map(\.score), file: file, line: line)
    }

    // MARK: recall

    /// Isotropic random data in 64 dimensions is the hardest case for any graph index (no
    /// low-dimensional structure): with M = 16, efConstruction = 200 both this index and hnswlib
    /// 0.8.0 reach recall@10 = 0.887 at ef = 64 on exactly these vectors, and ≥ 0.95 from
    /// ef ≈ 100 (0.9615 both). So the default build is checked at hnswlib parity for the default
    /// ef, and at ≥ 0.95 with the per-query override.
    func testRecallOnRandomUnitVectorsWithDefaults() {
        let f = Self.random
        XCTAssertEqual(f.index.count, 5000)
        XCTAssertEqual(f.index.parameters, HNSWParameters.default)
        let atDefault = recall(f.index, f.exact, f.queries)
        XCTAssertGreaterThanOrEqual(atDefault, 0.86, "recall@10 at ef = 64: \(atDefault)")
        var wider = f.index
        wider.ef = 128
        let atWider = recall(wider, f.exact, f.queries)
        XCTAssertGreaterThanOrEqual(atWider, 0.95, "recall@10 at ef = 128: \(atWider)")
    }

    func testRecallOnClusteredDataWithDefaults() {
        let f = Self.clustered
        let r = recall(f.index, f.exact, f.queries)
        XCTAssertGreaterThanOrEqual(r, 0.95, "recall@10 \(r)")
    }

    func testScoresAreCosinesBestFirstAndAWideSearchIsExact() {
        let f = Self.clustered
        for r in 0..<10 {
            let q = Array(f.queries.row(r))
            let hits = f.index.search(q, k: 10)
            let exact = f.exact.search(q, k: 10)
            XCTAssertEqual(hits.count, 10)
            XCTAssertEqual(hits.map(\.score), hits.map(\.score).sorted(by: >))
            XCTAssertEqual(hits[0].score, exact[0].score, accuracy: 1e-5)
            let wide = f.index.search(q, k: 10, ef: 400)
            XCTAssertEqual(wide.map(\.id), exact.map(\.id))
            for (a, b) in zip(wide, exact) { XCTAssertEqual(a.score, b.score, accuracy: 1e-5) }
        }
    }

    func testSIMDAndScalarInnerProductsAgree() {
        var rng = SplitMix64(seed: 5)
        for d in [16, 48, 64, 256, 384] {
            let a = (0..<d).map { _ in rng.nextNormal() }, b = (0..<d).map { _ in rng.nextNormal() }
            let reference = zip(a, b).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
            a.withUnsafeBufferPointer { pa in
                b.withUnsafeBufferPointer { pb in
                    let simd = hnswDotSIMD(pa.baseAddress!, pb.baseAddress!, d)
                    let scalar = hnswDotScalar(pa.baseAddress!, pb.baseAddress!, d)
                    XCTAssertEqual(Double(simd), reference, accuracy: 1e-3, "d \(d)")
                    XCTAssertEqual(Double(scalar), reference, accuracy: 1e-3, "d \(d)")
                }
            }
        }
    }

    func testBatchSearchEqualsSingleSearches() {
        let f = Self.clustered
        let queries = f.queries.rows(0..<20)
        let batch = f.index.search(batch: queries, k: 7)
        XCTAssertEqual(batch.count, 20)
        for r in 0..<20 { assertSameHits(batch[r], f.index.search(Array(queries.row(r)), k: 7)) }
    }

    // MARK: deletion

    func testRemovedIDsNeverAppearAndRecallHolds() throws {
        let f = Self.clustered
        var index = f.index
        var exact = f.exact
        index.compactionThreshold = 1       // tombstones only, no compaction
        for id in stride(from: UInt32(0), to: 5000, by: 5) {
            XCTAssertTrue(index.remove(id: id))
            exact.remove(id: id)
        }
        XCTAssertFalse(index.remove(id: 0))
        XCTAssertEqual(index.count, 4000)
        XCTAssertEqual(index.tombstoneCount, 1000)
        for r in 0..<f.queries.rows {
            XCTAssertFalse(index.search(Array(f.queries.row(r)), k: 50).contains { $0.id % 5 == 0 })
        }
        XCTAssertGreaterThanOrEqual(recall(index, exact, f.queries), 0.95)
        XCTAssertEqual(f.index.count, 5000, "the shared fixture is a separate value")

        index.compact()
        XCTAssertEqual(index.tombstoneCount, 0)
        XCTAssertEqual(index.nodeCount, 4000)
        XCTAssertGreaterThanOrEqual(recall(index, exact, f.queries), 0.95)
        try index.add(id: 0, vector: Array(f.base.row(0)))
        XCTAssertEqual(index.search(Array(f.base.row(0)), k: 1).first?.id, 0)
    }

    func testAutomaticCompactionPastThresholdKeepsRecall() {
        let f = Self.clustered
        var index = f.index
        var exact = f.exact
        for id in UInt32(0)..<1400 {          // 28% > default threshold 25%
            index.remove(id: id)
            exact.remove(id: id)
        }
        XCTAssertLessThan(index.tombstoneShare, 0.25)
        XCTAssertLessThan(index.nodeCount, 5000)
        XCTAssertEqual(index.count, 3600)
        XCTAssertGreaterThanOrEqual(recall(index, exact, f.queries), 0.95)
    }

    func testRemovingEverythingLeavesAnEmptyUsableIndex() throws {
        var index = HNSWIndex(dimension: 4)
        for i in 0..<20 { try index.add(id: UInt32(i), vector: [Float(i), 1, 0, 0]) }
        for i in 0..<20 { index.remove(id: UInt32(i)) }
        XCTAssertEqual(index.count, 0)
        XCTAssertEqual(index.search([1, 0, 0, 0], k: 3).count, 0)
        try index.add(id: 7, vector: [0, 0, 1, 0])
        XCTAssertEqual(index.search([0, 0, 1, 0], k: 3).map(\.id), [7])
    }

    // MARK: persistence

    func testSaveLoadRoundTripGivesIdenticalResults() throws {
        var index = Self.clustered.index
        for id in stride(from: UInt32(1), to: 5000, by: 97) { index.remove(id: id) }
        let url = temporaryFile()
        defer { try? FileManager.default.removeItem(at: url) }
        try index.save(to: url)
        var loaded = try HNSWIndex.load(from: url)
        XCTAssertEqual(loaded.count, index.count)
        XCTAssertEqual(loaded.tombstoneCount, index.tombstoneCount)
        XCTAssertEqual(loaded.parameters, index.parameters)
        let queries = Self.clustered.queries
        for r in 0..<queries.rows {
            let q = Array(queries.row(r))
            assertSameHits(loaded.search(q, k: 10), index.search(q, k: 10))
        }
        // The level generator state is saved too: the same later insert gives the same graph.
        var original = index
        try original.add(id: 90_000, vector: Array(queries.row(0)))
        try loaded.add(id: 90_000, vector: Array(queries.row(0)))
        let a = temporaryFile(), b = temporaryFile()
        defer { try? FileManager.default.removeItem(at: a); try? FileManager.default.removeItem(at: b) }
        try original.save(to: a)
        try loaded.save(to: b)
        XCTAssertEqual(try Data(contentsOf: a), try Data(contentsOf: b))
    }

    /// Adding a few vectors at a time (one chunk's wordings, as an import does) grows the graph's
    /// storage geometrically: each reallocation copies every node, and growing to exactly the new
    /// count made a 240,000-chunk import copy the graph on every chunk (over 10 minutes).
    func testSmallBatchesGrowTheStorageGeometrically() throws {
        var index = HNSWIndex(dimension: 8)
        var capacities = Set<Int>()
        for i in 0..<3_000 {
            let vectors = Matrix(rows: 1, cols: 8, values: (0..<8).map { Float(($0 * 7 + i * 13) % 17) - 8 })
            try index.add(ids: [UInt32(i)], vectors: vectors)
            capacities.insert(index.graph.nodeCapacity)
        }
        XCTAssertEqual(index.count, 3_000)
        XCTAssertLessThanOrEqual(capacities.count, 4, "\(capacities.count) capacities, the first \(capacities.sorted().prefix(5))")
    }

    func testDamagedFilesThrowClearErrors() throws {
        var index = HNSWIndex(dimension: 8)
        for i in 0..<300 { try index.add(id: UInt32(i), vector: (0..<8).map { Float(($0 * 7 + i * 13) % 17) - 8 }) }
        let url = temporaryFile()
        defer { try? FileManager.default.removeItem(at: url) }
        try index.save(to: url)
        let good = try Data(contentsOf: url)

        for cut in [0, 5, 12, 40, HNSWIndex.headerSize, good.count / 2, good.count - 1] {
            try good.prefix(cut).write(to: url)
            XCTAssertThrowsError(try HNSWIndex.load(from: url), "cut at \(cut)") { error in
                guard case .truncated = error as? VectorIndexError else { return XCTFail("cut \(cut): \(error)") }
            }
        }
        var wrongVersion = good
        wrongVersion[8] = 9
        try wrongVersion.write(to: url)
        XCTAssertThrowsError(try HNSWIndex.load(from: url)) {
            XCTAssertEqual($0 as? VectorIndexError, .unsupportedVersion(found: 9, supported: HNSWIndex.fileVersion))
        }
        var wrongMagic = good
        wrongMagic[0] = UInt8(ascii: "X")
        try wrongMagic.write(to: url)
        XCTAssertThrowsError(try HNSWIndex.load(from: url)) {
            guard case .badMagic = $0 as? VectorIndexError else { return XCTFail("\($0)") }
        }
        var flipped = good
        flipped[good.count - 3] ^= 0x40
        try flipped.write(to: url)
        XCTAssertThrowsError(try HNSWIndex.load(from: url)) {
            guard case .corrupt = $0 as? VectorIndexError else { return XCTFail("\($0)") }
        }
        try (good + Data([0])).write(to: url)
        XCTAssertThrowsError(try HNSWIndex.load(from: url))
        XCTAssertThrowsError(try HNSWIndex.load(from: url.appendingPathExtension("missing"))) {
            guard case .io = $0 as? VectorIndexError else { return XCTFail("\($0)") }
        }
    }

    func testCorruptLinksAreRejectedEvenWithAValidChecksum() throws {
        var index = HNSWIndex(dimension: 4, parameters: HNSWParameters(m: 4))
        for i in 0..<50 { try index.add(id: UInt32(i), vector: [Float(i % 7), Float(i % 5), 1, Float(i % 3)]) }
        let url = temporaryFile()
        defer { try? FileManager.default.removeItem(at: url) }
        try index.save(to: url)
        var bytes = [UInt8](try Data(contentsOf: url))
        // First neighbour slot of node 0 on layer 0 → an out-of-range node number.
        let n = index.nodeCount
        let links0 = HNSWIndex.headerSize + 8 * n + 2 * n + (4 - (2 * n) % 4) % 4
        bytes.replaceSubrange((links0 + 4)..<(links0 + 8), with: [0xFF, 0xFF, 0xFF, 0x7F])
        let checksum = bytes.withUnsafeBytes { HNSWChecksum.of(UnsafeRawBufferPointer(rebasing: $0[HNSWIndex.headerSize...])) }
        withUnsafeBytes(of: checksum.littleEndian) { bytes.replaceSubrange(80..<88, with: $0) }
        try Data(bytes).write(to: url)
        XCTAssertThrowsError(try HNSWIndex.load(from: url)) {
            guard case .corrupt = $0 as? VectorIndexError else { return XCTFail("\($0)") }
        }
    }

    // MARK: determinism and concurrency

    func testSameSeedBuildsIdenticalGraphs() throws {
        let base = Self.random.base.rows(0..<1000)
        let p = HNSWParameters(seed: 7)
        let a = try HNSWIndex(vectors: base, parameters: p), b = try HNSWIndex(vectors: base, parameters: p)
        let c = try HNSWIndex(vectors: base, parameters: HNSWParameters(seed: 8))
        let files = (0..<3).map { _ in temporaryFile() }
        defer { files.forEach { try? FileManager.default.removeItem(at: $0) } }
        try a.save(to: files[0]); try b.save(to: files[1]); try c.save(to: files[2])
        XCTAssertEqual(try Data(contentsOf: files[0]), try Data(contentsOf: files[1]))
        XCTAssertNotEqual(try Data(contentsOf: files[0]), try Data(contentsOf: files[2]))
        let q = Array(Self.random.queries.row(3))
        assertSameHits(a.search(q, k: 10), b.search(q, k: 10))
    }

    func testReadersSearchASnapshotWhileAWriterMutatesItsCopy() throws {
        let f = Self.clustered
        let snapshot = f.index
        let queries = f.queries.rows(0..<40)
        let before = snapshot.search(batch: queries, k: 10).map { $0.map(\.id) }
        let writer = Thread {
            var copy = snapshot
            for i in 0..<200 { try? copy.add(id: UInt32(100_000 + i), vector: Array(f.queries.row(i % 200))) }
            for id in UInt32(0)..<300 { copy.remove(id: id) }
        }
        writer.start()
        let mismatches = Mutex(0)
        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            let again = snapshot.search(batch: queries, k: 10).map { $0.map(\.id) }
            if again != before { mismatches.withLock { $0 += 1 } }
        }
        XCTAssertEqual(mismatches.withLock { $0 }, 0)
        while !writer.isFinished { Thread.sleep(forTimeInterval: 0.01) }
        XCTAssertEqual(snapshot.count, 5000)
    }

    // MARK: edge cases and validation

    func testEmptyIndexAndKLargerThanCount() throws {
        var index = HNSWIndex(dimension: 3)
        XCTAssertEqual(index.count, 0)
        XCTAssertTrue(index.search([1, 0, 0], k: 5).isEmpty)
        XCTAssertTrue(index.search(batch: Matrix(rows: 2, cols: 3), k: 5).allSatisfy(\.isEmpty))
        try index.add(id: 1, vector: [1, 0, 0])
        try index.add(id: 2, vector: [0, 1, 0])
        try index.add(id: 3, vector: [1, 1, 0])
        XCTAssertTrue(index.search([1, 0, 0], k: 0).isEmpty)
        let all = index.search([1, 0, 0], k: 50)
        XCTAssertEqual(all.map(\.id), [1, 3, 2])
        XCTAssertEqual(all[0].score, 1, accuracy: 1e-6)
        XCTAssertEqual(all[1].score, Float(0.5).squareRoot(), accuracy: 1e-6)
        XCTAssertEqual(all[2].score, 0, accuracy: 1e-6)
        // A zero vector stays zero and scores 0; equal scores rank the lower id first.
        try index.add(id: 0, vector: [0, 0, 0])
        XCTAssertEqual(index.search([0, 0, 1], k: 4).map(\.id), [0, 1, 2, 3])
    }

    func testInvalidAddsThrowAndBatchesAreAllOrNothing() throws {
        var index = HNSWIndex(dimension: 3)
        try index.add(id: 1, vector: [1, 2, 3])
        XCTAssertThrowsError(try index.add(id: 2, vector: [1, 2])) {
            XCTAssertEqual($0 as? VectorIndexError, .dimensionMismatch(expected: 3, actual: 2))
        }
        XCTAssertThrowsError(try index.add(id: 2, vector: [1, .nan, 3])) {
            XCTAssertEqual($0 as? VectorIndexError, .nonFiniteValue(row: 0))
        }
        XCTAssertThrowsError(try index.add(id: 1, vector: [3, 2, 1])) {
            XCTAssertEqual($0 as? VectorIndexError, .duplicateID(1))
        }
        let batch = try Matrix(rows: [[1, 0, 0], [0, 1, 0], [0, 0, .infinity]])
        XCTAssertThrowsError(try index.add(ids: [5, 6, 7], vectors: batch)) {
            XCTAssertEqual($0 as? VectorIndexError, .nonFiniteValue(row: 2))
        }
        XCTAssertThrowsError(try index.add(ids: [5, 5, 7], vectors: batch))
        XCTAssertEqual(index.count, 1)
        XCTAssertFalse(index.contains(id: 5))
        XCTAssertTrue(index.search([1, 0, 0], k: 3, ef: 0).map(\.id) == [1])
    }

    func testParametersAreClampedAndMemoryFormulaMatchesAllocation() throws {
        let p = HNSWParameters(m: 1, efConstruction: 0, ef: -3, compactionThreshold: .nan).clamped
        XCTAssertEqual(p.m, 2)
        XCTAssertEqual(p.efConstruction, 2)
        XCTAssertEqual(p.ef, 1)
        XCTAssertEqual(p.compactionThreshold, 0.25)
        XCTAssertEqual(HNSWParameters.default.maxNeighborsLayer0, 32)
        XCTAssertEqual(HNSWParameters.default.estimatedBytesPerVector(dimension: 256), 1183)
        let f = Self.random
        var copy = f.index
        copy.reserveCapacity(f.index.nodeCount)          // exact capacity: no growth slack
        let perVector = Double(copy.memoryBytes) / Double(copy.count)
        let estimate = Double(HNSWParameters.default.estimatedBytesPerVector(dimension: 64))
        XCTAssertEqual(perVector, estimate, accuracy: estimate * 0.15)
    }

    private func temporaryFile() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("hnsw-\(UUID().uuidString).bin")
    }
}
