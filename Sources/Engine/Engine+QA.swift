import Assist
import Foundation
import KnowledgeModel
import Storage

/// Quality inspection: the stored rules compiled once per knowledge generation, edited through
/// `/v1/qa/rules` (a rule that does not compile is refused with its field and position), and batch
/// scoring of imported transcripts with a report per agent.
extension Engine {
    /// The stored QA rules, compiled; a stored rule that does not compile is skipped with a log line.
    func qaRuleSet() throws(EngineError) -> QARuleSet {
        let rules: [QARule]
        do { rules = try recordCache.records(kind: .qaRule, as: QARule.self, in: store) } catch { throw Engine.storageError(error) }
        return try derived.value("qa_rules", in: store) { () throws(EngineError) -> QARuleSet in
            let (set, errors) = QARuleSet.compiling(rules)
            for e in errors { logger.warning("QA rule skipped", metadata: ["error": "\(e)"]) }
            return set
        }
    }

    public func listQARules() throws(EngineError) -> [EditableRecord<QARule>] { try listRecords(Self.qaRulesKind) }

    /// - Throws: `rule_not_found` (404).
    public func qaRule(_ id: String) throws(EngineError) -> EditableRecord<QARule> { try record(Self.qaRulesKind, id) }

    /// - Throws: `invalid_rule` (400, naming the field and the position), `rule_exists` (409).
    public func createQARule(_ rule: QARule) throws(EngineError) -> EditableRecord<QARule> {
        try Self.checkQARule(rule)
        return try createRecord(Self.qaRulesKind, rule)
    }

    /// - Throws: `invalid_rule` (400), `rule_not_found` (404), `not_editable` (409).
    public func updateQARule(_ id: String, _ rule: QARule) throws(EngineError) -> EditableRecord<QARule> {
        try Self.checkQARule(rule)
        return try updateRecord(Self.qaRulesKind, id, rule)
    }

    public func deleteQARule(_ id: String) throws(EngineError) { try deleteRecord(Self.qaRulesKind, id) }

    /// The intent QA triggers read from a recorded customer turn: in scope and at least as
    /// confident as live inspection requires (`QAInspector.minimumIntentConfidence`).
    func qaIntentClassifier() -> @Sendable (String) -> String? {
        let model = dialogueModels().intent
        let floor = QAInspector(ruleSet: QARuleSet()).minimumIntentConfidence
        return { text in
            guard let model, let p = try? model.predict(text), !p.outOfScope, Double(p.confidence) >= floor else { return nil }
            return p.intent
        }
    }

    static func checkQARule(_ rule: QARule) throws(EngineError) {
        do { try QARuleSet.validate(rule) } catch { throw EngineError.badRequest("invalid_rule", error.description) }
    }

    /// Scores imported transcripts (all, or the listed sessions) with the current rules, stores a
    /// scorecard per call (source `batch`), and reports per agent with the throughput.
    public func qaBatch(sessions wanted: [String]? = nil) throws(EngineError) -> QABatchReport {
        let rules = try qaRuleSet()
        var sessions: [TranscriptSession]
        let turns: [TranscriptTurn]
        do {
            sessions = try store.records(kind: .session, as: TranscriptSession.self)
            turns = try store.records(kind: .turn, as: TranscriptTurn.self)
        } catch {
            throw Engine.storageError(error)
        }
        // Sessions that have turns but no session record are scored too (agent unknown).
        let known = Set(sessions.map(\.session))
        for id in Set(turns.map(\.session)).subtracting(known).sorted() { sessions.append(TranscriptSession(session: id)) }
        if let wanted {
            let missing = Set(wanted).subtracting(sessions.map(\.session))
            if let first = missing.sorted().first { throw EngineError.notFound("session_not_found", "no imported transcript with session id '\(first)'") }
            sessions = sessions.filter { wanted.contains($0.session) }
        }
        let report = QABatch.score(ruleSet: rules, sessions: sessions, turns: turns, intentOf: qaIntentClassifier())
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let now = Date().timeIntervalSince1970
        for s in sessions {
            guard let card = report.scorecards[s.session], let json = try? encoder.encode(card) else { continue }
            let call = StoredCall(id: "transcript:" + s.session, closedAt: now, agentID: s.agentId, customerID: s.customerId, source: "batch",
                                  score: card.score, summaryJSON: "{}", scorecardJSON: String(decoding: json, as: UTF8.self), ticketID: nil)
            do { try store.saveCall(call, ticket: nil) } catch { throw Engine.storageError(error) }
        }
        return report
    }
}

/// A stored call's QA result (`GET /v1/qa/scorecards`).
public struct ScorecardView: Codable, Sendable {
    /// The conversation id, or `transcript:<session>` for a scored transcript.
    public var conversationID: String
    public var closedAt: String
    public var agentID: String?
    public var customerID: String?
    /// live or batch.
    public var source: String
    public var scorecard: QAScorecard
    /// The call's summary (live calls; absent for scored transcripts).
    public var summary: CallSummary?
    public var ticketID: String?

    enum CodingKeys: String, CodingKey {
        case conversationID = "conversation_id", closedAt = "closed_at", agentID = "agent_id", customerID = "customer_id", source
        case scorecard, summary, ticketID = "ticket_id"
    }
}

/// `POST /v1/qa/batch` response: per-agent aggregates, throughput and every call's scorecard.
public struct QABatchView: Codable, Sendable {
    public var calls: Int
    public var turns: Int
    public var elapsedSeconds: Double
    public var turnsPerSecond: Double
    public var agents: [QAAgentSummary]
    public var scorecards: [String: QAScorecard]

    enum CodingKeys: String, CodingKey {
        case calls, turns, elapsedSeconds = "elapsed_seconds", turnsPerSecond = "turns_per_second", agents, scorecards
    }
}

extension Engine {
    /// Stored scorecards, newest first; one agent's or one source's when given.
    public func scorecards(agent: String? = nil, source: String? = nil, limit: Int = 100) throws(EngineError) -> [ScorecardView] {
        do { return try store.calls(agent: agent, source: source, limit: max(1, min(limit, 1000))).compactMap { Self.view(of: $0) } } catch {
            throw Engine.storageError(error)
        }
    }

    /// One call's scorecard and summary. - Throws: `scorecard_not_found` (404).
    public func scorecard(_ id: String) throws(EngineError) -> ScorecardView {
        let call: StoredCall?
        do { call = try store.call(id: id) } catch { throw Engine.storageError(error) }
        guard let call, let view = Self.view(of: call, withSummary: true) else {
            throw EngineError.notFound("scorecard_not_found", "no scored call with id '\(id)'")
        }
        return view
    }

    /// `qaBatch` as the API shows it.
    public func qaBatchReport(sessions: [String]? = nil) throws(EngineError) -> QABatchView {
        let r = try qaBatch(sessions: sessions)
        return QABatchView(calls: r.calls, turns: r.turns, elapsedSeconds: r.elapsedSeconds, turnsPerSecond: r.turnsPerSecond,
                           agents: r.agents, scorecards: r.scorecards)
    }

    static func view(of call: StoredCall, withSummary: Bool = false) -> ScorecardView? {
        let decoder = JSONDecoder()
        guard let card = try? decoder.decode(QAScorecard.self, from: Data(call.scorecardJSON.utf8)) else { return nil }
        let summary = withSummary ? try? decoder.decode(CallSummary.self, from: Data(call.summaryJSON.utf8)) : nil
        return ScorecardView(conversationID: call.id, closedAt: ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: call.closedAt)),
                             agentID: call.agentID, customerID: call.customerID, source: call.source, scorecard: card,
                             summary: summary, ticketID: call.ticketID)
    }
}
