import Assist
import Dialogue
import Foundation
import KnowledgeModel
import Synchronization

/// Live conversations, in memory, and the event streams of the desktops watching them.
final class ConversationStore: Sendable {
    struct Conversation: Sendable {
        var start: ConversationStart
        /// The stored customer's profile, or the one given inline.
        var profile: CustomerProfile?
        var startedAt: Date
        var touched: Date
        var turns: [ConversationTurn] = []
        var results: [TurnResult] = []
        /// The sentiment scores of the customer turns among `results`, oldest first, with their turn numbers.
        var customerScores: [(turn: Int, score: Double)] = []
        /// The lexicon mentions of `turns` (same length) for reply slots, noted as the turns arrive.
        var slotMentions: SlotMentionNotes?
        /// The turns as the assist models read them (intent, sentiment, entities, time).
        var calls: [CallTurn] = []
        /// Every turn of the call, folded in as it arrived (`calls` keeps the last `keptTurns`):
        /// what the profile signals and the call's language are read from.
        var tally: CallTally?
        /// Quality inspection of this call so far.
        var inspector: QAInspector?
        var closed = false
    }

    /// Turns (and their results) kept per conversation.
    static let keptTurns = 200

    let ttl: Double
    private let state = Mutex<(conversations: [String: Conversation], watchers: [String: [UUID: AsyncStream<TurnResult>.Continuation]])>(([:], [:]))

    init(ttl: Double) { self.ttl = ttl }

    func open(_ start: ConversationStart, profile: CustomerProfile?) -> String {
        let id = "c" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
        let now = Date()
        state.withLock { s in
            s.conversations = s.conversations.filter { now.timeIntervalSince($0.value.touched) <= ttl }
            s.conversations[id] = Conversation(start: start, profile: profile, startedAt: now, touched: now)
        }
        return id
    }

    func get(_ id: String) -> Conversation? { state.withLock { $0.conversations[id] } }

    func update(_ id: String, _ change: (inout Conversation) -> Void) {
        _ = updating(id, change)
    }

    /// Changes a conversation and returns what the change computed (nil when it is gone).
    /// The conversation is changed in place: a copy taken out of the dictionary would copy its
    /// turns and results (up to `keptTurns` each) on every append.
    func updating<T>(_ id: String, _ change: (inout Conversation) -> T) -> T? {
        state.withLock { s in
            guard let i = s.conversations.index(forKey: id) else { return nil }
            let value = change(&s.conversations.values[i])
            s.conversations.values[i].touched = Date()
            return value
        }
    }

    /// What a new turn reads of its conversation, without holding on to the conversation
    /// (a copy held while the turn is added would make that append copy every earlier turn).
    /// Whether the conversation is closed; nil when there is none with that id.
    func isClosed(_ id: String) -> Bool? {
        state.withLock { $0.conversations[id]?.closed }
    }

    /// Adds a turn to an open conversation's transcript and returns what computing its result
    /// needs; nil for an unknown conversation (a closed one is returned unchanged). The turn is
    /// appended in place, under the lock: copying the transcript (up to `keptTurns` turns) per
    /// turn was 2% of a turn's CPU, and two turns of one call arriving together both stay.
    func beginTurn(_ id: String, _ turn: ConversationTurn) -> TurnContext? {
        state.withLock { s -> TurnContext? in
            guard var c = s.conversations.removeValue(forKey: id) else { return nil }
            let previous = c.turns.count
            if !c.closed {
                c.turns.append(turn)
                if c.turns.count > Self.keptTurns { c.turns.removeFirst(c.turns.count - Self.keptTurns) }
            }
            // The turn takes the slot mentions and puts them back with its own (`addTurn`), so
            // that adding its entry changes the list in place instead of copying every entry.
            let mentions = c.slotMentions
            if !c.closed { c.slotMentions = nil }
            s.conversations[id] = c
            return TurnContext(start: c.start, closed: c.closed, turns: c.turns, previousTurns: previous, lastTurn: c.results.last?.turn ?? 0,
                               customerScores: c.customerScores.map(\.score), slotMentions: mentions)
        }
    }

    struct TurnContext {
        var start: ConversationStart
        var closed: Bool
        /// The transcript, this turn last.
        var turns: [ConversationTurn]
        /// How many turns it had before this one.
        var previousTurns: Int
        var lastTurn: Int
        /// The sentiment scores of the customer turns so far, oldest first.
        var customerScores: [Double]
        /// The slot mentions noted on the turns so far, taken out of the conversation until the turn puts them back.
        var slotMentions: SlotMentionNotes?
    }

    /// Sends a result to every desktop watching the conversation.
    func publish(_ result: TurnResult) {
        let watchers = state.withLock { Array(($0.watchers[result.conversationID] ?? [:]).values) }
        for w in watchers { w.yield(result) }
    }

    /// A stream of the conversation's results from now on (after the ones already there).
    func watch(_ id: String) -> (past: [TurnResult], stream: AsyncStream<TurnResult>) {
        let (stream, continuation) = AsyncStream<TurnResult>.makeStream(bufferingPolicy: .bufferingNewest(256))
        let key = UUID()
        let past = state.withLock { s -> [TurnResult] in
            s.watchers[id, default: [:]][key] = continuation
            return s.conversations[id]?.results ?? []
        }
        continuation.onTermination = { [weak self] _ in self?.state.withLock { _ = $0.watchers[id]?.removeValue(forKey: key) } }
        return (past, stream)
    }

    /// Ends the streams of a closed conversation.
    func finish(_ id: String) {
        let watchers = state.withLock { $0.watchers.removeValue(forKey: id).map { Array($0.values) } ?? [] }
        for w in watchers { w.finish() }
    }
}
