import Assist
import XCTest

final class CallContextTests: XCTestCase {
    func testTurnRoles() {
        let c = CallTurn(number: 1, speaker: "customer", text: "hi")
        let a = CallTurn(number: 2, speaker: "agent", text: "hello")
        XCTAssertTrue(c.isCustomer)
        XCTAssertFalse(c.isAgent)
        XCTAssertTrue(a.isAgent)
    }
}
