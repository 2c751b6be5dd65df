import Foundation
import KnowledgeModel

/// One labelled agent turn of `Knowledge/eval/qa_turns.jsonl`: the rule ids it violates.
public struct QATurnLabel: Sendable, Hashable, Codable {
    public var session: String
    public var turn: Int
    /// The rule ids the turn violates (empty: a clean turn).
    public var violations: [String]

    /// Creates a label.
    public init(session: String, turn: Int, violations: [String]) {
        self.session = session; self.turn = turn; self.violations = violations
    }
}

/// True positives, false positives and false negatives of one rule or of all.
public struct QACounts: Sendable, Hashable, Codable {
    public var tp = 0, fp = 0, fn = 0
    /// Zero counts.
    public init() {}
    public var precision: Double { tp + fp == 0 ? 0 : Double(tp) / Double(tp + fp) }
    public var recall: Double { tp + fn == 0 ? 0 : Double(tp) / Double(tp + fn) }
    public var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }
}

/// Micro-averaged counts over (labelled turn, rule) pairs, per rule, and the pairs that were wrong.
public struct QAEvalMetrics: Sendable, Codable {
    public var micro = QACounts()
    public var perRule: [String: QACounts] = [:]
    /// `S032#4 QA-008` style names of the false positives and negatives.
    public var falsePositives: [String] = []
    public var falseNegatives: [String] = []

    enum CodingKeys: String, CodingKey {
        case micro, perRule = "per_rule", falsePositives = "false_positives", falseNegatives = "false_negatives"
    }
}

/// The QA evaluation: ours and the keyword baseline on the same labelled turns, in the same run.
public struct QAEvalReport: Sendable, Codable {
    /// The inspector's and the keyword baseline's metrics.
    public var ours: QAEvalMetrics
    public var baseline: QAEvalMetrics
    /// Labelled agent turns and the sessions they come from.
    public var labelledTurns: Int
    public var sessions: Int

    enum CodingKeys: String, CodingKey {
        case ours, baseline, labelledTurns = "labelled_turns", sessions
    }
}

/// Evaluates the inspector against labelled agent turns.
///
/// Only labelled (session, turn) pairs count; a prediction on an unlabelled turn is ignored. A
/// prediction is the pair (`QAAlert.turn`, rule id) — see `QAAlert` for where each rule type attributes
/// its violation (window close for `required_when`, first agent turn for `required_opening`, last agent
/// turn for `required_closing`, the turn after the gap for `max_silence`).
///
/// The baseline is keyword matching only: every rule's phrases (`patterns`, or `after` for `order`)
/// checked as if the rule were `forbidden` on every agent turn — no triggers, order, windows or timing.
public enum QAEval {
    /// Scores the labelled sessions of `turns` with `ruleSet` and with the keyword baseline.
    public static func run(ruleSet: QARuleSet, turns: [TranscriptTurn], labels: [QATurnLabel],
                           intentOf: (String) -> String?) throws(QARuleError) -> QAEvalReport {
        let calls = QABatch.callTurns(turns, intentOf: intentOf)
        let baselineSet = try baselineRules(ruleSet.rules)
        let labelled = Set(labels.map(\.session))
        var ours: Set<Pair> = [], base: Set<Pair> = []
        for session in labelled.sorted() {
            guard let list = calls[session] else { continue }
            ours.formUnion(QAInspector.inspect(CallContext(turns: list), ruleSet: ruleSet).hits.map { Pair(session, $0.turn, $0.ruleID) })
            base.formUnion(QAInspector.inspect(CallContext(turns: list), ruleSet: baselineSet).hits.map { Pair(session, $0.turn, $0.ruleID) })
        }
        return QAEvalReport(ours: metrics(ours, labels), baseline: metrics(base, labels), labelledTurns: labels.count, sessions: labelled.count)
    }

    /// The keyword baseline's rules: every rule with phrases turned into a `forbidden` rule.
    static func baselineRules(_ rules: [QARule]) throws(QARuleError) -> QARuleSet {
        try QARuleSet(rules.compactMap { r in
            guard let phrases = r.patterns ?? r.after, !phrases.isEmpty else { return nil }
            return QARule(id: r.id, name: r.name, severity: r.severity, type: QARuleType.forbidden.rawValue, patterns: phrases)
        })
    }

    private struct Pair: Hashable {
        var session: String, turn: Int, rule: String
        init(_ session: String, _ turn: Int, _ rule: String) { self.session = session; self.turn = turn; self.rule = rule }
        var name: String { "\(session)#\(turn) \(rule)" }
    }

    private static func metrics(_ predicted: Set<Pair>, _ labels: [QATurnLabel]) -> QAEvalMetrics {
        var m = QAEvalMetrics()
        var truth: Set<Pair> = []
        var keys: Set<String> = []
        for l in labels {
            keys.insert("\(l.session)#\(l.turn)")
            for v in l.violations { truth.insert(Pair(l.session, l.turn, v)) }
        }
        let scored = predicted.filter { keys.contains("\($0.session)#\($0.turn)") }
        for p in scored.union(truth).sorted(by: { ($0.session, $0.turn, $0.rule) < ($1.session, $1.turn, $1.rule) }) {
            let hit = scored.contains(p), real = truth.contains(p)
            if hit && real { m.micro.tp += 1; m.perRule[p.rule, default: QACounts()].tp += 1 }
            if hit && !real { m.micro.fp += 1; m.perRule[p.rule, default: QACounts()].fp += 1; m.falsePositives.append(p.name) }
            if !hit && real { m.micro.fn += 1; m.perRule[p.rule, default: QACounts()].fn += 1; m.falseNegatives.append(p.name) }
        }
        return m
    }
}
