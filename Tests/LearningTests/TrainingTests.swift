import Foundation
import LinearAlgebra
import TextAnalysis
import XCTest
@testable import Learning

/// Training on a tiny synthetic knowledge base: determinism, paraphrase ranking, the report.
final class TrainingTests: XCTestCase {
    /// Six topics, four wordings each (two languages), plus unrelated corpus texts.
    static let groups: [[String]] = [
        ["how do I reset my password", "forgot my password, how to reset it", "password reset steps",
         "I cannot log in and need a new password"],
        ["what are your opening hours", "when does the store open", "store opening hours on weekends",
         "what time does the shop close"],
        ["how much does shipping cost", "delivery fee for my order", "is shipping free",
         "shipping price for a parcel to Germany"],
        ["cancel my subscription", "how to stop my monthly subscription", "end my membership plan",
         "unsubscribe from the paid plan"],
        ["车辆多久保养一次", "多久需要做一次保养", "保养周期是多久", "几个月保养一次车"],
        ["家里可以安装充电桩吗", "充电桩怎么安装", "安装家用充电桩的流程", "申请安装充电桩"],
    ]
    static let corpus = groups.flatMap { $0 } + [
        "Passwords can be reset from the login page with the link we email you.",
        "The store is open from 9 to 18 every day, weekends included.",
        "Shipping is free above 50 euros; below that it costs 4.90.",
        "You can cancel the subscription at any time in the account settings.",
        "建议每12个月或每2万公里保养一次。",
        "购车后可以免费申请安装家用充电桩。",
    ]

    static func tinyConfig() -> EncoderConfig {
        var c = EncoderConfig()
        c.dimension = 16
        c.epochs = 60
        c.learningRateDecay = 0.97
        c.batchSize = 8
        c.validationFraction = 0
        c.learningRate = 0.05
        return c
    }

    func testTrainingIsDeterministicForASeed() throws {
        let (a, ra) = try EncoderTrainer.train(corpus: Self.corpus, groups: Self.groups, config: Self.tinyConfig())
        let (b, rb) = try EncoderTrainer.train(corpus: Self.corpus, groups: Self.groups, config: Self.tinyConfig())
        XCTAssertEqual(a.projection, b.projection)
        XCTAssertEqual(a.tfidf.buckets, b.tfidf.buckets)
        XCTAssertEqual(ra.fingerprint, rb.fingerprint)
        XCTAssertEqual(ra.epochs.map(\.loss), rb.epochs.map(\.loss))
        var other = Self.tinyConfig()
        other.seed = 7
        let (c, rc) = try EncoderTrainer.train(corpus: Self.corpus, groups: Self.groups, config: other)
        XCTAssertNotEqual(a.projection, c.projection)
        XCTAssertNotEqual(ra.fingerprint, rc.fingerprint)
    }

    func testParaphrasesRankAboveUnrelatedTextsAfterTraining() throws {
        let (encoder, report) = try EncoderTrainer.train(corpus: Self.corpus, groups: Self.groups, config: Self.tinyConfig())
        XCTAssertLessThan(report.epochs.last!.loss, report.epochs.first!.loss, "training lowers the loss")
        let texts = Self.groups.flatMap { $0 }
        let e = encoder.encode(texts)                                        // [24 × d]
        XCTAssertEqual(e.rows, 24)
        XCTAssertEqual(e.cols, encoder.dimension)
        for r in 0..<e.rows {
            XCTAssertEqual(e.row(r).reduce(0) { $0 + $1 * $1 }, 1, accuracy: 1e-4)
        }
        let cos = Kernels.matmul(e, .none, e, .transpose)
        for i in 0..<texts.count {
            let own = (0..<texts.count).filter { $0 / 4 == i / 4 && $0 != i }.map { cos[i, $0] }
            let others = (0..<texts.count).filter { $0 / 4 != i / 4 }.map { cos[i, $0] }
            XCTAssertGreaterThan(own.min()!, others.max()!, "\(texts[i]): every paraphrase above every other topic")
        }
        // New wordings land in their topic.
        let queries = ["reset password please", "store hours", "保养间隔多久", "cancel the membership"]
        let expected = [0, 1, 4, 3]
        let q = encoder.encode(queries)
        let scores = Kernels.matmul(q, .none, e, .transpose)
        for (i, topic) in expected.enumerated() {
            let best = (0..<texts.count).max { scores[i, $0] < scores[i, $1] }!
            XCTAssertEqual(best / 4, topic, queries[i])
        }
    }

    func testSingleTextEncodingMatchesBatchAndUnknownTextIsZero() throws {
        let (encoder, _) = try EncoderTrainer.train(corpus: Self.corpus, groups: Self.groups, config: Self.tinyConfig())
        let one = encoder.encode("how much does shipping cost")
        XCTAssertEqual(one, Array(encoder.encode(["x", "how much does shipping cost"]).row(1)))
        XCTAssertEqual(encoder.encode("qqqq zzzz"), [Float](repeating: 0, count: encoder.dimension))
        XCTAssertEqual(encoder.encode([String]()).rows, 0)
    }

    func testReportWithHeldOutSetAndRefit() throws {
        var config = Self.tinyConfig()
        config.validationFraction = 1            // one held-out wording from each of the 6 groups
        config.patience = 3
        let (_, report) = try EncoderTrainer.train(corpus: Self.corpus, groups: Self.groups, config: config)
        XCTAssertEqual(report.heldOutQueries, 6)
        XCTAssertEqual(report.groupCount, 6)
        XCTAssertEqual(report.textCount, 30)
        XCTAssertEqual(report.dimension, 16)
        XCTAssertGreaterThan(report.featureCount, 100)
        XCTAssertLessThanOrEqual(report.heldOutLoss, report.initialLoss)
        XCTAssertEqual(report.refitEpochs, report.bestEpoch)
        XCTAssertEqual(report.epochs.count, report.epochsRun)
        XCTAssertGreaterThan(report.totalSeconds, 0)
        XCTAssertGreaterThanOrEqual(report.totalSeconds, report.featureSeconds + report.svdSeconds + report.refineSeconds - 1e-6)
        XCTAssertNoThrow(try JSONEncoder().encode(report))
    }

    func testWeakGroupsHardNegativesAndDimensionCap() throws {
        var config = Self.tinyConfig()
        config.dimension = 256                   // capped by the 30 texts
        config.hardNegatives = 1
        config.hardNegativePool = 3
        let weak = [["hello", "hi there", "good morning"]]
        let (encoder, report) = try EncoderTrainer.train(corpus: Self.corpus, groups: Self.groups, weakGroups: weak,
                                                         config: config)
        XCTAssertEqual(report.groupCount, 7)
        XCTAssertEqual(encoder.dimension, 33)    // 30 corpus texts + 3 weak-group texts
        XCTAssertEqual(report.dimension, 33)
    }

    func testFingerprintTracksInputs() {
        let c = Self.tinyConfig()
        let base = EncoderTrainer.fingerprint(corpus: Self.corpus, groups: Self.groups, config: c)
        XCTAssertEqual(base.count, 32)
        XCTAssertEqual(base, EncoderTrainer.fingerprint(corpus: Self.corpus, groups: Self.groups, config: c))
        var changed = c
        changed.learningRate *= 2
        XCTAssertNotEqual(base, EncoderTrainer.fingerprint(corpus: Self.corpus, groups: Self.groups, config: changed))
        XCTAssertNotEqual(base, EncoderTrainer.fingerprint(corpus: Self.corpus + ["x"], groups: Self.groups, config: c))
        XCTAssertNotEqual(base, EncoderTrainer.fingerprint(corpus: Self.corpus, groups: Self.groups.reversed(), config: c))
        XCTAssertNotEqual(base, EncoderTrainer.fingerprint(corpus: Self.corpus, groups: Self.groups,
                                                           lexicon: Lexicon(words: ["保养"]), config: c))
        // Group boundaries matter, not just the concatenation.
        XCTAssertNotEqual(EncoderTrainer.fingerprint(corpus: [], groups: [["a", "b"], ["c"]], config: c),
                          EncoderTrainer.fingerprint(corpus: [], groups: [["a"], ["b", "c"]], config: c))
    }

    func testBadInputsThrow() {
        var bad = Self.tinyConfig()
        bad.temperature = 0
        XCTAssertThrowsError(try EncoderTrainer.train(corpus: Self.corpus, groups: [], config: bad)) { error in
            guard case EncoderError.invalidConfig = error else { return XCTFail("\(error)") }
        }
        XCTAssertThrowsError(try EncoderTrainer.train(corpus: ["", "  ", "!!"], groups: [], config: Self.tinyConfig())) {
            XCTAssertEqual($0 as? EncoderError, .emptyCorpus)
        }
    }
}
