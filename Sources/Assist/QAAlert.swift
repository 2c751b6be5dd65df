import Foundation

/// A rule violation, raised as soon as it is certain (live) or when the call ended (closing, open windows).
///
/// `turn` is the turn the violation is attributed to (what the labels of `Knowledge/eval/qa_turns.jsonl`
/// mark); `turns` cites every turn the decision rests on:
/// - `forbidden`: the agent turn that said the pattern.
/// - `order`: the agent turn that said the `after` pattern before any `before` pattern.
/// - `required_when`: attributed to the agent turn that closed the window (the N-th agent turn after the
///   trigger, or the last agent turn when the call ended first); cites the trigger turn and the window.
/// - `required_opening`: attributed to the first agent turn (where the greeting belonged); cites the
///   first N agent turns. Raised once the N-th agent turn passed.
/// - `required_closing`: attributed to the last agent turn; cites the last N agent turns. Only decidable
///   after the call (`QAInspector.scorecard`).
/// - `max_silence`: the turn that ended the gap; cites both turns.
/// - `talk_over`: the agent turn that started too early; cites the customer turn and it.
public struct QAAlert: Sendable, Hashable, Codable {
    /// The rule's id, e.g. `QA-004`.
    public var ruleID: String
    /// The rule's (English) name.
    public var name: String
    public var severity: QASeverity
    public var type: QARuleType
    /// The turn the violation is attributed to.
    public var turn: Int
    /// Every turn cited, ascending.
    public var turns: [Int]
    /// What was said that broke the rule (normalized text), or nil for a missing phrase or a timing rule.
    public var matched: String?
    /// One line saying what is wrong.
    public var message: String

    /// Creates an alert.
    public init(ruleID: String, name: String, severity: QASeverity, type: QARuleType, turn: Int, turns: [Int],
                matched: String?, message: String) {
        self.ruleID = ruleID; self.name = name; self.severity = severity; self.type = type
        self.turn = turn; self.turns = turns; self.matched = matched; self.message = message
    }

    enum CodingKeys: String, CodingKey { case ruleID = "rule_id", name, severity, type, turn, turns, matched, message }
}
