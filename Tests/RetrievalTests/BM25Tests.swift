import KnowledgeModel
import LinearAlgebra
import XCTest
@testable import Retrieval

/// Ranking properties of BM25F, each stated in the test name, and the index checked
/// against a plain reference scorer written straight from the formula.
final class BM25Tests: XCTestCase {
    let params = BM25Parameters()

    func entry(_ id: String, doc: String = "d", kind: ChunkKind = .passage, tags: [String] = []) -> IndexedChunk {
        IndexedChunk(chunkID: id, documentID: doc, kind: kind, tags: tags)
    }

    func body(_ text: String) -> [SearchField: [String]] {
        [.body: text.split(separator: " ").map(String.init)]
    }

    func testRareTermsWeighMoreThanCommonOnes() {
        var index = BM25Index()
        index.add(entry("a"), fields: body("common rare"))
        index.add(entry("b"), fields: body("common common2"))
        index.add(entry("c"), fields: body("common other"))
        let hits = index.search(terms: ["common", "rare"], parameters: params, limit: 3)
        XCTAssertEqual(hits.first?.chunkID, "a")
    }

    /// The share of a query's IDF mass a chunk holds: every field counts, repeats count once, a
    /// term no chunk has counts with the largest IDF, and a removed or unknown chunk holds nothing.
    func testIDFCoverageIsTheShareOfTheQuerysIDFMassAChunkHolds() {
        var index = BM25Index()
        index.add(entry("a"), fields: [.question: ["battery", "warranty"], .body: ["common", "years"]])
        index.add(entry("b"), fields: body("common charging"))
        index.add(entry("c"), fields: body("common other"))
        XCTAssertEqual(index.idfCoverage(of: ["battery", "warranty", "years", "battery"], chunkID: "a"), 1, accuracy: 1e-12)
        let rare = index.idf(index.termIDs["battery"]!), common = index.idf(index.termIDs["common"]!)
        XCTAssertEqual(index.idfCoverage(of: ["battery", "common"], chunkID: "b"), common / (rare + common), accuracy: 1e-12)
        // An unseen word weighs more than any seen one: "weather" outweighs "battery" here.
        let unseen = index.idfCoverage(of: ["battery", "weather"], chunkID: "a")
        XCTAssertLessThan(unseen, 0.5)
        XCTAssertGreaterThan(unseen, 0)
        XCTAssertEqual(index.idfCoverage(of: [], chunkID: "a"), 0)
        XCTAssertEqual(index.idfCoverage(of: ["battery"], chunkID: "nope"), 0)
        index.remove(chunkID: "a")
        XCTAssertEqual(index.idfCoverage(of: ["battery"], chunkID: "a"), 0)
    }

    func testRepeatedQueryTermsCountTheSameInShortAndLongQueries() {
        var index = BM25Index()
        index.add(entry("a"), fields: body("x y z"))
        let short = ["y", "x", "unknown", "y", "z", "y"]
        let counted = index.queryTermIDs(short).map { ($0.0, $0.1) }
        XCTAssertEqual(counted.map(\.1), [3, 1, 1], "first-seen order, with repeats counted")
        // Past 64 terms the counting takes another path: the same counts, in the same order.
        let long = Array(repeating: short, count: 20).flatMap { $0 }
        XCTAssertEqual(index.queryTermIDs(long).map(\.0), counted.map(\.0))
        XCTAssertEqual(index.queryTermIDs(long).map(\.1), [60, 20, 20])
        XCTAssertEqual(index.search(terms: long, parameters: params, limit: 1).first?.chunkID, "a")
    }

    func testTermFrequencySaturates() {
        var index = BM25Index()
        index.add(entry("one"), fields: body("x y"))
        index.add(entry("many"), fields: body("x x x x x x x x x x"))
        index.add(entry("none"), fields: body("z"))
        let hits = index.search(terms: ["x"], parameters: BM25Parameters(b: 0), limit: 2)
        let scores = Dictionary(uniqueKeysWithValues: hits.map { ($0.chunkID, $0.score) })
        XCTAssertGreaterThan(scores["many"]!, scores["one"]!)
        XCTAssertLessThan(scores["many"]!, scores["one"]! * (params.k1 + 1) + 1e-9, "bounded by (k1+1) × one-occurrence score")
    }

    func testShorterChunkWinsAtEqualTermFrequency() {
        var index = BM25Index()
        index.add(entry("short"), fields: body("warranty years"))
        index.add(entry("long"), fields: body("warranty and many other words about things that are not relevant here"))
        XCTAssertEqual(index.search(terms: ["warranty"], parameters: params, limit: 1).first?.chunkID, "short")
    }

    func testAQuestionFieldMatchOutranksABodyMatch() {
        var index = BM25Index()
        index.add(entry("faq", kind: .faq), fields: [.question: ["battery", "warranty"], .body: ["eight", "years"]])
        index.add(entry("passage"), fields: [.body: ["battery", "warranty", "eight", "years"]])
        XCTAssertEqual(index.search(terms: ["battery", "warranty"], parameters: params, limit: 1).first?.chunkID, "faq")
    }

    func testUnknownTermsAndEmptyQueriesReturnNothing() {
        var index = BM25Index()
        index.add(entry("a"), fields: body("alpha"))
        XCTAssertTrue(index.search(terms: ["zzz"], parameters: params, limit: 5).isEmpty)
        XCTAssertTrue(index.search(terms: [], parameters: params, limit: 5).isEmpty)
        XCTAssertTrue(BM25Index().search(terms: ["alpha"], parameters: params, limit: 5).isEmpty)
    }

    func testFiltersRestrictByTagKindAndDocument() {
        var index = BM25Index()
        index.add(entry("a", doc: "d1", kind: .faq, tags: ["ev"]), fields: body("charge"))
        index.add(entry("b", doc: "d2", kind: .passage, tags: ["fuel"]), fields: body("charge"))
        XCTAssertEqual(index.search(terms: ["charge"], parameters: params, limit: 5, filter: SearchFilter(tags: ["ev"])).map(\.chunkID), ["a"])
        XCTAssertEqual(index.search(terms: ["charge"], parameters: params, limit: 5, filter: SearchFilter(kinds: [.passage])).map(\.chunkID), ["b"])
        XCTAssertEqual(index.search(terms: ["charge"], parameters: params, limit: 5, filter: SearchFilter(documentIDs: ["d2"])).map(\.chunkID), ["b"])
    }

    func testRemovedChunksNeverComeBackAndCompactionKeepsScores() {
        var index = BM25Index()
        for i in 0..<200 { index.add(entry("c\(i)", doc: "doc\(i % 4)"), fields: body("w\(i % 7) w\(i % 11) shared")) }
        index.remove(documentID: "doc1")
        let hits = index.search(terms: ["shared", "w3"], parameters: params, limit: 200)
        XCTAssertFalse(hits.contains { Int($0.chunkID.dropFirst())! % 4 == 1 })
        var fresh = BM25Index()
        for i in 0..<200 where i % 4 != 1 { fresh.add(entry("c\(i)", doc: "doc\(i % 4)"), fields: body("w\(i % 7) w\(i % 11) shared")) }
        let compacted = index.compacted()
        XCTAssertEqual(compacted.liveCount, fresh.liveCount)
        let a = compacted.search(terms: ["shared", "w3"], parameters: params, limit: 50)
        let b = fresh.search(terms: ["shared", "w3"], parameters: params, limit: 50)
        XCTAssertEqual(a.map(\.chunkID), b.map(\.chunkID))
        for (x, y) in zip(a, b) { XCTAssertEqual(x.score, y.score, accuracy: 1e-4) }
    }

    func testReAddingAChunkIdReplacesIt() {
        var index = BM25Index()
        index.add(entry("a"), fields: body("old"))
        index.add(entry("a"), fields: body("new"))
        XCTAssertTrue(index.search(terms: ["old"], parameters: params, limit: 5).isEmpty)
        XCTAssertEqual(index.search(terms: ["new"], parameters: params, limit: 5).map(\.chunkID), ["a"])
        XCTAssertEqual(index.liveCount, 1)
    }

    func testExplanationAddsUpToTheScore() {
        var index = BM25Index()
        index.add(entry("a"), fields: [.title: ["warranty"], .body: ["battery", "warranty", "years"]])
        index.add(entry("b"), fields: body("other words"))
        let terms = ["battery", "warranty"]
        let hit = index.search(terms: terms, parameters: params, limit: 1)[0]
        let e = index.explain(chunkID: "a", terms: terms, parameters: params)!
        XCTAssertEqual(e.value, hit.score, accuracy: 1e-3)
        XCTAssertEqual(e.details.count, 2)
        XCTAssertEqual(e.details.map(\.value).reduce(0, +), e.value, accuracy: 1e-9)
    }

    /// The index against a scorer written straight from the BM25F definition, on random data.
    func testIndexMatchesThePlainReferenceScorer() {
        var rng = SplitMix(seed: 7)
        var index = BM25Index()
        var docs: [[SearchField: [String]]] = []
        for i in 0..<300 {
            var fields: [SearchField: [String]] = [:]
            for f in SearchField.allCases {
                fields[f] = (0..<Int(rng.next() % 12)).map { _ in "t\(rng.next() % 40)" }
            }
            docs.append(fields)
            index.add(entry("c\(i)"), fields: fields)
        }
        let p = BM25Parameters(k1: 1.3, b: 0.6, titleWeight: 2, sectionWeight: 0.5, questionWeight: 3, bodyWeight: 1)
        for _ in 0..<20 {
            let query = (0..<3).map { _ in "t\(rng.next() % 40)" }
            let ref = ReferenceBM25F.scores(docs: docs, query: query, p: p)
            let expected = ref.enumerated().filter { $0.element > 0 }.sorted { $0.element > $1.element || ($0.element == $1.element && $0.offset < $1.offset) }.prefix(10)
            let got = index.search(terms: query, parameters: p, limit: 10)
            XCTAssertEqual(got.count, expected.count)
            for (g, e) in zip(got, expected) { XCTAssertEqual(g.score, e.element, accuracy: 1e-3 * max(1, e.element)) }
        }
    }
}

/// BM25F written out plainly: the reference the index is tested against.
enum ReferenceBM25F {
    static func scores(docs: [[SearchField: [String]]], query: [String], p: BM25Parameters) -> [Double] {
        let n = Double(docs.count)
        var avg = [Double](repeating: 0, count: 4)
        for d in docs { for f in SearchField.allCases { avg[f.rawValue] += Double(d[f]?.count ?? 0) / n } }
        var counts: [String: Int] = [:]
        for t in query { counts[t, default: 0] += 1 }
        return docs.map { d in
            var score = 0.0
            for (t, qtf) in counts {
                let df = Double(docs.filter { doc in SearchField.allCases.contains { doc[$0]?.contains(t) ?? false } }.count)
                guard df > 0 else { continue }
                let idf = log(1 + (n - df + 0.5) / (df + 0.5))
                var wtf = 0.0
                for f in SearchField.allCases {
                    let tf = Double(d[f]?.filter { $0 == t }.count ?? 0)
                    let a = max(avg[f.rawValue], 1e-6)
                    wtf += p.weight(f) * tf / (1 - p.b + p.b * Double(d[f]?.count ?? 0) / a)
                }
                if wtf > 0 { score += idf * Double(qtf) * wtf * (p.k1 + 1) / (wtf + p.k1) }
            }
            return score
        }
    }
}

/// The tests' seeded generator is LinearAlgebra's.
typealias SplitMix = SplitMix64
