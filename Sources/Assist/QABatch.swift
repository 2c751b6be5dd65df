import Foundation
import KnowledgeModel

/// One agent's calls in a batch.
public struct QAAgentSummary: Sendable, Hashable, Codable {
    /// The agent's id (`unknown` for sessions without one) and display name.
    public var agentID: String
    public var agentName: String?
    /// Calls scored and their turns (both speakers).
    public var calls: Int
    public var turns: Int
    /// The mean scorecard score over the calls.
    public var meanScore: Double
    /// Calls that passed.
    public var passed: Int
    /// Hits per rule id over the agent's calls.
    public var hitsPerRule: [String: Int]

    enum CodingKeys: String, CodingKey {
        case agentID = "agent_id", agentName = "agent_name", calls, turns, meanScore = "mean_score", passed
        case hitsPerRule = "hits_per_rule"
    }
}

/// The QA of many recorded calls.
public struct QABatchReport: Sendable, Codable {
    /// Scorecards by session id.
    public var scorecards: [String: QAScorecard]
    /// Per agent (sessions without an agent id are grouped under `unknown`), by agent id.
    public var agents: [QAAgentSummary]
    /// Calls scored and their turns.
    public var calls: Int
    public var turns: Int
    /// Wall-clock seconds for the whole batch (intent look-ups included).
    public var elapsedSeconds: Double
    /// Turns scored per second of `elapsedSeconds`.
    public var turnsPerSecond: Double { elapsedSeconds > 0 ? Double(turns) / elapsedSeconds : 0 }

    enum CodingKeys: String, CodingKey {
        case scorecards, agents, calls, turns, elapsedSeconds = "elapsed_seconds"
    }
}

/// Scores recorded transcripts.
public enum QABatch {
    /// Groups `turns` by session (in turn order) and converts them to `CallTurn`s; customer turns get
    /// `intentOf(text)` as their intent.
    public static func callTurns(_ turns: [TranscriptTurn], intentOf: (String) -> String?) -> [String: [CallTurn]] {
        var bySession: [String: [TranscriptTurn]] = [:]
        for t in turns { bySession[t.session, default: []].append(t) }
        return bySession.mapValues { list in
            list.sorted { $0.turn < $1.turn }.map { t in
                CallTurn(number: t.turn, speaker: t.speaker, text: t.text, ts: t.ts,
                         intent: t.speaker == "customer" ? intentOf(t.text) : nil)
            }
        }
    }

    /// Scores every session of `sessions` that has turns, and aggregates per agent. Turns of sessions not
    /// listed in `sessions` are ignored.
    public static func score(ruleSet: QARuleSet, sessions: [TranscriptSession], turns: [TranscriptTurn],
                             intentOf: (String) -> String?, scoring: QAScoring = QAScoring()) -> QABatchReport {
        let clock = ContinuousClock()
        let start = clock.now
        let calls = callTurns(turns, intentOf: intentOf)
        var cards: [String: QAScorecard] = [:]
        var agents: [String: QAAgentSummary] = [:]
        var scoreSums: [String: Double] = [:]
        var turnTotal = 0
        for s in sessions {
            guard let list = calls[s.session], cards[s.session] == nil else { continue }
            var inspector = QAInspector(ruleSet: ruleSet)
            for t in list { _ = inspector.observe(t) }
            let card = inspector.scorecard(scoring: scoring)
            cards[s.session] = card
            turnTotal += list.count
            let id = s.agentId ?? "unknown"
            var a = agents[id] ?? QAAgentSummary(agentID: id, agentName: s.agentName, calls: 0, turns: 0, meanScore: 0, passed: 0, hitsPerRule: [:])
            a.calls += 1
            a.turns += list.count
            a.passed += card.passed ? 1 : 0
            for h in card.hits { a.hitsPerRule[h.ruleID, default: 0] += 1 }
            scoreSums[id, default: 0] += card.score
            agents[id] = a
        }
        let summaries = agents.values.map { a -> QAAgentSummary in
            var a = a
            a.meanScore = (scoreSums[a.agentID] ?? 0) / Double(max(a.calls, 1))
            return a
        }.sorted { $0.agentID < $1.agentID }
        let elapsed = clock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        return QABatchReport(scorecards: cards, agents: summaries, calls: cards.count, turns: turnTotal, elapsedSeconds: seconds)
    }
}
