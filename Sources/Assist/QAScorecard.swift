import Foundation

/// How a call's hits become a score.
///
/// The score starts at 100 and every hit deducts its severity's weight — by default low 5, medium 10,
/// high 20, critical 40 — with one rule deducting at most `perRuleCap` times its weight (a phrase repeated
/// all call long counts twice, not ten times). The score is clamped to 0...100. A call passes when its
/// score is at least `passMark` and, with `criticalFails`, no critical rule was broken.
public struct QAScoring: Sendable, Hashable, Codable {
    /// The deduction per hit of each severity.
    public var low: Double = 5
    public var medium: Double = 10
    public var high: Double = 20
    public var critical: Double = 40
    /// How many hits of one rule are deducted at most.
    public var perRuleCap: Int = 2
    /// The lowest passing score.
    public var passMark: Double = 80
    /// Whether one critical hit fails the call whatever the score.
    public var criticalFails: Bool = true

    /// The default weights.
    public init() {}

    /// The deduction of one hit of `severity`.
    public func weight(_ severity: QASeverity) -> Double {
        switch severity {
        case .low: low
        case .medium: medium
        case .high: high
        case .critical: critical
        }
    }
}

/// One rule violation in a scorecard: the alert that raised it.
public typealias QAHit = QAAlert

/// A call's quality result after it ended.
public struct QAScorecard: Sendable, Hashable, Codable {
    /// 0...100 (see `QAScoring`).
    public var score: Double
    public var passed: Bool
    /// The violations, by turn.
    public var hits: [QAHit]
    /// Rules that could be checked on this call (timing rules only when turns carried timestamps).
    public var checkedRules: Int
    /// Turns in the call, and how many of them were the agent's.
    public var turns: Int
    public var agentTurns: Int

    enum CodingKeys: String, CodingKey {
        case score, passed, hits, checkedRules = "checked_rules", turns, agentTurns = "agent_turns"
    }

    /// Scores `alerts` with `scoring`.
    public init(alerts: [QAAlert], checkedRules: Int, turns: Int, agentTurns: Int, scoring: QAScoring = QAScoring()) {
        hits = alerts
        var counted: [String: Int] = [:]
        var deducted = 0.0
        for h in hits {
            let n = counted[h.ruleID, default: 0]
            guard n < scoring.perRuleCap else { continue }
            counted[h.ruleID] = n + 1
            deducted += scoring.weight(h.severity)
        }
        score = max(0, min(100, 100 - deducted))
        passed = score >= scoring.passMark && !(scoring.criticalFails && hits.contains { $0.severity == .critical })
        self.checkedRules = checkedRules; self.turns = turns; self.agentTurns = agentTurns
    }
}
