import Foundation
import KnowledgeModel
import TextAnalysis

/// The QA state of one call, fed turn by turn. `observe` returns the alerts that became certain with that
/// turn; `scorecard` adds what only the end of the call decides (closing, windows the call cut short).
///
/// Triggers of `required_when` are customer turns whose `intent` is in `trigger.intents` or whose text
/// matches a `trigger.patterns` entry; each trigger opens its own window of `within_turns` agent turns
/// (two triggers whose windows close on the same agent turn give one alert).
public struct QAInspector: Sendable {
    /// The compiled rules this call is checked against.
    public let ruleSet: QARuleSet
    /// A customer turn's intent triggers a rule only when its `intentConfidence` is at least this
    /// (an intent without a confidence is trusted). Default 0.5: the intent is likelier than all others together.
    public let minimumIntentConfidence: Double
    /// Every alert raised so far, in the order raised.
    public private(set) var alerts: [QAAlert] = []
    /// Turns observed, and whether any carried a timestamp.
    public private(set) var turnCount = 0
    public private(set) var sawTimestamps = false
    /// Numbers of the agent turns seen, in order.
    private var agentTurns: [Int] = []
    private var openingDone: [Bool]
    /// Per `required_closing` rule: index into `agentTurns` of the last agent turn that said a pattern.
    private var closingLastMatch: [Int?]
    private var windows: [[Window]]
    private var identityChecked: [Bool]
    private var lastTimed: (turn: Int, ts: Double)?
    private var previousTurn: (turn: Int, speaker: String, ts: Double?)?

    /// An open `required_when` window: the trigger turn, what triggered it, the agent turns since.
    private struct Window: Sendable {
        var trigger: Int
        var cause: String
        var agentTurns: [Int] = []
    }

    /// Starts a call checked against `ruleSet`.
    public init(ruleSet: QARuleSet, minimumIntentConfidence: Double = 0.5) {
        self.ruleSet = ruleSet
        self.minimumIntentConfidence = minimumIntentConfidence
        let n = ruleSet.rules.count
        openingDone = Array(repeating: false, count: n)
        closingLastMatch = Array(repeating: nil, count: n)
        windows = Array(repeating: [], count: n)
        identityChecked = Array(repeating: false, count: n)
    }

    /// Reads the next turn of the call (turns in call order) and returns the alerts it made certain.
    public mutating func observe(_ turn: CallTurn) -> [QAAlert] {
        turnCount += 1
        // A time no call can have (negative, infinite, beyond 10¹² s) is read as unknown.
        var turn = turn
        if let ts = turn.ts, !TranscriptTurn.isValidTime(ts) { turn.ts = nil }
        var raised: [QAAlert] = []
        if let ts = turn.ts {
            sawTimestamps = true
            checkSilence(turn, ts: ts, into: &raised)
        }
        if turn.isCustomer {
            openWindows(turn)
        } else if turn.isAgent {
            checkAgent(turn, into: &raised)
        }
        if let ts = turn.ts { lastTimed = (turn.number, ts) }
        previousTurn = (turn.number, turn.speaker, turn.ts)
        alerts += raised
        return raised
    }

    private func alert(_ r: Int, turn: Int, turns: [Int], matched: String?, _ message: String) -> QAAlert {
        let rule = ruleSet.rules[r]
        return QAAlert(ruleID: rule.id, name: rule.name, severity: ruleSet.severities[r], type: ruleSet.types[r],
                       turn: turn, turns: Array(Set(turns)).sorted(), matched: matched, message: message)
    }

    private func checkSilence(_ turn: CallTurn, ts: Double, into raised: inout [QAAlert]) {
        guard let last = lastTimed else { return }
        let gap = ts - last.ts
        for r in ruleSet.types.indices where ruleSet.types[r] == .maxSilence {
            guard let limit = ruleSet.rules[r].seconds, gap > limit else { continue }
            raised.append(alert(r, turn: turn.number, turns: [last.turn, turn.number], matched: nil,
                                "\(Self.seconds(gap)) s of silence between turns \(last.turn) and \(turn.number) (limit \(Self.seconds(limit)) s)"))
        }
    }

    private mutating func openWindows(_ turn: CallTurn) {
        let matches = ruleSet.customerMatcher.isEmpty ? [:] : ruleSet.customerMatcher.matches(in: Normalizer.normalize(turn.text))
        let intent = (turn.intentConfidence ?? 1) >= minimumIntentConfidence ? turn.intent : nil
        for r in ruleSet.types.indices where ruleSet.types[r] == .requiredWhen {
            if let m = matches[QAFieldKey(rule: r, field: .trigger)] {
                windows[r].append(Window(trigger: turn.number, cause: "“\(m.text)”"))
            } else if let intent, ruleSet.triggerIntents[r].contains(intent) {
                windows[r].append(Window(trigger: turn.number, cause: "intent \(intent)"))
            }
        }
    }

    private mutating func checkAgent(_ turn: CallTurn, into raised: inout [QAAlert]) {
        agentTurns.append(turn.number)
        let matches = ruleSet.agentMatcher.matches(in: Normalizer.normalize(turn.text))
        for r in ruleSet.types.indices {
            let said = matches[QAFieldKey(rule: r, field: .patterns)]
            let rule = ruleSet.rules[r]
            switch ruleSet.types[r] {
            case .forbidden:
                if let said { raised.append(alert(r, turn: turn.number, turns: [turn.number], matched: said.text, "agent said “\(said.text)”")) }
            case .requiredOpening:
                guard !openingDone[r] else { continue }
                let n = rule.withinTurns ?? 1
                if said != nil { openingDone[r] = true } else if agentTurns.count >= n {
                    openingDone[r] = true
                    raised.append(openingAlert(r, n: n))
                }
            case .requiredClosing:
                if said != nil { closingLastMatch[r] = agentTurns.count - 1 }
            case .requiredWhen:
                guard !windows[r].isEmpty else { continue }
                if said != nil { windows[r].removeAll(); continue }
                let n = rule.withinTurns ?? 1
                for w in windows[r].indices { windows[r][w].agentTurns.append(turn.number) }
                let closed = windows[r].filter { $0.agentTurns.count >= n }
                windows[r].removeAll { $0.agentTurns.count >= n }
                if !closed.isEmpty { raised.append(windowAlert(r, closed, turn: turn.number, n: n)) }
            case .order:
                let before = matches[QAFieldKey(rule: r, field: .before)]
                if !identityChecked[r], let after = matches[QAFieldKey(rule: r, field: .after)], (before?.start ?? .max) > after.start {
                    raised.append(alert(r, turn: turn.number, turns: [turn.number], matched: after.text,
                                        "agent said “\(after.text)” before any identity check"))
                }
                if before != nil { identityChecked[r] = true }
            case .talkOver:
                guard let ts = turn.ts, let prev = previousTurn, prev.speaker == "customer", let pts = prev.ts,
                      let limit = rule.seconds else { continue }
                let gap = ts - pts
                if gap >= 0, gap < limit {
                    raised.append(alert(r, turn: turn.number, turns: [prev.turn, turn.number], matched: nil,
                                        "agent turn \(turn.number) started \(Self.seconds(gap)) s after customer turn \(prev.turn) (limit \(Self.seconds(limit)) s)"))
                }
            case .maxSilence:
                continue
            }
        }
    }

    private func openingAlert(_ r: Int, n: Int) -> QAAlert {
        let cited = Array(agentTurns.prefix(n))
        return alert(r, turn: cited[0], turns: cited, matched: nil,
                     "none of the opening phrases in the first \(cited.count) agent turn\(cited.count == 1 ? "" : "s")")
    }

    private func windowAlert(_ r: Int, _ closed: [Window], turn: Int, n: Int) -> QAAlert {
        let triggers = closed.map { "turn \($0.trigger) (\($0.cause))" }.joined(separator: ", ")
        return alert(r, turn: turn, turns: closed.flatMap { [$0.trigger] + $0.agentTurns }, matched: nil,
                     "no required phrase within \(n) agent turn\(n == 1 ? "" : "s") after the trigger in \(triggers)")
    }

    /// The alerts only the end of the call decides: a missing closing, an opening or `required_when`
    /// window the call cut short. Calls without agent turns are not judged on these.
    public func endOfCallAlerts() -> [QAAlert] {
        guard let last = agentTurns.last else { return [] }
        var raised: [QAAlert] = []
        for r in ruleSet.types.indices {
            let n = ruleSet.rules[r].withinTurns ?? 1
            switch ruleSet.types[r] {
            case .requiredOpening where !openingDone[r]:
                raised.append(openingAlert(r, n: n))
            case .requiredClosing:
                if let m = closingLastMatch[r], m >= agentTurns.count - n { continue }
                let cited = Array(agentTurns.suffix(n))
                raised.append(alert(r, turn: last, turns: cited, matched: nil,
                                    "none of the closing phrases in the last \(cited.count) agent turn\(cited.count == 1 ? "" : "s")"))
            case .requiredWhen:
                let cut = windows[r].filter { !$0.agentTurns.isEmpty }
                if let end = cut.last?.agentTurns.last { raised.append(windowAlert(r, cut, turn: end, n: n)) }
            default:
                continue
            }
        }
        return raised
    }

    /// The call's scorecard: every alert so far plus `endOfCallAlerts()`, scored with `scoring`.
    public func scorecard(scoring: QAScoring = QAScoring()) -> QAScorecard {
        let all = (alerts + endOfCallAlerts()).sorted { ($0.turn, $0.ruleID) < ($1.turn, $1.ruleID) }
        let checked = ruleSet.types.filter { !$0.needsTimestamps || sawTimestamps }.count
        return QAScorecard(alerts: all, checkedRules: checked, turns: turnCount, agentTurns: agentTurns.count, scoring: scoring)
    }

    /// Checks a whole call at once.
    public static func inspect(_ context: CallContext, ruleSet: QARuleSet, scoring: QAScoring = QAScoring()) -> QAScorecard {
        var inspector = QAInspector(ruleSet: ruleSet)
        for turn in context.turns { _ = inspector.observe(turn) }
        return inspector.scorecard(scoring: scoring)
    }

    /// Seconds with at most one decimal ("46.5", "30").
    static func seconds(_ s: Double) -> String {
        let r = (s * 10).rounded() / 10
        // Whole numbers without ".0"; only where they fit an Int (a gap of valid times always does).
        return r == r.rounded() && abs(r) < 1e15 ? String(Int(r)) : String(r)
    }
}
