import Assist
import Foundation
import KnowledgeModel
import XCTest

/// A small knowledge base shared by the assist tests.
enum TicketFixture {
    static let routingJSONL = """
    {"kind": "department", "id": "after_sales", "name_zh": "售后", "name_en": "After-sales", "intents": ["book_maintenance", "warning_light", "roadside_assistance"], "keywords": ["保养", "拖车", "maintenance", "tow"]}
    {"kind": "department", "id": "sales", "name_zh": "销售", "name_en": "Sales", "intents": ["test_drive", "price_inquiry"], "keywords": ["试驾", "价格", "test drive", "price"]}
    {"kind": "department", "id": "complaints", "name_zh": "投诉", "name_en": "Complaints", "intents": ["complaint"], "keywords": ["投诉", "complaint", "rude"]}
    {"kind": "priority", "level": "urgent", "reason_en": "safety risk", "reason_zh": "安全风险", "entities": ["warning_hv_battery"], "keywords": ["smoke", "冒烟"]}
    {"kind": "priority", "level": "high", "reason_en": "complaint", "intents": ["complaint"]}
    {"kind": "priority", "level": "medium", "reason_en": "fault", "entity_types": ["fault", "warning_light"]}
    {"kind": "cues", "lang": "zh", "action": ["已经帮您", "安排", "工单"], "escalation": ["升级处理"], "ticket": ["工单"], "promise": ["re:[0-9]+ ?(个)?(小时|工作日)(内|之内)", "re:(明天|周六)"], "deadline": ["re:[0-9]+ ?(个)?(小时|工作日)(内|之内)"], "unresolved": ["无法"]}
    {"kind": "cues", "lang": "en", "action": ["booked", "arranged", "opened"], "escalation": ["escalat"], "ticket": ["case"], "promise": ["re:within [0-9]+ (hours?|days?)", "re:(today|tomorrow)"], "deadline": ["re:within [0-9]+ (hours?|days?)"], "unresolved": ["unable"]}
    """

    static var knowledge: RoutingKnowledge {
        // The fixture is valid; a failure here is a test failure, reported by the caller.
        (try? RoutingKnowledge.parse(Data(routingJSONL.utf8))) ?? RoutingKnowledge(departments: [])
    }

    static func turn(_ n: Int, _ speaker: String, _ text: String, intent: String? = nil, confidence: Double? = nil,
                     score: Double? = nil, entities: [CallEntity] = []) -> CallTurn {
        CallTurn(number: n, speaker: speaker, text: text, intent: intent, intentConfidence: confidence ?? (intent == nil ? nil : 0.9),
                 sentimentScore: score, entities: entities)
    }

    static let e7 = CallEntity(id: "model_e7", name: "E7", type: "model")
    static let hvLight = CallEntity(id: "warning_hv_battery", name: "High-voltage battery fault light", type: "warning_light")

    /// An English roadside call with a red warning light and a case number.
    static var safetyCall: CallContext {
        CallContext(turns: [
            turn(1, "customer", "Hello."),
            turn(2, "agent", "Hello, this is Lanto Motors, how can I help?"),
            turn(3, "customer", "My E7 shows the red battery fault light and power is limited.", intent: "warning_light",
                 entities: [e7, hvLight]),
            turn(4, "agent", "Please stop the car safely. Is everyone safe?"),
            turn(5, "customer", "Yes, I stopped on the shoulder. I'm scared.", score: -0.7),
            turn(6, "agent", "I've arranged a tow truck to the nearest centre and opened an urgent case GD20261125-1044. The centre will call you within 24 hours."),
            turn(7, "customer", "Thank you."),
            turn(8, "agent", "You're welcome, take care."),
        ], language: "en")
    }

    /// A Chinese maintenance booking that ends with a booking for Saturday.
    static var zhBooking: CallContext {
        CallContext(turns: [
            turn(1, "customer", "你好，我想约一下保养。", intent: "book_maintenance"),
            turn(2, "agent", "您好，澜途汽车客服中心，请问您是车主本人吗？"),
            turn(3, "customer", "是的。"),
            turn(4, "agent", "好的，已经帮您预约周六上午9:30的保养，预约短信稍后发到您手机上。"),
            turn(5, "customer", "谢谢。"),
            turn(6, "agent", "不客气，再见。"),
        ])
    }

    /// An English FAQ call: a question answered, nothing promised.
    static var faqCall: CallContext {
        CallContext(turns: [
            turn(1, "customer", "What is the price of the E7 Pro?", intent: "price_inquiry", entities: [e7]),
            turn(2, "agent", "The E7 Pro RWD is 259,800 yuan."),
            turn(3, "customer", "Great, thanks."),
            turn(4, "agent", "You're welcome. Anything else?"),
        ], language: "en")
    }
}

final class SummaryTests: XCTestCase {
    let summarizer = CallSummarizer(knowledge: TicketFixture.knowledge)

    func testFixtureParses() throws {
        let k = try RoutingKnowledge.parse(Data(TicketFixture.routingJSONL.utf8))
        XCTAssertEqual(k.departments.map(\.id), ["after_sales", "sales", "complaints"])
        XCTAssertEqual(k.priorityRules.count, 3)
        XCTAssertEqual(k.cues(for: "zh").deadline.count, 1)
    }

    func testEnglishSummaryCitesTurns() {
        let c = TicketFixture.safetyCall
        let s = summarizer.summarize(c)
        XCTAssertEqual(s.language, "en")
        XCTAssertEqual(s.issue?.turns, [3])
        XCTAssertEqual(s.actions.first?.turns, [6])
        XCTAssertEqual(s.outcome, .ticket)
        XCTAssertEqual(s.outcomeTurns, [6])
        XCTAssertTrue(s.followUps.contains { $0.turn == 6 && $0.isDeadline && $0.when.contains("24") })
        XCTAssertEqual(s.intents, ["warning_light"])
        XCTAssertEqual(s.entities.map(\.id), ["model_e7", "warning_hv_battery"])
        let numbers = Set(c.turns.map(\.number))
        XCTAssertTrue(s.citedTurns.allSatisfy(numbers.contains))
        XCTAssertTrue(s.text.contains("Issue (turn 3)"), s.text)
        XCTAssertTrue(s.text.contains("turn 6"), s.text)
    }

    func testChineseSummaryDetectsLanguageAndCitesTurns() {
        let s = summarizer.summarize(TicketFixture.zhBooking)
        XCTAssertEqual(s.language, "zh")
        XCTAssertEqual(s.issue?.turns, [1])
        XCTAssertEqual(s.actions.map(\.turns), [[4]])
        XCTAssertEqual(s.outcome, .resolved)
        XCTAssertTrue(s.text.hasPrefix("客户问题（第1轮）"), s.text)
        XCTAssertTrue(s.text.contains("第4轮"), s.text)
        // A booking time is a follow-up but no deadline.
        XCTAssertEqual(s.followUps.map(\.turn), [4])
        XCTAssertFalse(s.followUps[0].isDeadline)
    }

    func testSummaryTextHasTwoToFourSentences() {
        for c in [TicketFixture.safetyCall, TicketFixture.zhBooking, TicketFixture.faqCall] {
            let s = summarizer.summarize(c)
            let zh = s.language == "zh"
            let count = zh ? s.text.filter { $0 == "。" }.count : s.text.components(separatedBy: ". ").count
            XCTAssertTrue((2...4).contains(count), s.text)
        }
    }

    func testQuestionsAndGreetingsAreNotActions() {
        let s = summarizer.summarize(TicketFixture.faqCall)
        XCTAssertTrue(s.actions.allSatisfy { $0.turns != [4] })
        XCTAssertEqual(s.outcome, .resolved)
    }

    func testSummaryIsDeterministic() {
        XCTAssertEqual(summarizer.summarize(TicketFixture.safetyCall), summarizer.summarize(TicketFixture.safetyCall))
    }

    func testUnknownKindIsReported() {
        XCTAssertThrowsError(try RoutingKnowledge.parse(Data(#"{"kind": "dept", "id": "x"}"#.utf8))) { error in
            XCTAssertEqual(error as? RoutingKnowledgeError, .unknownKind(line: 1, kind: "dept"))
        }
        XCTAssertThrowsError(try RoutingKnowledge.parse(Data(#"{"kind": "priority", "level": "critical"}"#.utf8)))
    }

    func testPhraseMatcherBoundariesAndExpressions() {
        let m = PhraseMatcher(["again", "工单", "re:within [0-9]+ hours"])
        XCTAssertEqual(m.hits(in: "This is against the rules"), 0)
        XCTAssertEqual(m.hits(in: "It broke AGAIN"), 1)
        XCTAssertEqual(m.matches(in: "已提交工单，we will reply within 24 hours"), ["工单", "within 24 hours"])
    }

    func testShippedRoutingKnowledgeParses() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Knowledge/service/routing.jsonl")
        let k = try RoutingKnowledge.load(from: url)
        XCTAssertGreaterThanOrEqual(k.departments.count, 2)
        XCTAssertEqual(Set(k.cues.map(\.lang)), ["zh", "en"])
    }
}
