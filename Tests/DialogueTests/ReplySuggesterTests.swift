import KnowledgeModel
import TextAnalysis
import XCTest
@testable import Dialogue

/// Behaviour of `ReplySuggester`, each stated in the test name.
final class ReplySuggesterTests: XCTestCase {
    func turns(_ customer: String, after previous: String? = nil) -> [ReplyTurn] {
        (previous.map { [ReplyTurn(speaker: .agent, text: $0)] } ?? []) + [ReplyTurn(speaker: .customer, text: customer)]
    }

    let scripts = [
        ReplyScript(id: "RPL-A", intent: "book_maintenance", stage: "opening", lang: "zh", text: "您好，我是{agent_name}，请问要预约哪天保养？"),
        ReplyScript(id: "RPL-B", intent: "book_maintenance", stage: "closing", lang: "zh", text: "已为您预约{date}在{dealer}保养，再见。"),
        ReplyScript(id: "RPL-C", intent: "charging_problem", stage: "diagnosis", lang: "zh", text: "请问充电桩显示什么故障码？保养时也可以检查。"),
        ReplyScript(id: "RPL-D", intent: "book_maintenance", stage: "closing", lang: "en", text: "Your service is booked for {date}."),
    ]

    func testEmptyConversationIsATypedError() {
        let s = ReplySuggester(scripts: scripts)
        XCTAssertThrowsError(try s.suggest(ReplyRequest(turns: []))) { error in
            XCTAssertEqual(error as? ReplyError, .emptyConversation)
        }
        XCTAssertThrowsError(try s.suggest(ReplyRequest(turns: [ReplyTurn(speaker: .agent, text: "您好")]))) { error in
            XCTAssertEqual(error as? ReplyError, .noCustomerTurn)
        }
        XCTAssertThrowsError(try s.suggest(ReplyRequest(turns: turns("你好"), limit: 0))) { error in
            XCTAssertEqual(error as? ReplyError, .invalidLimit(0))
        }
    }

    func testScriptRankingRespectsIntentAndStage() throws {
        let s = ReplySuggester(scripts: scripts)
        let closing = try s.suggest(ReplyRequest(turns: turns("我想约保养"), intent: "book_maintenance", stage: "closing"))
        XCTAssertEqual(closing.first?.source, "script:RPL-B")                 // intent + stage
        XCTAssertTrue(closing.contains { $0.source == "script:RPL-A" })         // intent only, ranked below
        XCTAssertFalse(closing.contains { $0.source == "script:RPL-C" })        // other intent: skipped
        XCTAssertFalse(closing.contains { $0.source == "script:RPL-D" })        // other language: skipped
        let opening = try s.suggest(ReplyRequest(turns: turns("我想约保养"), intent: "book_maintenance", stage: "opening"))
        XCTAssertEqual(opening.first?.source, "script:RPL-A")
        let charging = try s.suggest(ReplyRequest(turns: turns("充电桩报故障"), intent: "charging_problem"))
        XCTAssertEqual(charging.map(\.source), ["script:RPL-C"])
    }

    func testTermsTheCallerAnalyzedAreUsedForTheirTextOnly() throws {
        let s = ReplySuggester(scripts: scripts)
        let text = "充电桩报故障"
        let plain = try s.suggest(ReplyRequest(turns: turns(text)))
        XCTAssertFalse(plain.isEmpty)
        var given = ReplyRequest(turns: turns(text))
        given.analyzed = AnalyzedText(text: text, terms: s.analyzer.terms(text))
        XCTAssertEqual(try s.suggest(given), plain)
        // Terms given for the customer text are the ones scripts are matched with...
        given.analyzed = AnalyzedText(text: text, terms: s.analyzer.terms("我想约保养"))
        XCTAssertEqual(try s.suggest(given).map(\.source), try s.suggest(ReplyRequest(turns: turns("我想约保养"))).map(\.source))
        XCTAssertNotEqual(try s.suggest(given).map(\.source), plain.map(\.source))
        // ...and terms of another text are not.
        given.analyzed = AnalyzedText(text: "我想约保养", terms: s.analyzer.terms("我想约保养"))
        XCTAssertEqual(try s.suggest(given), plain)
    }

    func testIntentMatchedScriptsRankAboveTranscriptReplies() throws {
        let pairs = (0..<20).map { ReplyPair(session: "s\($0)", turn: 2, customer: "我想约保养", reply: "好的，请问哪天方便？") }
        let s = ReplySuggester(scripts: scripts, pairs: pairs)
        let out = try s.suggest(ReplyRequest(turns: turns("我想约保养"), intent: "book_maintenance", stage: "opening"))
        XCTAssertEqual(out.first?.source, "script:RPL-A")
        XCTAssertTrue(out.contains { $0.source.hasPrefix("transcript:") && $0.clusterSize == 20 })
    }

    func testSlotFillingLeavesMissingSlotsVisibleAndListsThem() throws {
        let s = ReplySuggester(scripts: scripts)
        let out = try s.suggest(ReplyRequest(turns: turns("约保养"), intent: "book_maintenance", stage: "closing",
                                             slots: ["date": "5月3日"], limit: 1))
        let top = try XCTUnwrap(out.first)
        XCTAssertEqual(top.text, "已为您预约5月3日在{dealer}保养，再见。")
        XCTAssertEqual(top.template, scripts[1].text)
        XCTAssertEqual(top.unfilledSlots, ["dealer"])
        let full = ReplySlots.fill("{a}和{b}、{a}", with: ["a": "甲", "b": "乙"])
        XCTAssertEqual(full.text, "甲和乙、甲")
        XCTAssertEqual(full.unfilled, [])
        let odd = ReplySlots.fill("价格{x 与 {} 和 {y", with: [:])
        XCTAssertEqual(odd.text, "价格{x 与 {} 和 {y")
        XCTAssertEqual(odd.unfilled, [])
        XCTAssertEqual(ReplySlots.fill("{name}{name}", with: ["name": ""]).unfilled, ["name"])
    }

    func testNearIdenticalTranscriptRepliesAppearOnceWithTheirCount() throws {
        let replies = ["订单12345已经发货了，请耐心等待", "订单67890已经发货了，请耐心等待！", "订单 555 已经发货了,请耐心等待哦",
                       "您好，这个需要联系商家处理"]
        let pairs = replies.enumerated().map { ReplyPair(session: "s\($0.offset)", turn: 2, customer: "我的快递发货了吗", reply: $0.element) }
        let s = ReplySuggester(pairs: pairs)
        let out = try s.suggest(ReplyRequest(turns: turns("快递发货了吗")))
        XCTAssertEqual(out.count, 2)
        XCTAssertEqual(out.first?.clusterSize, 3)
        XCTAssertTrue(out.first?.text.contains("已经发货了") == true)
        XCTAssertEqual(out.last?.clusterSize, 1)
        XCTAssertEqual(Set(out.map(\.source)).count, 2)
    }

    func testIncrementalAddChangesResults() throws {
        let pairs = [ReplyPair(session: "a", turn: 2, customer: "发票怎么开", reply: "在订单详情页申请电子发票"),
                     ReplyPair(session: "b", turn: 2, customer: "地址能改吗", reply: "发货前可以在订单里修改地址")]
        var s = ReplySuggester(pairs: pairs)
        let request = ReplyRequest(turns: turns("退款什么时候到账"), limit: 1)
        let before = try s.suggest(request)
        XCTAssertNotEqual(before.first?.text, "退款一般1-3个工作日原路返回")
        let old = s
        s.add(ReplyPair(session: "feedback-1", turn: 1, customer: "退款什么时候到账", reply: "退款一般1-3个工作日原路返回"))
        XCTAssertEqual(s.pairCount, 3)
        let after = try s.suggest(request)
        XCTAssertEqual(after.first?.text, "退款一般1-3个工作日原路返回")
        XCTAssertEqual(after.first?.source, "transcript:feedback-1#1")
        XCTAssertEqual(try old.suggest(request).first?.text, before.first?.text)     // the old copy is unchanged
    }

    func testPreviousTurnBreaksTiesBetweenSameCustomerWords() throws {
        let pairs = [ReplyPair(session: "a", turn: 4, previous: "请问还有其他可以帮到您的吗", customer: "没有了", reply: "感谢您的支持，再见"),
                     ReplyPair(session: "b", turn: 4, previous: "请问您的订单号是多少", customer: "没有了", reply: "那请提供手机号")]
        let s = ReplySuggester(pairs: pairs)
        let out = try s.suggest(ReplyRequest(turns: turns("没有了", after: "还有其他可以帮到您的吗"), limit: 1))
        XCTAssertEqual(out.first?.text, "感谢您的支持，再见")
    }

    func testPairsFromTranscriptRecordsMergeCustomerLinesAndKeepTurnNumbers() {
        let records = [
            TranscriptTurn(session: "S1", turn: 2, speaker: "customer", text: "还有一个问题"),
            TranscriptTurn(session: "S1", turn: 1, speaker: "customer", text: "你好"),
            TranscriptTurn(session: "S1", turn: 3, speaker: "agent", text: "请讲"),
            TranscriptTurn(session: "S1", turn: 4, speaker: "customer", text: "能退吗"),
            TranscriptTurn(session: "S1", turn: 5, speaker: "agent", text: "可以"),
            TranscriptTurn(session: "S1", turn: 6, speaker: "customer", text: "谢谢"),
        ]
        let pairs = ReplyPair.pairs(from: records)
        XCTAssertEqual(pairs, [
            ReplyPair(session: "S1", turn: 3, previous: nil, customer: "你好 还有一个问题", reply: "请讲"),
            ReplyPair(session: "S1", turn: 5, previous: "请讲", customer: "能退吗", reply: "可以"),
        ])
        XCTAssertEqual(pairs.last?.source, "transcript:S1#5")
    }
}
