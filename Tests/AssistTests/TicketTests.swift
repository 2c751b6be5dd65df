import Assist
import Dialogue
import Foundation
import KnowledgeModel
import XCTest

final class TicketTests: XCTestCase {
    static let examples: [IntentExample] = {
        let rows: [(String, String)] = [
            ("我想预约保养", "book_maintenance"), ("帮我约一下小保养", "book_maintenance"), ("I want to book a service", "book_maintenance"),
            ("can I book maintenance next week", "book_maintenance"), ("车需要拖车", "roadside_assistance"), ("my car broke down, I need a tow", "roadside_assistance"),
            ("仪表盘亮了故障灯", "warning_light"), ("a warning light came on", "warning_light"),
            ("我想试驾E7", "test_drive"), ("预约试驾", "test_drive"), ("can I test drive the E9", "test_drive"), ("book a test drive", "test_drive"),
            ("E7多少钱", "price_inquiry"), ("what is the price of the E5", "price_inquiry"), ("how much is the X5", "price_inquiry"),
            ("我要投诉你们的服务", "complaint"), ("服务态度太差了", "complaint"), ("I want to make a complaint", "complaint"),
            ("your staff was rude", "complaint"), ("this is unacceptable, I want to complain", "complaint"),
            ("你好", "greeting"), ("hello", "greeting"),
        ]
        return rows.flatMap { r in [IntentExample(text: r.0, label: r.1), IntentExample(text: r.0 + "。", label: r.1)] }
    }()

    static func router() throws -> DepartmentRouter {
        var config = DepartmentRouter.defaultConfig
        config.minSteps = 200
        return try DepartmentRouter.train(knowledge: TicketFixture.knowledge, intentExamples: examples, config: config)
    }

    static let lexicon: [LexiconEntity] = [
        LexiconEntity(id: "city_beijing", name: "Beijing", type: "city", aliases: ["北京"], relations: []),
        LexiconEntity(id: "dealer_bj_chaoyang", name: "Lanto Beijing Chaoyang Centre", type: "dealer", aliases: [],
                      relations: [EntityRelationRef(type: "located_in", target: "city_beijing")]),
    ]

    func testNoTicketForResolvedFAQCall() throws {
        let drafter = TicketDrafter(router: try Self.router(), lexicon: Self.lexicon)
        let c = TicketFixture.faqCall
        let s = CallSummarizer(knowledge: TicketFixture.knowledge).summarize(c)
        XCTAssertNil(drafter.draft(c, summary: s))
    }

    func testSafetyWarningIsUrgentWithFields() throws {
        let drafter = TicketDrafter(router: try Self.router(), lexicon: Self.lexicon)
        var c = TicketFixture.safetyCall
        c.customer = CustomerProfile(id: "C1", name: "Li", city: "北京", vehicles: [Vehicle(model: "E7", trim: "Max", vin: "LNTE7TEST0000001")])
        let s = CallSummarizer(knowledge: TicketFixture.knowledge).summarize(c)
        let d = try XCTUnwrap(drafter.draft(c, summary: s))
        XCTAssertEqual(d.priority, .urgent)
        XCTAssertTrue(d.priorityReasons.first?.contains("warning_hv_battery") ?? false, "\(d.priorityReasons)")
        XCTAssertEqual(d.category, "warning_light")
        XCTAssertEqual(d.subcategory, "warning_hv_battery")
        XCTAssertEqual(d.fields.vehicle, TicketVehicle(model: "E7", trim: "Max", vin: "LNTE7TEST0000001", source: "profile"))
        XCTAssertEqual(d.fields.faults, ["High-voltage battery fault light"])
        XCTAssertEqual(d.fields.dealer, "Lanto Beijing Chaoyang Centre")
        XCTAssertEqual(d.fields.dealerSource, "profile_city")
        XCTAssertEqual(d.department, "after_sales")
        XCTAssertTrue(d.sourceTurns.contains(3) && d.sourceTurns.contains(6))
        XCTAssertEqual(d.description, s.text)
    }

    func testComplaintIsHighAndGoesToComplaints() throws {
        let router = try Self.router()
        let c = CallContext(turns: [
            TicketFixture.turn(1, "customer", "I want to make a complaint, your staff was rude to me.", intent: "complaint"),
            TicketFixture.turn(2, "agent", "I'm sorry. I've opened case CR20260101-0001 and customer relations will call you within 2 days."),
        ], language: "en")
        XCTAssertEqual(router.route(c).department, "complaints")
        XCTAssertEqual(PriorityAssessor(knowledge: TicketFixture.knowledge).assess(c, language: "en").priority, .high)
    }
}
