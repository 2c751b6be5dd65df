import Foundation
import KnowledgeModel
import XCTest

@testable import Assist

/// Each rule type fires and stays quiet, in Chinese and English; alerts cite their turns; results are deterministic.
final class QAInspectorTests: XCTestCase {
    static let rules: [QARule] = [
        QARule(id: "OPEN", name: "Greeting", severity: "low", type: "required_opening", patterns: ["您好", "hello", "thank you for calling"], withinTurns: 2),
        QARule(id: "ORDER", name: "Identity first", severity: "high", type: "order",
               before: ["手机尾号", "last four digits"], after: ["订单状态", "your order is"]),
        QARule(id: "RUDE", name: "No rudeness", severity: "high", type: "forbidden", patterns: ["烦不烦", "calm down"]),
        QARule(id: "PHONE", name: "No phone numbers", severity: "critical", type: "forbidden", patterns: ["re:1[3-9][0-9]{9}"]),
        QARule(id: "APR", name: "APR when financing", severity: "medium", type: "required_when",
               patterns: ["年化利率", "apr"], withinTurns: 2, trigger: QATrigger(intents: ["financing"], patterns: ["贷款", "loan"])),
        QARule(id: "CLOSE", name: "Closing", severity: "low", type: "required_closing", patterns: ["再见", "goodbye", "anything else"], withinTurns: 2),
        QARule(id: "SILENCE", name: "No long silence", severity: "low", type: "max_silence", seconds: 30),
        QARule(id: "OVER", name: "No talking over", severity: "low", type: "talk_over", seconds: 1),
    ]
    static let ruleSet: QARuleSet = { do { return try QARuleSet(rules) } catch { fatalError("\(error)") } }()

    /// A call from (speaker, text, ts) triples; `c` customer, `a` agent; turns numbered from 1.
    private func call(_ turns: [(String, String, Double?)], intents: [Int: (String, Double)] = [:]) -> [CallTurn] {
        turns.enumerated().map { i, t in
            CallTurn(number: i + 1, speaker: t.0 == "c" ? "customer" : "agent", text: t.1, ts: t.2,
                     intent: intents[i + 1]?.0, intentConfidence: intents[i + 1]?.1)
        }
    }

    private func card(_ turns: [CallTurn]) -> QAScorecard {
        QAInspector.inspect(CallContext(turns: turns), ruleSet: Self.ruleSet)
    }

    private func hits(_ turns: [CallTurn], _ rule: String) -> [QAHit] { card(turns).hits.filter { $0.ruleID == rule } }

    func testCleanCallsHaveNoHits() {
        let zh = call([("c", "我想问一下贷款", 0), ("a", "您好，年化利率是3.5%", 4), ("c", "我的订单呢", 10),
                       ("a", "麻烦报一下手机尾号，我查一下订单状态", 14), ("c", "好的", 20), ("a", "还有别的吗？再见", 23)])
        XCTAssertEqual(card(zh).hits, [])
        XCTAssertEqual(card(zh).score, 100)
        let en = call([("c", "Hi, can I get a loan?", 0), ("a", "Hello! Our APR is 3.5%.", 3), ("c", "Thanks", 8), ("a", "Anything else? Goodbye.", 11)])
        XCTAssertEqual(card(en).hits, [])
        XCTAssertTrue(card(en).passed)
    }

    func testForbiddenFiresOnAgentTurnsOnly() {
        let turns = call([("c", "你烦不烦啊", nil), ("a", "您好，您烦不烦？", nil), ("a", "Please ＣＡＬＭ ＤＯＷＮ.", nil)])
        let found = hits(turns, "RUDE")
        XCTAssertEqual(found.map(\.turn), [2, 3])
        XCTAssertEqual(found.map(\.matched), ["烦不烦", "calm down"])
        XCTAssertEqual(found[1].turns, [3])
    }

    func testForbiddenRegex() {
        let turns = call([("c", "号码多少", nil), ("a", "您好，我的手机是13952871164", nil), ("a", "热线400-820-6688", nil)])
        let found = hits(turns, "PHONE")
        XCTAssertEqual(found.map(\.turn), [2])
        XCTAssertEqual(found.first?.matched, "13952871164")
        XCTAssertEqual(found.first?.severity, .critical)
        XCTAssertFalse(card(turns).passed, "a critical hit fails the call")
    }

    func testOrder() {
        XCTAssertEqual(hits(call([("c", "order?", nil), ("a", "Hello, your order is on its way", nil)]), "ORDER").map(\.turn), [2])
        XCTAssertEqual(hits(call([("c", "订单", nil), ("a", "您好，手机尾号多少？", nil), ("c", "1234", nil), ("a", "订单状态是运输中", nil)]), "ORDER"), [])
        // Within one turn, what is said first counts.
        XCTAssertEqual(hits(call([("a", "Hello, the last four digits please, then your order is found", nil)]), "ORDER"), [])
        XCTAssertEqual(hits(call([("a", "Hello, your order is found; the last four digits please", nil)]), "ORDER").map(\.turn), [1])
    }

    func testRequiredWhenPatternTrigger() {
        var inspector = QAInspector(ruleSet: Self.ruleSet)
        let turns = call([("c", "我想办贷款", nil), ("a", "您好，可以的", nil), ("c", "首付多少？", nil), ("a", "三成就行", nil), ("c", "好", nil), ("a", "年化利率3%", nil)])
        let live = turns.map { inspector.observe($0).filter { $0.ruleID == "APR" } }
        XCTAssertEqual(live.map(\.count), [0, 0, 0, 1, 0, 0], "raised live when the second agent turn passed")
        XCTAssertEqual(live[3].first?.turn, 4)
        XCTAssertEqual(live[3].first?.turns, [1, 2, 4], "cites the trigger and the window")
        XCTAssertTrue(live[3].first?.message.contains("贷款") ?? false)
    }

    func testRequiredWhenSatisfiedAndIntentTrigger() {
        XCTAssertEqual(hits(call([("c", "Can I get a loan?", nil), ("a", "Hello", nil), ("a", "The APR is 2.9%", nil)]), "APR"), [])
        // Intent trigger without a pattern, trusted above the confidence floor, ignored below it.
        let sure = call([("c", "How do I pay monthly?", nil), ("a", "Hello", nil), ("a", "Come in", nil)], intents: [1: ("financing", 0.9)])
        XCTAssertEqual(hits(sure, "APR").map(\.turn), [3])
        let unsure = call([("c", "How do I pay monthly?", nil), ("a", "Hello", nil), ("a", "Come in", nil)], intents: [1: ("financing", 0.3)])
        XCTAssertEqual(hits(unsure, "APR"), [])
        let noConfidence = call([("c", "How do I pay monthly?", nil), ("a", "Hello", nil), ("a", "Come in", nil)])
            .map { var t = $0; if t.number == 1 { t.intent = "financing" }; return t }
        XCTAssertEqual(hits(noConfidence, "APR").map(\.turn), [3])
    }

    func testRequiredWhenWindowsCutByTheEndOfTheCall() {
        var inspector = QAInspector(ruleSet: Self.ruleSet)
        for t in call([("c", "loan please", nil), ("a", "Hello", nil)]) { XCTAssertEqual(inspector.observe(t).filter { $0.ruleID == "APR" }, []) }
        XCTAssertEqual(inspector.scorecard().hits.filter { $0.ruleID == "APR" }.map(\.turn), [2])
        // No agent turn after the trigger: nothing to judge.
        XCTAssertEqual(hits(call([("a", "Hello", nil), ("c", "loan?", nil)]), "APR"), [])
    }

    func testRequiredOpening() {
        var inspector = QAInspector(ruleSet: Self.ruleSet)
        let turns = call([("c", "喂", nil), ("a", "说吧", nil), ("c", "约保养", nil), ("a", "什么车", nil)])
        let live = turns.map { inspector.observe($0).filter { $0.ruleID == "OPEN" } }
        XCTAssertEqual(live.map(\.count), [0, 0, 0, 1])
        XCTAssertEqual(live[3].first?.turn, 2, "attributed to the first agent turn")
        XCTAssertEqual(live[3].first?.turns, [2, 4])
        XCTAssertEqual(hits(call([("c", "喂", nil), ("a", "嗯", nil), ("a", "您好，请讲", nil)]), "OPEN"), [])
        XCTAssertEqual(hits(call([("c", "hi", nil), ("a", "Yes?", nil)]), "OPEN").map(\.turns), [[2]], "short call decided at the end")
    }

    func testRequiredClosingOnlyAfterTheCall() {
        var inspector = QAInspector(ruleSet: Self.ruleSet)
        let turns = call([("a", "Hello", nil), ("a", "Anything else?", nil), ("a", "OK", nil), ("a", "Fine", nil)])
        for t in turns { XCTAssertEqual(inspector.observe(t).filter { $0.ruleID == "CLOSE" }, []) }
        let closing = inspector.scorecard().hits.filter { $0.ruleID == "CLOSE" }
        XCTAssertEqual(closing.map(\.turn), [4])
        XCTAssertEqual(closing.first?.turns, [3, 4])
        XCTAssertEqual(hits(call([("a", "您好", nil), ("a", "好的，再见", nil), ("a", "嗯", nil)]), "CLOSE"), [])
    }

    func testTimingRules() {
        let turns = call([("c", "hello", 0), ("a", "Hello", 0.6), ("c", "wait", 5), ("a", "Thank you for calling", 45), ("c", "ok", 46), ("a", "Goodbye", 50)])
        XCTAssertEqual(hits(turns, "OVER").map(\.turns), [[1, 2]])
        XCTAssertEqual(hits(turns, "SILENCE").map(\.turns), [[3, 4]])
        XCTAssertTrue(hits(turns, "SILENCE").first?.message.contains("40 s") ?? false)
        XCTAssertEqual(card(turns).checkedRules, Self.rules.count)
        let untimed = call([("c", "hello", nil), ("a", "Hello", nil), ("a", "Goodbye", nil)])
        XCTAssertEqual(card(untimed).hits, [])
        XCTAssertEqual(card(untimed).checkedRules, Self.rules.count - 2, "timing rules need ts")
    }

    /// Times no call can have are read as unknown, and a gap too large for a whole number is
    /// still written out: neither traps.
    func testImpossibleTimesAreUnknown() {
        let turns = call([("c", "hello", 0), ("a", "Hello", .infinity), ("c", "wait", -.greatestFiniteMagnitude), ("a", "ok", .nan)])
        XCTAssertEqual(hits(turns, "SILENCE"), [])
        XCTAssertEqual(hits(turns, "OVER"), [])
        XCTAssertEqual(QAInspector.seconds(1e300), "1e+300")
        XCTAssertEqual(QAInspector.seconds(46.54), "46.5")
        XCTAssertEqual(QAInspector.seconds(2e12), "2000000000000")
    }

    func testScoreWeightsAndCap() {
        // RUDE (high, 20) three times counts twice; OPEN (low, 5) once: 100 - 40 - 5.
        let turns = call([("c", "?", nil), ("a", "calm down", nil), ("a", "calm down", nil), ("a", "calm down, goodbye", nil)])
        let c = card(turns)
        XCTAssertEqual(c.hits.map(\.ruleID), ["OPEN", "RUDE", "RUDE", "RUDE"])
        XCTAssertEqual(c.score, 55)
        XCTAssertFalse(c.passed)
        let json = String(decoding: try! JSONEncoder().encode(c), as: UTF8.self)
        XCTAssertTrue(json.contains("\"rule_id\":\"RUDE\"") && json.contains("\"checked_rules\""), json)
    }

    func testDeterminism() {
        let turns = call([("c", "我想办贷款，你烦不烦", 0), ("a", "说吧，订单状态正常", 0.5), ("c", "啊？", 40), ("a", "13952871164", 41)])
        let first = card(turns)
        for _ in 0..<5 { XCTAssertEqual(card(turns), first) }
        let sessions = [TranscriptSession(session: "S1", agentId: "A1"), TranscriptSession(session: "S2", agentId: "A1"), TranscriptSession(session: "S3")]
        let records = turns.flatMap { t in ["S1", "S2", "S3"].map { TranscriptTurn(session: $0, turn: t.number, speaker: t.speaker, text: t.text, ts: t.ts) } }
        let a = QABatch.score(ruleSet: Self.ruleSet, sessions: sessions, turns: records.reversed(), intentOf: { _ in nil })
        let b = QABatch.score(ruleSet: Self.ruleSet, sessions: sessions, turns: records, intentOf: { _ in nil })
        XCTAssertEqual(a.scorecards, b.scorecards)
        XCTAssertEqual(a.scorecards["S1"], first)
        XCTAssertEqual(a.agents.map(\.agentID), ["A1", "unknown"])
        XCTAssertEqual(a.agents.first?.calls, 2)
        XCTAssertEqual(a.agents.first?.turns, 8)
        XCTAssertEqual(a.agents.first?.meanScore, first.score)
        XCTAssertEqual(a.agents.first?.hitsPerRule["PHONE"], 2)
        XCTAssertEqual(a.turns, 12)
    }

    func testEvalCountsPairs() throws {
        let turns = [TranscriptTurn(session: "S1", turn: 1, speaker: "customer", text: "loan?"),
                     TranscriptTurn(session: "S1", turn: 2, speaker: "agent", text: "Hello, calm down"),
                     TranscriptTurn(session: "S1", turn: 3, speaker: "customer", text: "ok"),
                     TranscriptTurn(session: "S1", turn: 4, speaker: "agent", text: "Goodbye")]
        let labels = [QATurnLabel(session: "S1", turn: 2, violations: ["RUDE"]), QATurnLabel(session: "S1", turn: 4, violations: ["APR", "OPEN"])]
        let r = try QAEval.run(ruleSet: Self.ruleSet, turns: turns, labels: labels, intentOf: { _ in nil })
        XCTAssertEqual(r.ours.micro, { var c = QACounts(); c.tp = 2; c.fn = 1; return c }())
        XCTAssertEqual(r.ours.falseNegatives, ["S1#4 OPEN"])
        // The baseline flags what the agent says: the APR rule's phrases are absent, RUDE is found, and
        // "hello"/"goodbye" (opening and closing phrases) count as violations.
        XCTAssertEqual(r.baseline.micro.tp, 1)
        XCTAssertEqual(r.baseline.falsePositives, ["S1#2 OPEN", "S1#4 CLOSE"])
    }
}
