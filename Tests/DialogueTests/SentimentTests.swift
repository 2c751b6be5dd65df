import Foundation
import KnowledgeModel
import XCTest
@testable import Dialogue

final class SentimentTests: XCTestCase {
    /// Subjects × adjectives, with negated forms whose polarity flips.
    static let examples: [(text: String, label: SentimentLabel)] = {
        let subjects = ["the service", "the car", "the dealer", "the app", "your hotline", "the repair", "the delivery"]
        let good = ["good", "great", "helpful", "fast", "friendly"], bad = ["bad", "terrible", "slow", "rude", "awful"]
        var out: [(text: String, label: SentimentLabel)] = []
        for (i, s) in subjects.enumerated() {
            for a in good { out.append(("\(s) was \(a)", .positive)) }
            for a in bad { out.append(("\(s) was \(a)", .negative)) }
            out.append(("\(s) was not \(good[i % good.count])", .negative))
            out.append(("\(s) was not \(bad[i % bad.count])", .positive))
            out.append(("\(s) was not \(good[(i + 2) % good.count]) at all", .negative))
            out.append(("\(s) was never \(bad[(i + 3) % bad.count])", .positive))
        }
        for w in ["满意", "好", "快", "专业", "热情"] {
            out.append(("服务很\(w)", .positive)); out.append(("服务不\(w)", .negative))
            out.append(("销售非常\(w)", .positive)); out.append(("维修没有那么\(w)", .negative))
        }
        for w in ["差", "慢", "糟糕"] {
            out.append(("服务太\(w)了", .negative)); out.append(("这次体验不\(w)", .positive))
        }
        for t in ["I want to ask about my order", "what are your opening hours", "我想问一下保养的事", "请问电话是多少"] {
            out.append((t, .neutral))
        }
        return out
    }()

    static var config: ClassifierConfig {
        var c = ClassifierConfig()
        c.hashBits = 16
        c.negationScope = 3
        c.markIntensifiers = true
        c.epochs = 30
        c.heldOutFraction = 0
        return c
    }

    func testNegationMarksFollowingWordsWithinTheClause() {
        var wordsOnly = Self.config
        wordsOnly.latinNgramWeight = 0
        wordsOnly.wordBigramWeight = 0
        wordsOnly.cjkNgramWeight = 0
        let f = TextFeaturizer(config: wordsOnly)
        let good = Set(f.features("good").buckets)
        XCTAssertEqual(good.count, 1)
        XCTAssertTrue(Set(f.features("the car is good").buckets).isSuperset(of: good))
        // Within the negation scope "good" becomes the negated feature ¬good ...
        XCTAssertTrue(Set(f.features("the car is not good").buckets).isDisjoint(with: good))
        XCTAssertTrue(Set(f.features("the car is never very good").buckets).isDisjoint(with: good))
        // ... but a comma ends the clause, and the scope is three words.
        XCTAssertTrue(Set(f.features("the car is not new, good").buckets).isSuperset(of: good))
        XCTAssertTrue(Set(f.features("not one two three good").buckets).isSuperset(of: good))
        // Chinese: 不满意 adds negated marks beside the plain characters.
        let plain = Set(f.features("满意").buckets), negated = Set(f.features("不满意").buckets)
        XCTAssertTrue(negated.isSuperset(of: plain))
        XCTAssertGreaterThanOrEqual(negated.subtracting(plain).count, 5)   // 不, 不满 + ¬满, ¬满意, ¬意
        // Without negation marking the plain word stays.
        var off = wordsOnly
        off.negationScope = 0
        XCTAssertTrue(Set(TextFeaturizer(config: off).features("not good").buckets).isSuperset(of: good))
    }

    func testNegationFlipsPolarity() throws {
        let model = try SentimentModel.train(examples: Self.examples, config: Self.config)
        XCTAssertEqual(try model.predict("the hotline was helpful").label, .positive)
        XCTAssertEqual(try model.predict("the hotline was not helpful").label, .negative)
        XCTAssertEqual(try model.predict("the dealer was bad").label, .negative)
        XCTAssertEqual(try model.predict("the dealer was not bad").label, .positive)
        XCTAssertEqual(try model.predict("售后很满意").label, .positive)
        XCTAssertEqual(try model.predict("售后不满意").label, .negative)
        let p = try model.predict("the car was great")
        XCTAssertGreaterThan(p.score, 0)
        XCTAssertLessThanOrEqual(abs(p.score), 1)
        XCTAssertEqual(p.negative + p.neutral + p.positive, 1, accuracy: 1e-4)
        XCTAssertLessThan(try model.predict("the car was terrible").score, 0)
    }

    func testLabelsParseFromWordsAndDigits() throws {
        XCTAssertEqual(try SentimentModel.parseLabel("0"), .negative)
        XCTAssertEqual(try SentimentModel.parseLabel("1"), .positive)
        XCTAssertEqual(try SentimentModel.parseLabel("Neutral"), .neutral)
        XCTAssertThrowsError(try SentimentModel.parseLabel("angry")) {
            XCTAssertEqual($0 as? ClassifierError, .unknownLabel("angry"))
        }
    }

    func testEmptyInputThrowsAndArtifactRoundTrips() throws {
        let model = try SentimentModel.train(examples: Self.examples, config: Self.config)
        XCTAssertThrowsError(try model.predict(" ")) { XCTAssertEqual($0 as? ClassifierError, .emptyText) }
        let loaded = try SentimentModel(serialized: try model.serialized())
        for text in ["the app was not slow", "服务太差了", "what are your opening hours"] {
            XCTAssertEqual(try loaded.predict(text), try model.predict(text))
        }
    }

    func testBinaryModelScoresWithoutNeutral() throws {
        let binary = Self.examples.filter { $0.label != .neutral }
        let model = try SentimentModel.train(examples: binary, config: Self.config)
        XCTAssertEqual(model.classifier.labels, ["negative", "positive"])
        let p = try model.predict("the service was great")
        XCTAssertEqual(p.neutral, 0)
        XCTAssertEqual(p.score, p.positive - p.negative, accuracy: 1e-6)
    }

    // MARK: - Escalation trend

    func testTwoConsecutiveNegativeTurnsEscalate() {
        let report = SentimentTrend().analyze([0.2, -0.5, -0.6] as [Double])
        XCTAssertTrue(report.escalate)
        XCTAssertEqual(report.reason, .consecutiveNegative)
        XCTAssertEqual(report.firstEscalationTurn, 2)
    }

    func testFallingMoodEscalatesBeforeTwoNegativeTurns() {
        let report = SentimentTrend().analyze([0.8, 0.7, 0.0, -0.6] as [Double])
        XCTAssertTrue(report.escalate)
        XCTAssertEqual(report.reason, .fallingSentiment)
        XCTAssertEqual(report.ewma.count, 4)
    }

    func testStableOrRecoveringConversationsDoNotEscalate() {
        XCTAssertFalse(SentimentTrend().analyze([0.1, 0.0, 0.2, 0.1] as [Double]).escalate)
        XCTAssertFalse(SentimentTrend().analyze([-0.5, 0.4, -0.5, 0.5] as [Double]).escalate)
        XCTAssertFalse(SentimentTrend().analyze([] as [Double]).escalate)
        let recovered = SentimentTrend().analyze([-0.6, -0.7, 0.5, 0.6] as [Double])
        XCTAssertFalse(recovered.escalate)
        XCTAssertEqual(recovered.firstEscalationTurn, 1)
    }
}
