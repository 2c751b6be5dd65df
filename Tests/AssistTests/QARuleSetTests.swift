import Foundation
import KnowledgeModel
import XCTest

@testable import Assist

final class QARuleSetTests: XCTestCase {
    private func forbidden(_ id: String = "R1", patterns: [String]) -> QARule {
        QARule(id: id, name: "no \(id)", severity: "high", type: "forbidden", patterns: patterns)
    }

    /// The error a single rule compiles to (fails the test when it compiles).
    private func error(_ rule: QARule, file: StaticString = #filePath, line: UInt = #line) -> QARuleError? {
        do {
            try QARuleSet.validate(rule)
            XCTFail("rule \(rule.id) compiled", file: file, line: line)
            return nil
        } catch { return error }
    }

    func testKnowledgeRulesCompile() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Knowledge/qa/rules.jsonl")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { throw XCTSkip("no Knowledge/qa/rules.jsonl beside the tests") }
        let rules = try text.split(whereSeparator: \.isNewline).map { try JSONDecoder().decode(QARule.self, from: Data($0.utf8)) }
        let set = try QARuleSet(rules)
        XCTAssertEqual(set.rules.count, rules.count)
    }

    func testUnknownTypeAndSeverity() {
        let e = error(QARule(id: "R9", name: "x", severity: "high", type: "forbiden", patterns: ["a"]))
        XCTAssertEqual(e?.ruleID, "R9")
        XCTAssertEqual(e?.field, "type")
        XCTAssertTrue(e?.description.hasPrefix("rule R9, type: unknown type 'forbiden'") ?? false, e?.description ?? "")
        XCTAssertEqual(error(QARule(id: "R9", name: "x", severity: "urgent", type: "forbidden", patterns: ["a"]))?.field, "severity")
    }

    func testMissingRequiredFields() {
        XCTAssertEqual(error(QARule(id: "A", name: "x", severity: "low", type: "forbidden"))?.field, "patterns")
        XCTAssertEqual(error(QARule(id: "A", name: "x", severity: "low", type: "forbidden", patterns: []))?.field, "patterns")
        XCTAssertEqual(error(QARule(id: "A", name: "x", severity: "low", type: "required_opening", patterns: ["hi"]))?.field, "within_turns")
        XCTAssertEqual(error(QARule(id: "A", name: "x", severity: "low", type: "required_closing", patterns: ["bye"], withinTurns: 0))?.field, "within_turns")
        XCTAssertEqual(error(QARule(id: "A", name: "x", severity: "low", type: "required_when", patterns: ["apr"], withinTurns: 2))?.field, "trigger")
        XCTAssertEqual(error(QARule(id: "A", name: "x", severity: "low", type: "required_when", patterns: ["apr"], withinTurns: 2,
                                    trigger: QATrigger(intents: [], patterns: [])))?.field, "trigger")
        XCTAssertEqual(error(QARule(id: "A", name: "x", severity: "low", type: "order", after: ["x"]))?.field, "before")
        XCTAssertEqual(error(QARule(id: "A", name: "x", severity: "low", type: "order", before: ["x"]))?.field, "after")
        XCTAssertEqual(error(QARule(id: "A", name: "x", severity: "low", type: "max_silence"))?.field, "seconds")
        XCTAssertEqual(error(QARule(id: "A", name: "x", severity: "low", type: "talk_over", seconds: -1))?.field, "seconds")
        XCTAssertEqual(error(QARule(id: "", name: "x", severity: "low", type: "talk_over", seconds: 1))?.field, "id")
        XCTAssertEqual(error(forbidden(patterns: ["ok", "  "]))?.field, "patterns[1]")
    }

    func testDuplicateIDs() {
        XCTAssertThrowsError(try QARuleSet([forbidden("R1", patterns: ["a"]), forbidden("R1", patterns: ["b"])])) { e in
            XCTAssertEqual((e as? QARuleError)?.field, "id")
        }
    }

    func testCompilingKeepsTheValidRules() {
        let (set, errors) = QARuleSet.compiling([forbidden("R1", patterns: ["a"]), forbidden("R2", patterns: ["re:(x"]),
                                                 forbidden("R1", patterns: ["b"]), forbidden("R3", patterns: ["c"])])
        XCTAssertEqual(set.rules.map(\.id), ["R1", "R3"])
        XCTAssertEqual(errors.map(\.ruleID), ["R2", "R1"])
        XCTAssertEqual(errors.map(\.field), ["patterns[0]", "id"])
        XCTAssertEqual(QAInspector.inspect(CallContext(turns: [CallTurn(number: 1, speaker: "agent", text: "A B C")]), ruleSet: set)
            .hits.map(\.ruleID), ["R1", "R3"])
    }

    func testRegexFaultPositions() {
        // Position = 0-based character offset in the pattern as written, `re:` included.
        let cases: [(String, Int)] = [
            ("re:1[3-9", 4),       // '[' never closed
            ("re:(abc", 3),        // '(' never closed
            ("re:a(b(c)", 4),      // the outer '(' is the unclosed one
            ("re:abc)", 6),        // ')' without '('
            ("re:*abc", 3),        // nothing to repeat
            ("re:a|+b", 5),        // nothing to repeat after '|'
            ("re:(?:+a)", 6),      // nothing to repeat at a group start
            ("re:a**", 5),         // quantifier after quantifier
            ("re:{2}a", 3),        // bounded quantifier with nothing to repeat
            ("re:abc\\", 6),       // trailing backslash
            ("re:订单(状态", 5),     // positions count characters, not bytes
            ("re:[]a]", 3),        // empty class (Swift does not read a leading ']' as a literal)
        ]
        for (pattern, position) in cases {
            let e = error(forbidden(patterns: ["fine", pattern]))
            XCTAssertEqual(e?.field, "patterns[1]", pattern)
            XCTAssertEqual(e?.position, position, "\(pattern): \(e?.description ?? "")")
            XCTAssertTrue(e?.description.contains("position \(position)") ?? false, e?.description ?? "")
            XCTAssertFalse(e?.description.contains("\n") ?? true)
        }
    }

    func testRegexFaultsInOtherFields() {
        let when = QARule(id: "W", name: "w", severity: "medium", type: "required_when", patterns: ["apr"], withinTurns: 2,
                          trigger: QATrigger(intents: ["financing"], patterns: ["re:loan(s"]))
        XCTAssertEqual(error(when)?.field, "trigger.patterns[0]")
        let order = QARule(id: "O", name: "o", severity: "high", type: "order", before: ["a", "b", "re:[x"], after: ["c"])
        let e = error(order)
        XCTAssertEqual(e?.field, "before[2]")
        XCTAssertEqual(e?.position, 3)
        XCTAssertEqual(e?.description, "rule O, before[2]: invalid regular expression at position 3: '[' is never closed (\"re:[x\")")
    }

    func testValidRegexesCompile() throws {
        let patterns = ["re:1[3-9][0-9]{9}", "re:a+?b", "re:(?:ab)+c", "re:[a-z]{2,3}x", "re:[\\]a]", "re:x{,2}", "re:\\d{4}", "re:(?i)abc", "re:a|b"]
        XCTAssertNoThrow(try QARuleSet([forbidden(patterns: patterns)]))
    }

    func testSwiftRegexErrorWithoutKnownPosition() {
        // Balanced and quantified correctly, but an invalid range: Swift's parser reports it (no position).
        let e = error(forbidden(patterns: ["re:[z-a]"]))
        XCTAssertEqual(e?.field, "patterns[0]")
        XCTAssertNil(e?.position)
        XCTAssertFalse(e?.description.contains("\n") ?? true)
    }
}
