import Assist
import Foundation
import KnowledgeModel
import Storage

/// Labels of a knowledge folder's service evaluation (`eval/nba.jsonl`, `eval/qa_turns.jsonl`,
/// `eval/tickets.jsonl`), already read.
public struct ServiceEvalLabels: Sendable {
    /// Session → the campaign a good agent offers (nil: none).
    public var offers: [(session: String, campaign: String?)]
    public var qaTurns: [QATurnLabel]
    public var tickets: [TicketLabel]

    public init(offers: [(session: String, campaign: String?)], qaTurns: [QATurnLabel], tickets: [TicketLabel]) {
        self.offers = offers; self.qaTurns = qaTurns; self.tickets = tickets
    }
}

/// Next-best actions, QA rules and ticket routing against labels, each beside its keyword
/// baseline in the same run, with the summary checks and the batch QA throughput.
public struct ServiceEvalReport: Codable, Sendable {
    public var nba: NBA?
    public var qa: QAEvalReport?
    public var routing: RoutingEvalReport?
    public var summaries: SummaryEvalReport?
    public var batch: Batch

    public struct NBA: Codable, Sendable {
        public var ours: NextBestActionScores
        public var baseline: NextBestActionScores
        public var purchaseIntentSource: String
    }

    public struct Batch: Codable, Sendable {
        public var calls: Int
        public var turns: Int
        public var seconds: Double
        public var turnsPerSecond: Double
    }
}

extension Engine {
    /// The stored transcripts replayed the way live assist sees them (intent, sentiment and
    /// entities per turn, the customer's profile), at `now`.
    public func replayTranscripts(now: Date) throws(EngineError) -> [String: CallContext] {
        let s = try snapshot()
        let sessions: [TranscriptSession], turns: [TranscriptTurn], customers: [CustomerProfile]
        do {
            sessions = try store.records(kind: .session, as: TranscriptSession.self)
            turns = try store.records(kind: .turn, as: TranscriptTurn.self)
            customers = try store.records(kind: .customer, as: CustomerProfile.self)
        } catch {
            throw Engine.storageError(error)
        }
        let byCustomer = Dictionary(customers.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let bySession = Dictionary(grouping: turns, by: \.session)
        var out: [String: CallContext] = [:]
        for session in sessions {
            let calls = (bySession[session.session] ?? []).sorted { $0.turn < $1.turn }.map { annotate($0, in: s) }
            out[session.session] = CallContext(turns: calls, language: session.lang ?? Self.language(of: calls), channel: session.channel,
                                               customer: session.customerId.flatMap { byCustomer[$0] }, agentID: session.agentId, now: now)
        }
        return out
    }

    /// Evaluates next-best actions, QA and ticket routing on the stored knowledge against `labels`.
    public func serviceEvaluation(_ labels: ServiceEvalLabels, now: Date) throws(EngineError) -> ServiceEvalReport {
        let contexts = try replayTranscripts(now: now)
        var report = ServiceEvalReport(batch: .init(calls: 0, turns: 0, seconds: 0, turnsPerSecond: 0))

        if !labels.offers.isEmpty {
            var cases: [NextBestActionCase] = []
            for l in labels.offers {
                guard let c = contexts[l.session] else { throw EngineError.badRequest("unknown_session", "eval/nba.jsonl names session '\(l.session)', which no transcript has") }
                cases.append(NextBestActionCase(session: l.session, context: c, expected: l.campaign))
            }
            let campaigns: [Campaign]
            do { campaigns = try store.records(kind: .campaign, as: Campaign.self) } catch { throw Engine.storageError(error) }
            let model = purchaseIntentModel()
            let r = NextBestActionEval.run(cases, campaigns: campaigns, programs: try vehiclePrograms(), intentModel: model,
                                           rules: assist.profileSignals)
            report.nba = .init(ours: r.ours, baseline: r.baseline, purchaseIntentSource: model.source.rawValue)
        }

        let intentOf = qaIntentClassifier()
        if !labels.qaTurns.isEmpty {
            let turns: [TranscriptTurn]
            do { turns = try store.records(kind: .turn, as: TranscriptTurn.self) } catch { throw Engine.storageError(error) }
            do { report.qa = try QAEval.run(ruleSet: try qaRuleSet(), turns: turns, labels: labels.qaTurns, intentOf: intentOf) } catch {
                throw EngineError.badRequest("invalid_rule", "\(error)")
            }
        }

        let knowledge = try routingKnowledge()
        if let drafter = try ticketDrafter() {
            let s = try snapshot()
            var cases: [RoutingEvalCase] = []
            for (i, l) in labels.tickets.enumerated() {
                let context: CallContext
                if let session = l.session {
                    guard let c = contexts[session] else { throw EngineError.badRequest("unknown_session", "eval/tickets.jsonl names session '\(session)', which no transcript has") }
                    context = c
                } else if let text = l.text {
                    let turn = annotate(TranscriptTurn(session: "text", turn: 1, speaker: "customer", text: text), in: s)
                    context = CallContext(turns: [turn], language: l.lang, now: now)
                } else {
                    continue
                }
                cases.append(RoutingEvalCase(id: l.session ?? "text#\(i + 1)", kind: l.session == nil ? "text" : "session",
                                             language: l.lang ?? CallSummarizer.language(of: context), context: context,
                                             department: l.department, priority: l.priority))
            }
            if !cases.isEmpty {
                report.routing = RoutingEval.run(cases, router: drafter.router, baseline: KeywordRouter(knowledge: knowledge),
                                                 assessor: PriorityAssessor(knowledge: knowledge))
            }
            let sessions: [TranscriptSession]
            do { sessions = try store.records(kind: .session, as: TranscriptSession.self) } catch { throw Engine.storageError(error) }
            let recorded = Dictionary(sessions.compactMap { s in s.outcome.map { (s.session, $0) } }, uniquingKeysWith: { a, _ in a })
            report.summaries = SummaryEval.run(contexts: contexts, recorded: recorded, ticketed: Set(labels.tickets.compactMap(\.session)),
                                               summarizer: CallSummarizer(knowledge: knowledge), drafter: drafter)
        }

        let batch = try qaBatch()
        report.batch = .init(calls: batch.calls, turns: batch.turns, seconds: batch.elapsedSeconds, turnsPerSecond: batch.turnsPerSecond)
        return report
    }
}
