import KnowledgeModel
import LinearAlgebra
import XCTest
@testable import Retrieval

final class SemanticIndexTests: XCTestCase {
    func unit(_ v: [Float]) -> [Float] {
        let n = sqrt(v.reduce(0) { $0 + $1 * $1 })
        return v.map { $0 / n }
    }

    func testAChunkMatchesThroughItsBestWording() throws {
        var index = SemanticIndex(dimension: 3, kind: .exact)
        try index.add(chunkID: "faq", documentID: "d1", vectors: Matrix(rows: [[1, 0, 0], [0, 1, 0]]))
        try index.add(chunkID: "passage", documentID: "d2", vectors: Matrix(rows: [[0.6, 0.8, 0]]))
        let hits = index.search(unit([0, 1, 0]), k: 2)
        XCTAssertEqual(hits.map(\.chunkID), ["faq", "passage"])
        XCTAssertEqual(hits[0].score, 1, accuracy: 1e-6)
        XCTAssertEqual(index.similarity(unit([1, 0, 0]), chunkID: "faq")!, 1, accuracy: 1e-6)
        XCTAssertEqual(index.vectorCount, 3)
    }

    func testRemovingADocumentRemovesItsChunksAndReAddReplaces() throws {
        var index = SemanticIndex(dimension: 2, kind: .exact)
        try index.add(chunkID: "a", documentID: "d1", vectors: Matrix(rows: [[1, 0]]))
        try index.add(chunkID: "b", documentID: "d2", vectors: Matrix(rows: [[0, 1]]))
        index.remove(documentID: "d1")
        XCTAssertEqual(index.search([1, 0], k: 5).map(\.chunkID), ["b"])
        XCTAssertNil(index.similarity([1, 0], chunkID: "a"))
        try index.add(chunkID: "b", documentID: "d2", vectors: Matrix(rows: [[1, 0]]))
        XCTAssertEqual(index.chunkCount, 1)
        XCTAssertEqual(index.search([1, 0], k: 1).first?.score ?? 0, 1, accuracy: 1e-6)
    }

    func testFilterAndHNSWAgreeWithExactOnASmallSet() throws {
        var rng = SplitMix(seed: 3)
        var exact = SemanticIndex(dimension: 16, kind: .exact)
        var hnsw = SemanticIndex(dimension: 16, kind: .hnsw)
        for i in 0..<300 {
            let v = (0..<16).map { _ in Float(rng.next() % 1000) / 1000 - 0.5 }
            try exact.add(chunkID: "c\(i)", documentID: "d\(i % 3)", vectors: Matrix(rows: [v]))
            try hnsw.add(chunkID: "c\(i)", documentID: "d\(i % 3)", vectors: Matrix(rows: [v]))
        }
        let q = unit((0..<16).map { _ in Float(rng.next() % 1000) / 1000 - 0.5 })
        XCTAssertEqual(exact.search(q, k: 5).map(\.chunkID), hnsw.search(q, k: 5).map(\.chunkID))
        let even = exact.search(q, k: 5) { Int($0.dropFirst())! % 2 == 0 }
        XCTAssertEqual(even.count, 5)
        XCTAssertTrue(even.allSatisfy { Int($0.chunkID.dropFirst())! % 2 == 0 })
    }

    func testScoringEveryChunkAtOnceAgreesWithSearchAndSimilarity() throws {
        var rng = SplitMix(seed: 11)
        func vector() -> [Float] { (0..<8).map { _ in Float(rng.next() % 1000) / 1000 - 0.5 } }
        var index = SemanticIndex(dimension: 8, kind: .exact)
        for i in 0..<200 {
            // One to three wordings per chunk, as FAQs have.
            try index.add(chunkID: "c\(i)", documentID: "d\(i % 10)", vectors: Matrix(rows: (0...(i % 3)).map { _ in vector() }))
        }
        index.remove(documentID: "d3")                                            // tombstones
        try index.add(chunkID: "c7", documentID: "d7", vectors: Matrix(rows: [vector()]))   // a replaced chunk
        let q = unit(vector())
        let all = try XCTUnwrap(index.scoreAll(q))
        for k in [1, 5, 40, 500] {
            XCTAssertEqual(all.top(k: k).map(\.chunkID), index.search(q, k: k).map(\.chunkID), "k = \(k)")
        }
        let odd: (String) -> Bool = { Int($0.dropFirst())! % 2 == 1 }
        XCTAssertEqual(all.top(k: 30, accept: odd).map(\.chunkID), index.search(q, k: 30, accept: odd).map(\.chunkID))
        for i in 0..<200 {
            let id = "c\(i)"
            XCTAssertEqual(all.cosine(of: id) == nil, index.similarity(q, chunkID: id) == nil, id)
            if let a = all.cosine(of: id), let b = index.similarity(q, chunkID: id) { XCTAssertEqual(a, b, accuracy: 1e-5, id) }
        }
        XCTAssertNil(all.cosine(of: "c3"), "a removed chunk has no cosine")
        // Chunks with the same wording tie: the cut takes them by chunk id, as search does.
        var twins = SemanticIndex(dimension: 2, kind: .exact)
        for name in ["d", "b", "e", "a", "c"] { try twins.add(chunkID: name, documentID: name, vectors: Matrix(rows: [[1, 0]])) }
        try twins.add(chunkID: "z", documentID: "z", vectors: Matrix(rows: [[0, 1]]))
        let tied = try XCTUnwrap(twins.scoreAll([1, 0]))
        XCTAssertEqual(tied.top(k: 2).map(\.chunkID), ["a", "b"])
        XCTAssertEqual(tied.top(k: 2).map(\.chunkID), twins.search([1, 0], k: 2).map(\.chunkID))
        XCTAssertNil(SemanticIndex(dimension: 8, kind: .hnsw).scoreAll(q), "HNSW scores only what it visits")
    }
}

final class HybridFusionTests: XCTestCase {
    let bm25 = [ScoredChunk(chunkID: "lex", score: 10), ScoredChunk(chunkID: "both", score: 8)]
    let vector: [(chunkID: String, score: Float)] = [("sem", 0.9), ("both", 0.8)]

    func fuse(_ p: FusionParameters) -> [FusedCandidate] {
        HybridFusion.fuse(bm25: bm25, vector: vector, bm25Score: { $0 == "sem" ? 1 : 0 }, cosine: { $0 == "lex" ? 0.1 : nil },
                          parameters: p, limit: 10)
    }

    func testACandidateStrongOnBothSidesWinsAndScoresAreExplained() {
        for p in [FusionParameters(method: "linear"), FusionParameters(method: "rrf")] {
            let fused = fuse(p)
            XCTAssertEqual(fused.first?.chunkID, "both", p.method)
            XCTAssertEqual(Set(fused.map(\.chunkID)), ["lex", "both", "sem"])
            for f in fused {
                XCTAssertEqual(f.explanation.details.map(\.value).reduce(0, +), f.score, accuracy: 1e-9)
            }
        }
    }

    func testTheMissingSideIsScoredExactly() {
        let fused = fuse(FusionParameters(method: "linear", vectorWeight: 0.5))
        let sem = fused.first { $0.chunkID == "sem" }!
        XCTAssertEqual(sem.bm25, 1)
        XCTAssertEqual(sem.score, 0.5 * 0.9 + 0.5 * 1 / 10, accuracy: 1e-6)
        let lex = fused.first { $0.chunkID == "lex" }!
        XCTAssertEqual(lex.cosine, 0.1, accuracy: 1e-6)
    }

    func testWeightZeroIsBM25AndWeightOneIsVector() {
        XCTAssertEqual(fuse(FusionParameters(vectorWeight: 0)).first?.chunkID, "lex")
        XCTAssertEqual(fuse(FusionParameters(vectorWeight: 1)).first?.chunkID, "sem")
    }
}

final class BM25ScoreTests: XCTestCase {
    func testScoreOfOneChunkEqualsItsSearchScore() {
        var index = BM25Index()
        for i in 0..<50 {
            index.add(IndexedChunk(chunkID: "c\(i)", documentID: "d", kind: .passage, tags: []),
                      fields: [.body: ["w\(i % 5)", "w\(i % 7)", "common"], .title: ["t\(i % 3)"]])
        }
        let terms = ["w3", "common", "t1"]
        for hit in index.search(terms: terms, parameters: BM25Parameters(), limit: 20) {
            XCTAssertEqual(index.score(chunkID: hit.chunkID, terms: terms, parameters: BM25Parameters()), hit.score, accuracy: 1e-3)
        }
        XCTAssertEqual(index.score(chunkID: "missing", terms: terms, parameters: BM25Parameters()), 0)
    }
}

final class SemanticIndexPersistenceTests: XCTestCase {
    func testRoundTripKeepsResultsAndTagForBothBackends() throws {
        for kind in [VectorIndexKind.exact, .hnsw] {
            var index = SemanticIndex(dimension: 4, kind: kind)
            try index.add(chunkID: "a", documentID: "d1", vectors: Matrix(rows: [[1, 0, 0, 0], [0, 1, 0, 0]]))
            try index.add(chunkID: "b", documentID: "d2", vectors: Matrix(rows: [[0, 0, 1, 0]]))
            index.remove(chunkID: "a")
            try index.add(chunkID: "a", documentID: "d1", vectors: Matrix(rows: [[0.5, 0.5, 0, 0]]))
            let url = FileManager.default.temporaryDirectory.appendingPathComponent("sem-\(UUID().uuidString).bin")
            defer { try? FileManager.default.removeItem(at: url); try? FileManager.default.removeItem(at: url.appendingPathExtension("ann")) }
            try index.save(to: url, tag: "enc@7")
            let (loaded, tag) = try SemanticIndex.load(from: url)
            XCTAssertEqual(tag, "enc@7")
            XCTAssertEqual(loaded.backendName, index.backendName)
            XCTAssertEqual(loaded.vectorCount, 2)
            let q: [Float] = [0.6, 0.8, 0, 0]
            XCTAssertEqual(loaded.search(q, k: 2).map(\.chunkID), index.search(q, k: 2).map(\.chunkID))
            XCTAssertEqual(loaded.similarity(q, chunkID: "b"), index.similarity(q, chunkID: "b"))
        }
    }

    func testDamagedFilesThrowInsteadOfCrashing() throws {
        var index = SemanticIndex(dimension: 2, kind: .exact)
        try index.add(chunkID: "a", documentID: "d", vectors: Matrix(rows: [[1, 0]]))
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sem-\(UUID().uuidString).bin")
        defer { try? FileManager.default.removeItem(at: url); try? FileManager.default.removeItem(at: url.appendingPathExtension("ann")) }
        try index.save(to: url, tag: "t")
        let full = try Data(contentsOf: url)
        try full.prefix(full.count - 3).write(to: url)
        XCTAssertThrowsError(try SemanticIndex.load(from: url))
        try Data("NOTMAGIC-and-more-bytes".utf8).write(to: url)
        XCTAssertThrowsError(try SemanticIndex.load(from: url)) { XCTAssertTrue("\($0)".contains("magic"), "\($0)") }
    }
}
