import Foundation
import KnowledgeModel
import TextAnalysis

/// Who said a turn of a conversation.
public enum ReplySpeaker: String, Sendable, Hashable, Codable {
    case customer, agent

    /// `customer`/`agent` as `TranscriptTurn.canonicalSpeaker` reads labels (`user`, `客户`, `0`
    /// are customer; `assistant`, `客服`, `1` agent), nil for anything else.
    public init?(label: String) {
        switch TranscriptTurn.canonicalSpeaker(label) {
        case "customer": self = .customer
        case "agent": self = .agent
        default: return nil
        }
    }
}

/// One turn of the conversation a reply is wanted for.
public struct ReplyTurn: Sendable, Hashable, Codable {
    /// Who said it.
    public var speaker: ReplySpeaker
    /// What was said.
    public var text: String

    /// Creates a turn.
    public init(speaker: ReplySpeaker, text: String) {
        self.speaker = speaker; self.text = text
    }
}

/// A past exchange: a customer turn, the turn before it, and the agent's next reply.
/// Built from recorded transcripts, or added later from agent feedback (accepted/edited replies).
public struct ReplyPair: Sendable, Hashable, Codable {
    /// The session it came from (for feedback, any stable id such as `feedback-42`).
    public var session: String
    /// The position of the agent's reply in the session.
    public var turn: Int
    /// The turn before the customer turn (usually the agent's previous line), nil at the start.
    public var previous: String?
    /// What the customer said.
    public var customer: String
    /// What the agent answered.
    public var reply: String

    /// Creates a pair.
    public init(session: String, turn: Int, previous: String? = nil, customer: String, reply: String) {
        self.session = session; self.turn = turn; self.previous = previous
        self.customer = customer; self.reply = reply
    }

    /// The source label used in suggestions: `transcript:<session>#<turn>`.
    public var source: String { "transcript:\(session)#\(turn)" }
}

/// What a suggestion is wanted for: the conversation so far and what other components know.
public struct ReplyRequest: Sendable, Hashable {
    /// The conversation so far, oldest first; must contain at least one customer turn with text.
    public var turns: [ReplyTurn]
    /// The customer's current intent label (from the intent classifier), when known.
    public var intent: String?
    /// The conversation stage (opening, verification, diagnosis, solution, upsell, closing), when known.
    public var stage: String?
    /// Slot values for `{slot}` placeholders (graph facts, customer profile, agent name, ...).
    public var slots: [String: String]
    /// How many suggestions to return (≥ 1).
    public var limit: Int
    /// A text with its terms from the suggester's analyzer, when the caller has them (a live
    /// call's search analyzed the customer's turn): used when it is the customer text replied to.
    public var analyzed: AnalyzedText?

    /// Creates a request.
    public init(turns: [ReplyTurn], intent: String? = nil, stage: String? = nil,
                slots: [String: String] = [:], limit: Int = 5) {
        self.turns = turns; self.intent = intent; self.stage = stage; self.slots = slots; self.limit = limit
    }
}

/// One suggested reply.
public struct ReplySuggestion: Sendable, Hashable, Codable {
    /// The reply with every known slot filled.
    public var text: String
    /// The reply before slot filling.
    public var template: String
    /// `script:<id>` or `transcript:<session>#<turn>` (the best neighbour that gave this reply).
    public var source: String
    /// The ranking score (higher is better; scripts matching the intent score at least 1, transcript replies below 1).
    public var score: Double
    /// Slots that had no value; they stay visible in `text` as `{name}`.
    public var unfilledSlots: [String]
    /// How many recorded replies are near-identical to this one (1 for a script).
    public var clusterSize: Int

    /// Creates a suggestion.
    public init(text: String, template: String, source: String, score: Double,
                unfilledSlots: [String], clusterSize: Int) {
        self.text = text; self.template = template; self.source = source; self.score = score
        self.unfilledSlots = unfilledSlots; self.clusterSize = clusterSize
    }
}

/// Why a reply suggestion or an evaluation could not be made.
public enum ReplyError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The request has no turns at all.
    case emptyConversation
    /// The request has turns, but none is a customer turn with text.
    case noCustomerTurn
    /// `limit` must be at least 1.
    case invalidLimit(Int)
    /// An evaluation file could not be read.
    case unreadableFile(path: String, reason: String)
    /// An evaluation file has no usable line.
    case noData(path: String)
    /// `holdOutEvery` must be at least 2.
    case invalidHoldOut(Int)
    /// The encoder for an evaluation could not be trained.
    case trainingFailed(String)

    public var description: String {
        switch self {
        case .emptyConversation: return "the conversation has no turns; give at least one customer turn"
        case .noCustomerTurn: return "the conversation has no customer turn with text to answer"
        case .invalidLimit(let n): return "limit must be at least 1 (got \(n))"
        case .unreadableFile(let path, let reason): return "cannot read \(path): \(reason)"
        case .noData(let path): return "\(path) has no line of the form session<TAB>user<TAB>speaker<TAB>...<TAB>text"
        case .invalidHoldOut(let n): return "holdOutEvery must be at least 2 (got \(n))"
        case .trainingFailed(let reason): return "training the reply encoder failed: \(reason)"
        }
    }
}
