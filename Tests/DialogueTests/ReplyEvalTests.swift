import Foundation
import KnowledgeModel
import XCTest
@testable import Dialogue

/// The JDDC evaluation protocol on a tiny file.
final class ReplyEvalTests: XCTestCase {
    func testReadsJDDCAndScoresHeldOutSessions() throws {
        var lines: [String] = []
        for s in 0..<4 {
            lines.append("s\(s)\tu\t0\t0\t0\tnan\t你好")
            lines.append("s\(s)\tu\t1\t0\t0\tnan\t有什么问题我可以帮您处理或解决呢?")
            lines.append("s\(s)\tu\t0\t0\t0\tnan\t谢谢")
            lines.append("s\(s)\tu\t1\t0\t0\tnan\tnan")
        }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("jddc-\(UUID().uuidString).txt")
        try lines.joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        let sessions = try ReplyEval.readJDDC(path: url.path)
        XCTAssertEqual(sessions.count, 4)
        XCTAssertEqual(sessions[0].turns.count, 3)                  // the `nan` line is skipped
        let m = try ReplyEval.jddc(path: url.path, holdOutEvery: 2)
        XCTAssertEqual(m.heldOutSessions, 2)
        XCTAssertEqual(m.trainPairs, 2)
        XCTAssertEqual(m.queries, 2)
        XCTAssertEqual(m.recallAt1, 1)
        XCTAssertEqual(m.mostFrequentRecallAt5, 1)
    }

    func testTranscriptTurnsBecomeSessionsInOrder() throws {
        let records = [
            TranscriptTurn(session: "b", turn: 2, speaker: "agent", text: "What time would you like to leave?"),
            TranscriptTurn(session: "a", turn: 1, speaker: "customer", text: "I need a taxi."),
            TranscriptTurn(session: "b", turn: 1, speaker: "user", text: "Book me a train."),
            TranscriptTurn(session: "a", turn: 2, speaker: "system", text: "(call transferred)"),
            TranscriptTurn(session: "a", turn: 3, speaker: "agent", text: "  "),
            TranscriptTurn(session: "a", turn: 4, speaker: "Agent", text: "Where to?"),
            TranscriptTurn(session: "c", turn: 1, speaker: "bot", text: "Hello"),
        ]
        let sessions = ReplyEval.sessions(from: records)
        XCTAssertEqual(sessions.map(\.id), ["b", "a"])                // first appearance; "c" has no customer or agent turn
        XCTAssertEqual(sessions[0].turns, [ReplyTurn(speaker: .customer, text: "Book me a train."),
                                           ReplyTurn(speaker: .agent, text: "What time would you like to leave?")])
        XCTAssertEqual(sessions[1].turns.map(\.text), ["I need a taxi.", "Where to?"])
        let m = try ReplyEval.evaluate(sessions: sessions + sessions.reversed(), holdOutEvery: 2)   // b a | a b
        XCTAssertEqual(m.queries, 2)
        XCTAssertEqual(m.recallAt1, 1)                               // each held-out session repeats a trained one
        XCTAssertThrowsError(try ReplyEval.evaluate(sessions: sessions, holdOutEvery: 0)) { error in
            XCTAssertEqual(error as? ReplyError, .invalidHoldOut(0))
        }
    }

    func testBadInputsAreTypedErrors() {
        XCTAssertThrowsError(try ReplyEval.jddc(path: "/nonexistent/chat.txt")) { error in
            guard case .unreadableFile = error as? ReplyError else { return XCTFail("\(error)") }
        }
        XCTAssertThrowsError(try ReplyEval.jddc(path: "/dev/null", holdOutEvery: 1)) { error in
            XCTAssertEqual(error as? ReplyError, .invalidHoldOut(1))
        }
    }
}
