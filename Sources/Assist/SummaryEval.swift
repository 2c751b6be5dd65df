import Foundation
import KnowledgeModel

/// How the summarizer's outcomes and the drafter's ticket decisions agree with the outcomes
/// recorded in `transcripts/sessions.jsonl`.
public struct SummaryEvalReport: Sendable, Codable {
    public var sessions: Int
    /// Share of sessions whose summary outcome equals the recorded one (`sale` counts as
    /// `resolved`, `no_action` as `unresolved`).
    public var outcomeAccuracy: Double
    /// Recorded → summarized → count.
    public var outcomeConfusion: [String: [String: Int]]
    /// Share of recorded `ticket`/`escalated` sessions that got a ticket draft.
    public var draftedWhenRecordedTicket: Double
    /// Share of recorded `resolved`/`sale` sessions that got a ticket draft.
    public var draftedWhenRecordedResolved: Double
    /// Sessions listed in `eval/tickets.jsonl` (they got a ticket) that got a draft: recall.
    public var draftRecallOnTicketedSessions: Double
    /// Sessions not listed there that got a draft anyway: false-draft rate.
    public var draftRateOnUnticketedSessions: Double
    /// Share of summaries whose cited turns all exist in the call.
    public var citationsValid: Double
    /// Share of summaries whose `text` has 2 to 4 sentences.
    public var textTwoToFourSentences: Double
    /// Mean milliseconds per summarize + draft.
    public var millisecondsPerCall: Double
}

/// Evaluates summaries and ticket decisions over recorded sessions.
public enum SummaryEval {
    /// The recorded outcome in the summarizer's terms.
    public static func mapOutcome(_ recorded: String) -> CallOutcome? {
        switch recorded {
        case "sale": .resolved
        case "no_action": .unresolved
        default: CallOutcome(rawValue: recorded)
        }
    }

    /// - Parameter ticketed: sessions known to have had a ticket (the sessions of `eval/tickets.jsonl`).
    public static func run(contexts: [String: CallContext], recorded: [String: String], ticketed: Set<String>,
                           summarizer: CallSummarizer, drafter: TicketDrafter) -> SummaryEvalReport {
        var n = 0, agree = 0, valid = 0, shaped = 0
        var ticketN = 0, ticketDrafted = 0, resolvedN = 0, resolvedDrafted = 0
        var listedN = 0, listedDrafted = 0, unlistedN = 0, unlistedDrafted = 0
        var confusion: [String: [String: Int]] = [:]
        let start = Date()
        for id in contexts.keys.sorted() {
            guard let c = contexts[id], let rec = recorded[id], let gold = mapOutcome(rec) else { continue }
            n += 1
            let s = summarizer.summarize(c)
            let d = drafter.draft(c, summary: s)
            if s.outcome == gold { agree += 1 }
            confusion[gold.rawValue, default: [:]][s.outcome.rawValue, default: 0] += 1
            let numbers = Set(c.turns.map(\.number))
            if !s.citedTurns.isEmpty && s.citedTurns.allSatisfy(numbers.contains) { valid += 1 }
            let stops = s.text.filter { "。".contains($0) }.count + s.text.components(separatedBy: ". ").count - 1
                + (s.text.hasSuffix(".") ? 1 : 0)
            if (2...4).contains(stops) { shaped += 1 }
            if ticketed.contains(id) { listedN += 1; if d != nil { listedDrafted += 1 } } else {
                unlistedN += 1; if d != nil { unlistedDrafted += 1 }
            }
            if rec == "ticket" || rec == "escalated" { ticketN += 1; if d != nil { ticketDrafted += 1 } }
            if rec == "resolved" || rec == "sale" { resolvedN += 1; if d != nil { resolvedDrafted += 1 } }
        }
        let seconds = Date().timeIntervalSince(start)
        func share(_ a: Int, _ b: Int) -> Double { b == 0 ? 0 : Double(a) / Double(b) }
        return SummaryEvalReport(sessions: n, outcomeAccuracy: share(agree, n), outcomeConfusion: confusion,
                                 draftedWhenRecordedTicket: share(ticketDrafted, ticketN),
                                 draftedWhenRecordedResolved: share(resolvedDrafted, resolvedN),
                                 draftRecallOnTicketedSessions: share(listedDrafted, listedN),
                                 draftRateOnUnticketedSessions: share(unlistedDrafted, unlistedN),
                                 citationsValid: share(valid, n), textTwoToFourSentences: share(shaped, n),
                                 millisecondsPerCall: n == 0 ? 0 : seconds * 1000 / Double(n))
    }
}
