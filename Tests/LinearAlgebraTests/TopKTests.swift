import XCTest
@testable import LinearAlgebra

final class TopKTests: XCTestCase {
    private func pairs(_ r: [(index: Int, score: Float)]) -> [String] { r.map { "\($0.index):\($0.score)" } }

    func testMatchesFullSortOnRandomScores() {
        let scores = Matrix.randomNormal(rows: 30, cols: 500, seed: 1)
        for k in [0, 1, 7, 100, 500, 800] {
            let fast = TopK.rows(of: scores, k: k), slow = Reference.topK(scores, k: k)
            XCTAssertEqual(fast.count, 30)
            for r in 0..<30 { XCTAssertEqual(pairs(fast[r]), pairs(slow[r]), "k \(k) row \(r)") }
        }
    }

    func testTiesGoToLowerIndex() {
        // Quantized scores: many ties.
        var scores = Matrix.randomUniform(rows: 10, cols: 300, seed: 2)
        scores.withUnsafeMutableBufferPointer { b in for i in b.indices { b[i] = (b[i] * 4).rounded(.down) } }
        let fast = TopK.rows(of: scores, k: 20), slow = Reference.topK(scores, k: 20)
        for r in 0..<10 { XCTAssertEqual(pairs(fast[r]), pairs(slow[r])) }
        let tie = try! Matrix(rows: [[1, 5, 5, 2, 5]])
        XCTAssertEqual(TopK.rows(of: tie, k: 2)[0].map(\.index), [1, 2])
    }

    func testNaNAndNegativeInfinityAreSkipped() throws {
        let m = try Matrix(rows: [[.nan, -.infinity, 3, .infinity, -1]])
        let r = TopK.rows(of: m, k: 10)[0]
        XCTAssertEqual(r.map(\.index), [3, 2, 4])
    }

    func testNaNNeverHidesCandidatesInLongRows() {
        // Long rows take the 16-wide skip path; NaN/-∞ sprinkled next to real candidates.
        var scores = Matrix.randomNormal(rows: 8, cols: 1000, seed: 5)
        scores.withUnsafeMutableBufferPointer { b in
            for i in stride(from: 0, to: b.count, by: 7) { b[i] = .nan }
            for i in stride(from: 3, to: b.count, by: 11) { b[i] = -.infinity }
        }
        for k in [1, 5, 64] {
            let fast = TopK.rows(of: scores, k: k), slow = Reference.topK(scores, k: k)
            for r in 0..<8 { XCTAssertEqual(pairs(fast[r]), pairs(slow[r]), "k \(k) row \(r)") }
        }
    }

    func testHeapWithLabels() {
        var heap = TopKHeap(k: 3)
        let scores: [Float] = [0.5, 0.9, 0.9, 0.1, 0.7]
        let labels: [UInt32] = [40, 30, 20, 10, 0]
        scores.withUnsafeBufferPointer { s in labels.withUnsafeBufferPointer { l in heap.push(scores: s, labels: l) } }
        XCTAssertEqual(heap.sorted().map(\.index), [20, 30, 0])
        XCTAssertFalse(heap.admits(label: 1, score: 0.7))
        XCTAssertTrue(heap.admits(label: 0, score: 0.7) == false)
        XCTAssertTrue(heap.admits(label: 5, score: 0.8))
        var empty = TopKHeap(k: 0)
        empty.push(label: 1, score: 1)
        XCTAssertEqual(empty.count, 0)
    }

    /// Selection gives the heap's pairs: ties (scores on a coarse grid), shuffled labels, NaN and
    /// -∞, k from 1 to more than the valid scores.
    func testSelectionEqualsTheHeap() {
        var rng = SplitMix64(seed: 11)
        for trial in 0..<60 {
            let n = Int.random(in: 1...3000, using: &rng)
            var scores = (0..<n).map { _ in Float(Int.random(in: -20...20, using: &rng)) / 20 }
            for i in stride(from: trial % 5, to: n, by: 13) { scores[i] = .nan }
            for i in stride(from: trial % 7, to: n, by: 17) { scores[i] = -.infinity }
            let labels = (0..<n).map { UInt32($0) }.shuffled(using: &rng)
            for k in [1, 32, 200, n / 2 + 1, n + 5] {
                var heap = TopKHeap(k: k)
                let selected = scores.withUnsafeBufferPointer { s in
                    labels.withUnsafeBufferPointer { l in
                        heap.push(scores: s, labels: l)
                        return TopK.best(k: k, scores: s, labels: l)
                    }
                }
                XCTAssertEqual(pairs(selected), pairs(heap.sorted()), "trial \(trial) n \(n) k \(k)")
            }
        }
    }
}
