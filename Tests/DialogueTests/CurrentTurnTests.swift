@testable import Dialogue
import XCTest

/// The turn a reply answers: the customer's last run of lines, bounded, with the agent's turn
/// before the run as context.
final class CurrentTurnTests: XCTestCase {
    func testJoinsTheLastRunOfCustomerLines() throws {
        let turns = [ReplyTurn(speaker: .customer, text: "hello"), ReplyTurn(speaker: .agent, text: "how can I help?"),
                     ReplyTurn(speaker: .customer, text: "my car"), ReplyTurn(speaker: .customer, text: "  "),
                     ReplyTurn(speaker: .customer, text: "will not charge")]
        let current = try XCTUnwrap(ReplySuggester.currentTurn(turns))
        XCTAssertEqual(current.customer, "my car will not charge")
        XCTAssertEqual(current.previous, "how can I help?")
        XCTAssertEqual(current.agentSaid, ["how can I help?"])
    }

    func testALongMonologueKeepsItsLastLinesAndTheAgentContext() throws {
        var turns = [ReplyTurn(speaker: .agent, text: "go ahead")]
        for i in 1...30 { turns.append(ReplyTurn(speaker: .customer, text: "line\(i)")) }
        let current = try XCTUnwrap(ReplySuggester.currentTurn(turns))
        let n = ReplySuggester.maxJoinedCustomerTurns
        XCTAssertEqual(current.customer, ((30 - n + 1)...30).map { "line\($0)" }.joined(separator: " "))
        XCTAssertEqual(current.previous, "go ahead")
    }

    func testNoCustomerTurnIsNil() {
        XCTAssertNil(ReplySuggester.currentTurn([ReplyTurn(speaker: .agent, text: "hello")]))
    }
}
