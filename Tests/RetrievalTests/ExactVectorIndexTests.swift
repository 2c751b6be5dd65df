import Foundation
import LinearAlgebra
import XCTest
@testable import Retrieval

final class ExactVectorIndexTests: XCTestCase {
    private typealias Hit = (id: UInt32, score: Float)

    /// Brute force in Double: cosine of `query` with every (id, vector), best first, ties by id.
    private func bruteForce(_ query: [Float], _ items: [(UInt32, [Float])], k: Int) -> [Hit] {
        func unit(_ v: [Float]) -> [Double] {
            let n = v.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot()
            return v.map { n > 0 ? Double($0) / n : 0 }
        }
        let q = unit(query)
        let scored = items.map { (id, v) -> (UInt32, Double) in (id, zip(q, unit(v)).reduce(0) { $0 + $1.0 * $1.1 }) }
        return scored.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }.prefix(max(0, k)).map { ($0.0, Float($0.1)) }
    }

    private func randomItems(_ n: Int, dimension d: Int, seed: UInt64, firstID: UInt32 = 0) -> [(UInt32, [Float])] {
        let m = Matrix.randomNormal(rows: n, cols: d, seed: seed)
        return (0..<n).map { (firstID + UInt32($0) * 3, Array(m.row($0))) }     // sparse-ish ids
    }

    private func build(_ items: [(UInt32, [Float])], dimension d: Int, panelRows: Int = 4096) throws -> ExactVectorIndex {
        var index = ExactVectorIndex(dimension: d, panelRows: panelRows)
        for (id, v) in items { try index.add(id: id, vector: v) }
        return index
    }

    private func assertSameHits(_ a: [Hit], _ b: [Hit], tolerance: Float = 1e-5, _ message: String = "",
                                file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(a.map(\.id), b.map(\.id), message, file: file, line: line)
        for (x, y) in zip(a, b) { XCTAssertEqual(x.score, y.score, accuracy: tolerance, message, file: file, line: line) }
    }

    func testMatchesBruteForce() throws {
        let items = randomItems(700, dimension: 48, seed: 1)
        let index = try build(items, dimension: 48, panelRows: 128)     // 6 panels, growth of the last
        XCTAssertEqual(index.count, 700)
        let queries = Matrix.randomNormal(rows: 20, cols: 48, seed: 2)
        for k in [1, 10, 50, 1000] {
            for r in 0..<queries.rows {
                let q = Array(queries.row(r))
                assertSameHits(index.search(q, k: k), bruteForce(q, items, k: k), "k \(k) query \(r)")
            }
        }
    }

    func testBatchEqualsSingleAcrossBlockBoundaries() throws {
        let items = randomItems(1000, dimension: 32, seed: 3)
        var index = try build(items, dimension: 32, panelRows: 100)
        for id in stride(from: UInt32(0), to: 3000, by: 33) { index.remove(id: id) }  // tombstones, no compaction
        XCTAssertGreaterThan(index.tombstoneCount, 0)
        let queries = Matrix.randomNormal(rows: 37, cols: 32, seed: 4)
        let small = ExactSearchBlocking(batchRows: 97, batchQueries: 8)
        let batched = index.search(batch: queries, k: 15, blocking: small)
        let batchedDefault = index.search(batch: queries, k: 15)
        XCTAssertEqual(batched.count, 37)
        for r in 0..<37 {
            let single = index.search(Array(queries.row(r)), k: 15)
            assertSameHits(batched[r], single, "query \(r)")
            assertSameHits(batchedDefault[r], single, "query \(r)")
        }
        XCTAssertEqual(index.search(batch: Matrix(rows: 0, cols: 32), k: 5).count, 0)
        XCTAssertEqual(index.search(batch: queries.rows(0..<1), k: 5).count, 1)
    }

    func testRemoveTombstonesThenCompaction() throws {
        let items = randomItems(300, dimension: 16, seed: 5)
        var index = try build(items, dimension: 16, panelRows: 50)
        index.compactionRatio = 1.0                                 // keep tombstones for now
        let removed = Set(items.prefix(100).map(\.0))
        for id in removed { XCTAssertTrue(index.remove(id: id)) }
        XCTAssertFalse(index.remove(id: items[0].0))
        XCTAssertFalse(index.contains(id: items[0].0))
        XCTAssertEqual(index.count, 200)
        XCTAssertEqual(index.tombstoneCount, 100)
        let rest = items.filter { !removed.contains($0.0) }
        let q = Array(Matrix.randomNormal(rows: 1, cols: 16, seed: 6).values)
        let before = index.search(q, k: 300)
        XCTAssertEqual(before.count, 200)
        assertSameHits(before, bruteForce(q, rest, k: 300))
        index.compact()
        XCTAssertEqual(index.tombstoneCount, 0)
        XCTAssertEqual(index.rowCount, 200)
        assertSameHits(index.search(q, k: 300), before)
        XCTAssertEqual(index.ids, rest.map(\.0))
        // A removed id can come back.
        try index.add(id: items[0].0, vector: items[0].1)
        XCTAssertEqual(index.search(items[0].1, k: 1).first?.id, items[0].0)
    }

    func testBatchAddAcrossPanelsMatchesSingleAdds() throws {
        let items = randomItems(530, dimension: 12, seed: 13)
        let one = try build(items, dimension: 12, panelRows: 64)
        var batched = ExactVectorIndex(dimension: 12, panelRows: 64)
        try batched.add(id: 99_999, vector: [Float](repeating: 1, count: 12))    // start mid-panel
        batched.remove(id: 99_999)
        let m = try Matrix(rows: items.map(\.1))
        try batched.add(ids: Array(items.prefix(200).map(\.0)), vectors: m.rows(0..<200))
        try batched.add(ids: Array(items.suffix(330).map(\.0)), vectors: m.rows(200..<530))
        XCTAssertEqual(batched.count, 530)
        for (id, v) in items.prefix(70) {
            let stored = try XCTUnwrap(batched.vector(for: id))
            let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
            XCTAssertLessThan(zip(stored, v).map { abs($0 - $1 / norm) }.max()!, 1e-6)
            XCTAssertEqual(stored, one.vector(for: id))
        }
        let q = Array(m.row(17))
        assertSameHits(batched.search(q, k: 40), one.search(q, k: 40))
        XCTAssertEqual(batched.search(q, k: 1).first?.id, items[17].0)
    }

    func testAutomaticCompaction() throws {
        var index = try build(randomItems(400, dimension: 8, seed: 7), dimension: 8)
        for id in stride(from: UInt32(0), to: 3 * 120, by: 3) { index.remove(id: id) }
        XCTAssertLessThan(index.tombstoneCount, 101, "compaction should have run past 25%")
        XCTAssertEqual(index.count, 280)
        XCTAssertEqual(index.rowCount, index.count + index.tombstoneCount)
    }

    func testPersistenceRoundTrip() throws {
        let items = randomItems(250, dimension: 24, seed: 8, firstID: 1_000_000)
        var index = try build(items, dimension: 24)
        index.compactionRatio = 1.0
        for (id, _) in items.prefix(10) { index.remove(id: id) }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("exact-\(UUID().uuidString).sbv")
        defer { try? FileManager.default.removeItem(at: url) }
        try index.save(to: url)
        let size = try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int
        XCTAssertEqual(size, 24 + 4 * 240 * 25)
        let loaded = try ExactVectorIndex.load(from: url)
        XCTAssertEqual(loaded.dimension, 24)
        XCTAssertEqual(loaded.count, 240)
        XCTAssertEqual(loaded.ids, index.ids)
        let queries = Matrix.randomNormal(rows: 5, cols: 24, seed: 9)
        for r in 0..<5 {
            let q = Array(queries.row(r))
            // The vectors are bit-equal (below), but the loaded index holds them without the
            // removed rows, so a vector sits at another row of the panel: BLAS kernels may sum a
            // row's products in another order there (OpenBLAS's Prescott sgemv does), a last-bit
            // difference.
            assertSameHits(loaded.search(q, k: 12), index.search(q, k: 12), tolerance: 1e-6)
        }
        XCTAssertEqual(loaded.vector(for: items[20].0), index.vector(for: items[20].0))
    }

    func testLoadRejectsBadFilesWithClearErrors() throws {
        let index = try build(randomItems(5, dimension: 4, seed: 10), dimension: 4)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("exact-bad-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let good = dir.appendingPathComponent("good.sbv")
        try index.save(to: good)
        let bytes = try Data(contentsOf: good)

        func load(_ data: Data) -> VectorIndexError? {
            let url = dir.appendingPathComponent("case.sbv")
            try? data.write(to: url)
            do { _ = try ExactVectorIndex.load(from: url); return nil } catch { return error as? VectorIndexError }
        }
        var wrongMagic = bytes
        wrongMagic[0] = UInt8(ascii: "X")
        guard case .badMagic? = load(wrongMagic) else { return XCTFail("wrong magic") }
        XCTAssertTrue(load(wrongMagic)!.description.contains("not a vector index file"))
        guard case .badMagic? = load(Data("hello, world".utf8)) else { return XCTFail("text file") }
        var wrongVersion = bytes
        wrongVersion[8] = 9
        XCTAssertEqual(load(wrongVersion), .unsupportedVersion(found: 9, supported: 1))
        for cut in [0, 7, 23, 24, 30, bytes.count - 1] {
            guard case .truncated? = load(bytes.prefix(cut)) else { return XCTFail("cut at \(cut): \(String(describing: load(bytes.prefix(cut))))") }
        }
        guard case .corrupt? = load(bytes + Data([0])) else { return XCTFail("trailing bytes") }
        var duplicate = bytes
        duplicate.replaceSubrange(28..<32, with: duplicate[24..<28])      // id[1] = id[0]
        guard case .corrupt(let m)? = load(duplicate) else { return XCTFail("duplicate id") }
        XCTAssertTrue(m.contains("duplicate id"))
        var hugeCount = bytes
        hugeCount.replaceSubrange(16..<24, with: [UInt8](repeating: 0xFF, count: 8))
        guard case .corrupt? = load(hugeCount) else { return XCTFail("huge count") }
        XCTAssertThrowsError(try ExactVectorIndex.load(from: dir.appendingPathComponent("missing.sbv"))) { error in
            guard case VectorIndexError.io = error else { return XCTFail("\(error)") }
        }
    }

    func testAddValidation() throws {
        var index = ExactVectorIndex(dimension: 3)
        XCTAssertThrowsError(try index.add(id: 1, vector: [1, 2])) { error in
            XCTAssertEqual(error as? VectorIndexError, .dimensionMismatch(expected: 3, actual: 2))
        }
        XCTAssertThrowsError(try index.add(id: 1, vector: [1, .nan, 2]))
        try index.add(id: 1, vector: [1, 2, 3])
        XCTAssertThrowsError(try index.add(id: 1, vector: [1, 2, 3])) { error in
            XCTAssertEqual(error as? VectorIndexError, .duplicateID(1))
        }
        // Batch add is all or nothing.
        let batch = try Matrix(rows: [[1, 0, 0], [0, 1, 0], [0, 0, .infinity]])
        XCTAssertThrowsError(try index.add(ids: [2, 3, 4], vectors: batch))
        XCTAssertThrowsError(try index.add(ids: [2, 2], vectors: batch.rows(0..<2)))
        XCTAssertThrowsError(try index.add(ids: [2, 1], vectors: batch.rows(0..<2)))
        XCTAssertThrowsError(try index.add(ids: [2], vectors: batch.rows(0..<2)))
        XCTAssertEqual(index.count, 1)
        try index.add(ids: [2, 3], vectors: batch.rows(0..<2))
        XCTAssertEqual(index.count, 3)
        XCTAssertEqual(index.vector(for: 1)!.reduce(0) { $0 + $1 * $1 }, 1, accuracy: 1e-6)
    }

    func testTiesGoToLowerIDAndScoresAreCosine() throws {
        var index = ExactVectorIndex(dimension: 2)
        try index.add(id: 9, vector: [2, 0])
        try index.add(id: 5, vector: [1, 0])
        try index.add(id: 7, vector: [0, 3])
        try index.add(id: 2, vector: [4, 0])
        let hits = index.search([5, 0], k: 4)
        XCTAssertEqual(hits.map(\.id), [2, 5, 9, 7])
        XCTAssertEqual(hits[0].score, 1, accuracy: 1e-6)
        XCTAssertEqual(hits[3].score, 0, accuracy: 1e-6)
        let batch = index.search(batch: try Matrix(rows: [[5, 0], [0, -1]]), k: 2)
        XCTAssertEqual(batch[0].map(\.id), [2, 5])
        XCTAssertEqual(batch[1].map(\.id), [2, 5])                       // all 0 but 7 (= -1): ties by id
    }

    func testEmptyIndexAndNonPositiveK() throws {
        var index = ExactVectorIndex(dimension: 4)
        XCTAssertTrue(index.search([1, 0, 0, 0], k: 5).isEmpty)
        try index.add(id: 0, vector: [1, 0, 0, 0])
        XCTAssertTrue(index.search([1, 0, 0, 0], k: 0).isEmpty)
        XCTAssertEqual(index.search(batch: Matrix(rows: 3, cols: 4), k: 0).map(\.count), [0, 0, 0])
        index.remove(id: 0)
        XCTAssertTrue(index.search([1, 0, 0, 0], k: 5).isEmpty)
    }

    func testCopiesAreIndependent() throws {
        var writer = try build(randomItems(50, dimension: 8, seed: 11), dimension: 8)
        let reader = writer
        writer.remove(id: 0)
        try writer.add(id: 10_000, vector: [1, 0, 0, 0, 0, 0, 0, 0])
        XCTAssertTrue(reader.contains(id: 0))
        XCTAssertFalse(reader.contains(id: 10_000))
        XCTAssertEqual(reader.count, 50)
    }

    func testProtocolDefaultsThroughGenericCode() throws {
        func roundTrip<I: VectorIndex>(_ index: I, _ url: URL) throws -> I {
            try index.save(to: url)
            return try I.load(from: url)
        }
        let index = try build(randomItems(20, dimension: 6, seed: 12), dimension: 6)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("exact-generic-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: url) }
        let copy = try roundTrip(index, url)
        XCTAssertEqual(copy.count, 20)
    }
}
