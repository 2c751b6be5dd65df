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

    /// A long call: only the latest turns are read and the latest agent turns count as said (in
    /// call order), so a suggestion costs the same at turn 400 as at turn 20.
    func testOnlyTheLatestAgentTurnsCountAsSaid() throws {
        var turns: [ReplyTurn] = []
        for i in 1...100 {
            turns.append(ReplyTurn(speaker: .customer, text: "question \(i)"))
            turns.append(ReplyTurn(speaker: .agent, text: "reply \(i)"))
        }
        turns.append(ReplyTurn(speaker: .customer, text: "one more"))
        let current = try XCTUnwrap(ReplySuggester.currentTurn(turns))
        let n = ReplySuggester.maxSaidTurns
        XCTAssertEqual(current.agentSaid, ((100 - n + 1)...100).map { "reply \($0)" })
        XCTAssertEqual(current.previous, "reply 100")
        // Only the last `contextTurns` turns are read; the position stays in the last bucket.
        XCTAssertEqual(current.turn, ReplySuggester.contextTurns + 1)
        XCTAssertEqual(ReplyTranscriptIndex.positionBucket(current.turn), ReplyTranscriptIndex.bucketCount - 1)
        let short = try XCTUnwrap(ReplySuggester.currentTurn(Array(turns.suffix(21))))
        XCTAssertEqual(short.turn, 22, "a call shorter than the window counts all its turns")
    }

    func testNoCustomerTurnIsNil() {
        XCTAssertNil(ReplySuggester.currentTurn([ReplyTurn(speaker: .agent, text: "hello")]))
    }
}
