import Assist
import Dialogue
import Foundation
import Graph
import KnowledgeModel
import Synchronization
import TextAnalysis

/// `POST /v1/conversations` body.
public struct ConversationStart: Codable, Sendable {
    public var channel: String?
    /// A stored customer (its profile fills reply slots).
    public var customerID: String?
    /// A profile given inline (name, city, vehicles, tags).
    public var customer: CustomerProfile?
    public var agentID: String?

    public init(channel: String? = nil, customerID: String? = nil, customer: CustomerProfile? = nil, agentID: String? = nil) {
        self.channel = channel; self.customerID = customerID; self.customer = customer; self.agentID = agentID
    }

    enum CodingKeys: String, CodingKey { case channel, customerID = "customer_id", customer, agentID = "agent_id" }
}

/// A knowledge card shown to the agent: a hit or a graph fact, with its source.
public struct KnowledgeCard: Codable, Sendable {
    public var title: String
    public var text: String
    public var score: Double
    public var source: AnswerSource?
}

/// What the assistant makes of one turn; streamed to the agent's desktop as it arrives.
public struct TurnResult: Codable, Sendable {
    public struct Mood: Codable, Sendable {
        public var label: String
        public var score: Double
        /// The customer's latest scores (at most `trendWindow`, this turn's last), oldest first.
        public var trend: [Double]
        /// From every score the conversation keeps, not only those in `trend`.
        public var escalate: Bool

        /// Customer scores a turn result shows in `trend`: the whole history would make the result
        /// (and the JSON sent on every turn) grow with the call.
        public static let trendWindow = 20
    }

    public var conversationID: String
    public var turn: Int
    public var speaker: String
    public var text: String
    public var intent: IntentResponse?
    public var sentiment: Mood?
    public var entities: [LinkedEntityView]
    public var cards: [KnowledgeCard]
    public var suggestions: [SuggestionView]
    /// Next-best actions for a customer turn: eligible campaigns, best first, each with its reason and script.
    public var actions: [NextBestAction]
    /// Quality alerts raised by this turn (agent turns mostly: forbidden words, order, missed requirements).
    public var alerts: [QAAlert]
    /// The customer's purchase intent (0...1) after a customer turn.
    public var purchaseIntent: Double?
    /// The customer's lifecycle stage and the tags learned from this call so far (customer turns).
    public var lifecycle: String?
    public var learnedTags: [String]?

    enum CodingKeys: String, CodingKey {
        case conversationID = "conversation_id", turn, speaker, text, intent, sentiment, entities, cards, suggestions, actions, alerts
        case purchaseIntent = "purchase_intent", lifecycle, learnedTags = "learned_tags"
    }
}

/// A conversation as `GET /v1/conversations/{id}` shows it.
public struct ConversationView: Codable, Sendable {
    public var id: String
    public var channel: String?
    public var customerID: String?
    public var agentID: String?
    public var startedAt: String
    public var closed: Bool
    public var turns: [TurnResult]

    enum CodingKeys: String, CodingKey {
        case id, channel, customerID = "customer_id", agentID = "agent_id", startedAt = "started_at", closed, turns
    }
}

extension Engine {
    /// Opens a conversation for live assist.
    public func openConversation(_ start: ConversationStart) throws(EngineError) -> ConversationView {
        var profile = start.customer
        if let inline = profile {
            try Self.checkCustomer(inline)
            _ = try Self.validID(inline.id)     // may be blank inline, but not malformed
        }
        if let id = start.customerID {
            let stored = try storedCustomer(id)
            if stored == nil && start.customer == nil { throw EngineError.notFound("customer_not_found", "no customer with id '\(id)'") }
            profile = profile ?? stored
        }
        let id = conversations.open(start, profile: profile)
        return try conversation(id)
    }

    public func conversation(_ id: String) throws(EngineError) -> ConversationView {
        guard let c = conversations.get(id) else { throw EngineError.notFound("conversation_not_found", "no open conversation with id '\(id)'") }
        return ConversationView(id: id, channel: c.start.channel, customerID: c.start.customerID ?? c.start.customer?.id,
                                agentID: c.start.agentID, startedAt: ISO8601DateFormatter().string(from: c.startedAt),
                                closed: c.closed, turns: c.results)
    }

    /// Adds a turn and returns what the assistant makes of it: for a customer turn its intent,
    /// sentiment and trend, entities, knowledge cards and reply suggestions; for an agent turn,
    /// quality alerts; next-best actions after a customer turn. The result is also streamed to the conversation's watchers.
    public func addTurn(_ id: String, _ turn: ConversationTurn) throws(EngineError) -> TurnResult {
        let notFound = EngineError.notFound("conversation_not_found", "no open conversation with id '\(id)'")
        let closed = EngineError(.conflict, code: "conversation_closed", "conversation '\(id)' is closed")
        guard let isClosed = conversations.isClosed(id) else { throw notFound }
        guard !isClosed else { throw closed }
        try Self.checkTurn(speaker: turn.speaker, ts: turn.ts)
        let text = try Self.utterance(turn.text)
        guard var c = conversations.beginTurn(id, ConversationTurn(speaker: turn.speaker, text: text)) else { throw notFound }
        guard !c.closed else { throw closed }
        let turns = c.turns
        let number = c.lastTurn + 1
        // Owned here (the conversation holds them again when the turn is done), so adding this
        // turn's entry does not copy the others.
        var mentions = c.slotMentions.take()
        var result = TurnResult(conversationID: id, turn: number, speaker: turn.speaker, text: text, intent: nil, sentiment: nil,
                                entities: [], cards: [], suggestions: [], actions: [], alerts: [], purchaseIntent: nil, lifecycle: nil, learnedTags: nil)
        if turn.speaker == "customer" {
            result.intent = try? classifyIntent(text)
            if let mood = try? sentiment(text: text, turns: nil) {
                let scores = c.customerScores + [mood.score]
                result.sentiment = .init(label: mood.label, score: mood.score, trend: Array(scores.suffix(TurnResult.Mood.trendWindow)),
                                         escalate: scores.count >= 2 && SentimentTrend().analyze(scores).escalate)
            }
            let (search, _, analyzed) = try searchEncoded(SearchRequest(query: text, limit: 3, sessionID: "conversation:" + id))
            let s = try snapshot()
            noteSlotMentions(&mentions, previousTurns: c.previousTurns, turns: turns, in: s)
            result.entities = search.entities ?? []
            if let f = search.fact {
                result.cards.append(KnowledgeCard(title: f.heading, text: f.value, score: f.confidence,
                                                  source: f.sources.first.flatMap { s.chunks[$0.chunkID] }.map { answerSource($0, in: s) }))
            }
            // The customer's language first, as for bot answers (a bilingual knowledge base says most things twice).
            let hits = Self.language(of: text).map { Self.preferring($0, search.hits, in: s) } ?? search.hits
            for h in hits {
                guard let chunk = s.chunks[h.chunkID] else { continue }
                result.cards.append(KnowledgeCard(title: chunk.question ?? ([chunk.title] + chunk.sectionPath).joined(separator: " › "),
                                                  text: String(chunk.text.prefix(400)), score: h.score, source: answerSource(chunk, in: s)))
            }
            var slots: [String: String] = [:]
            if let p = c.start.customer {
                slots["customer_name"] = p.name
                if let city = p.city { slots["city"] = city }
                if let v = p.vehicles.first { slots["model"] = v.model; slots["trim"] = v.trim }
            }
            let intent = result.intent.flatMap { $0.outOfScope ? nil : $0.intent }
            // The last customer turn is this one, classified above: no need to classify it again.
            let known = mentions.map { KnownTurns(snapshot: s, newestMentions: $0.newest) }
            result.suggestions = (try? suggestReplies(SuggestRequest(turns: turns, intent: intent, slots: slots,
                                                                     customerID: c.start.customer == nil ? c.start.customerID : nil),
                                                      classifyLastTurn: false, known: known, analyzed: analyzed))?.suggestions ?? []
        } else if mentions?.addTurn(after: c.previousTurns) != true {
            // An agent turn's mentions are found when a customer turn needs them.
            mentions = nil
        }
        try assist(&result, ts: turn.ts, conversation: id)
        conversations.update(id) { conv in
            // The turn is in `conv.turns` already (`beginTurn`), which keeps the last
            // `ConversationStore.keptTurns` turns: what assist reads, and a bound on memory.
            conv.slotMentions = mentions
            conv.results.append(result)
            if let score = result.sentiment?.score, result.speaker == "customer" { conv.customerScores.append((result.turn, score)) }
            if conv.results.count > ConversationStore.keptTurns { conv.results.removeFirst(conv.results.count - ConversationStore.keptTurns) }
            let oldest = conv.results.first?.turn ?? 0
            let gone = conv.customerScores.firstIndex { $0.turn >= oldest } ?? conv.customerScores.count
            if gone > 0 { conv.customerScores.removeFirst(gone) }
        }
        conversations.publish(result)
        return result
    }

    /// The stream of a conversation's turn results (the past ones first).
    public func watchConversation(_ id: String) throws(EngineError) -> (past: [TurnResult], stream: AsyncStream<TurnResult>) {
        guard conversations.get(id) != nil else { throw EngineError.notFound("conversation_not_found", "no open conversation with id '\(id)'") }
        return conversations.watch(id)
    }
}

extension Engine {
    /// What the assist models add to a turn: its quality alerts (the call's inspector sees every
    /// turn) and, after a customer turn, the next-best actions for the call so far.
    func assist(_ result: inout TurnResult, ts: Double?, conversation id: String) throws(EngineError) {
        let s = try snapshot()
        let rules = try qaRuleSet()
        let call = callTurn(result, ts: ts, in: s)
        let observed = conversations.updating(id) { conv -> (alerts: [QAAlert], context: CallContext) in
            // Observed in place: taking the inspector out and putting it back would copy its state.
            if conv.inspector == nil { conv.inspector = QAInspector(ruleSet: rules) }
            let alerts = conv.inspector?.observe(call) ?? []
            conv.calls.append(call)
            if conv.calls.count > ConversationStore.keptTurns { conv.calls.removeFirst(conv.calls.count - ConversationStore.keptTurns) }
            if conv.tally == nil { conv.tally = CallTally(rules: assist.profileSignals) }
            conv.tally?.add(call)
            var context = CallContext(turns: conv.calls, language: nil, channel: conv.start.channel,
                                      customer: conv.profile, agentID: conv.start.agentID)
            context.tally = conv.tally
            return (alerts, context)
        }
        guard let observed else { return }
        result.alerts = observed.alerts
        if result.speaker == "customer" {
            var context = observed.context
            context.language = context.tally.flatMap { Self.language(of: $0.customerLetters) }
            let (actions, intent, signals) = try nextBestActions(context)
            result.actions = Array(actions.prefix(3))
            result.purchaseIntent = intent.probability
            result.lifecycle = signals.lifecycle
            result.learnedTags = signals.learnedTags
        }
    }
}

/// A lexicon mention in a turn, as reply slots read it: the entity, its type and the customer's words for it.
struct SlotMention: Sendable {
    var entityID: String
    /// The entity's type (model, city, ...); nil when the snapshot has none for it.
    var type: String?
    var surface: String

    /// The lexicon (not code-pattern) mentions in `text`, in order, typed by `types`.
    static func lexicon(in text: String, linker: EntityMatcher, types: [String: String]) -> [SlotMention] {
        linker.mentions(in: text).compactMap { m in
            m.source == .lexicon ? SlotMention(entityID: m.entityID, type: types[m.entityID], surface: m.surface) : nil
        }
    }
}

/// The slot mentions of a conversation's kept turns (one entry per turn; nil: not looked for yet),
/// found with the linker and entity types of the snapshot whose attribute resolver is `key`. Both
/// change only when a snapshot is built anew, which makes a new resolver (so does a graph change,
/// which only costs finding the mentions again); holding it means its address is never reused.
/// The newest mention of each entity type is kept as the entries are noted, so filling a reply's
/// slots does not read the kept turns back (2.7% of a customer turn's CPU when they named no city).
struct SlotMentionNotes: Sendable {
    let key: AttributeResolverBox
    private(set) var lists: [[SlotMention]?]
    /// Entries dropped from the front so far: entry `i` of `lists` is the notes' entry `dropped + i`.
    private var dropped = 0
    /// The newest mention of each entity type among the noted entries.
    private(set) var newest: [String: SlotMention] = [:]
    /// The entry (counting `dropped`) each of `newest` is in.
    private var newestEntry: [String: Int] = [:]

    /// Notes for `count` turns, none looked for yet.
    init(key: AttributeResolverBox, count: Int) {
        self.key = key
        lists = Array(repeating: nil, count: count)
    }

    /// Notes the mentions of entry `i` (a later entry's mention of a type stays the newest).
    mutating func note(_ i: Int, _ mentions: [SlotMention]) {
        lists[i] = mentions
        for m in mentions {
            guard let type = m.type else { continue }
            if let newer = newestEntry[type], newer > dropped + i { continue }
            newest[type] = m
            newestEntry[type] = dropped + i
        }
    }

    /// Makes room for the turn just added: an entry not looked for yet, the oldest dropped past
    /// `ConversationStore.keptTurns`. False when these are not the notes of the `previousTurns`
    /// turns before it (another turn of the call is in flight, or one failed).
    mutating func addTurn(after previousTurns: Int) -> Bool {
        guard lists.count == previousTurns else { return false }
        lists.append(nil)
        if lists.count > ConversationStore.keptTurns {
            let gone = lists.count - ConversationStore.keptTurns
            lists.removeFirst(gone)
            dropped += gone
            // A type whose newest mention was in a dropped turn has no other one left.
            for (type, entry) in newestEntry where entry < dropped {
                newest[type] = nil
                newestEntry[type] = nil
            }
        }
        return true
    }
}

/// What a live conversation already knows about its turns (see `suggestReplies(_:classifyLastTurn:known:)`).
struct KnownTurns {
    var snapshot: KnowledgeSnapshot
    /// The newest lexicon mention of each entity type in the kept turns, found with `snapshot`'s linker.
    var newestMentions: [String: SlotMention]
}

extension Engine {
    /// Brings `notes` to the slot mentions of `turns` (the `previousTurns` kept before this one,
    /// then this one, at most `keptTurns`): those noted on earlier turns with the same linker
    /// stay, the rest are found now; nil without a linker.
    func noteSlotMentions(_ notes: inout SlotMentionNotes?, previousTurns: Int, turns: [ConversationTurn],
                          in s: KnowledgeSnapshot) {
        guard let linker = s.linker, let key = s.attributes else { notes = nil; return }
        if notes?.key !== key || notes?.addTurn(after: previousTurns) != true {
            notes = SlotMentionNotes(key: key, count: turns.count)
        }
        for i in turns.indices where notes?.lists[i] == nil {
            notes?.note(i, SlotMention.lexicon(in: turns[i].text, linker: linker, types: s.entityTypes))
        }
    }
}
