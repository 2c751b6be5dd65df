import Foundation
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

    func testBadInputsAreTypedErrors() {
        XCTAssertThrowsError(try ReplyEval.jddc(path: "/nonexistent/chat.txt")) { error in
            guard case .unreadableFile = error as? ReplyError else { return XCTFail("\(error)") }
        }
        XCTAssertThrowsError(try ReplyEval.jddc(path: "/dev/null", holdOutEvery: 1)) { error in
            XCTAssertEqual(error as? ReplyError, .invalidHoldOut(1))
        }
    }
}
