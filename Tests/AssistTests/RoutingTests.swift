import Assist
import Foundation
import KnowledgeModel
import XCTest

final class RoutingTests: XCTestCase {
    func testRouterTopThreeSumsAtMostOne() throws {
        let router = try TicketTests.router()
        for c in [TicketFixture.safetyCall, TicketFixture.zhBooking, TicketFixture.faqCall] {
            let r = router.route(c)
            XCTAssertEqual(r.top.count, 3)
            let sum = r.top.map(\.confidence).reduce(0, +)
            XCTAssertLessThanOrEqual(sum, 1 + 1e-9)
            XCTAssertEqual(r.top.map(\.confidence), r.top.map(\.confidence).sorted(by: >))
            XCTAssertEqual(r.department, r.top[0].department)
        }
        XCTAssertEqual(router.route(TicketFixture.faqCall).department, "sales")
    }

    func testTrainingAndRoutingAreDeterministic() throws {
        let a = try TicketTests.router(), b = try TicketTests.router()
        for c in [TicketFixture.safetyCall, TicketFixture.zhBooking] {
            XCTAssertEqual(a.distribution(c).probabilities, b.distribution(c).probabilities)
        }
    }

    func testKeywordBaselineMostHitsWins() {
        let baseline = KeywordRouter(knowledge: TicketFixture.knowledge)
        let c = CallContext(turns: [TicketFixture.turn(1, "customer", "我想试驾，顺便问下价格，不是保养")])
        let r = baseline.route(c)
        XCTAssertEqual(r.department, "sales")
        XCTAssertEqual(r.top.first?.confidence ?? 0, 2.0 / 3.0, accuracy: 1e-9)
    }

    func testSerializedRouterRoutesTheSame() throws {
        let router = try TicketTests.router()
        let copy = try DepartmentRouter(knowledge: router.knowledge, serialized: try router.serialized())
        XCTAssertEqual(copy.route(TicketFixture.safetyCall), router.route(TicketFixture.safetyCall))
    }
}
