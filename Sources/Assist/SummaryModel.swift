import Foundation

/// How a call ended.
public enum CallOutcome: String, Sendable, Codable, CaseIterable {
    /// The customer's request was handled in the call.
    case resolved
    /// A case, work order or application was opened for someone to act on later.
    case ticket
    /// Handed to another team (customer relations, a supervisor, a specialist).
    case escalated
    /// The agent could not help and nothing was set in motion.
    case unresolved
}

/// One part of a summary: extracted text and the turns it comes from.
public struct SummaryPart: Sendable, Hashable, Codable {
    public var text: String
    /// Turn numbers (from 1), ascending.
    public var turns: [Int]
    /// The intent behind it, when it is a customer turn.
    public var intent: String?

    public init(text: String, turns: [Int], intent: String? = nil) { self.text = text; self.turns = turns; self.intent = intent }
}

/// A promise with a time ("within 24 hours", "24小时内", "tomorrow at 9").
public struct FollowUp: Sendable, Hashable, Codable {
    /// The agent's sentence.
    public var text: String
    /// The time expression found in it.
    public var when: String
    public var turn: Int
    /// Someone committed to act later (a deadline such as "within 24 hours", or a call back),
    /// not just a time such as an appointment.
    public var isDeadline: Bool

    public init(text: String, when: String, turn: Int, isDeadline: Bool) {
        self.text = text; self.when = when; self.turn = turn; self.isDeadline = isDeadline
    }

    enum CodingKeys: String, CodingKey {
        case text, when, turn, isDeadline = "is_deadline"
    }
}

/// An extractive summary of a call, in the call's language; every part cites its turns.
public struct CallSummary: Sendable, Hashable, Codable {
    /// `zh` or `en`.
    public var language: String
    /// The customer's key turn(s).
    public var issue: SummaryPart?
    /// What the agent did: the best-scoring action sentences, in call order.
    public var actions: [SummaryPart]
    public var outcome: CallOutcome
    /// Why that outcome (the deciding sentence, or the rule).
    public var outcomeReason: String
    /// Turns behind the outcome.
    public var outcomeTurns: [Int]
    public var followUps: [FollowUp]
    /// Business intents of customer turns, first occurrence order.
    public var intents: [String]
    /// Entities linked anywhere in the call, first occurrence order.
    public var entities: [CallEntity]
    /// 2–4 sentences for a person to read.
    public var text: String

    /// Every turn the summary cites, ascending.
    public var citedTurns: [Int] {
        var s = Set(issue?.turns ?? [])
        for a in actions { s.formUnion(a.turns) }
        s.formUnion(outcomeTurns)
        for f in followUps { s.insert(f.turn) }
        return s.sorted()
    }

    enum CodingKeys: String, CodingKey {
        case language, issue, actions, outcome, outcomeReason = "outcome_reason", outcomeTurns = "outcome_turns", followUps = "follow_ups", intents, entities, text
    }
}
