import Dialogue
import Foundation
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

/// A compliance alert on an agent turn.
public struct ComplianceAlert: Codable, Sendable {
    public var ruleID: String
    public var name: String
    public var severity: String
    public var turn: Int
    /// What was said that broke the rule.
    public var matched: String

    enum CodingKeys: String, CodingKey { case ruleID = "rule_id", name, severity, turn, matched }
}

/// What the assistant makes of one turn; streamed to the agent's desktop as it arrives.
public struct TurnResult: Codable, Sendable {
    public struct Mood: Codable, Sendable {
        public var label: String
        public var score: Double
        /// The customer's scores so far, oldest first.
        public var trend: [Double]
        public var escalate: Bool
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
    /// Next-best actions (campaigns and offers; empty until campaigns are evaluated).
    public var actions: [String]
    public var alerts: [ComplianceAlert]

    enum CodingKeys: String, CodingKey {
        case conversationID = "conversation_id", turn, speaker, text, intent, sentiment, entities, cards, suggestions, actions, alerts
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

/// `POST /v1/conversations/{id}/close`: what the call was about.
public struct ConversationSummary: Codable, Sendable {
    public var conversationID: String
    public var turns: Int
    public var intents: [String]
    public var entities: [LinkedEntityView]
    public var sentimentTrend: [Double]
    public var escalated: Bool
    public var alerts: [ComplianceAlert]
    /// The turns that carry the call: the first customer turn, each turn with a new intent, the last customer turn.
    public var keyTurns: [KeyTurn]

    public struct KeyTurn: Codable, Sendable {
        public var turn: Int
        public var speaker: String
        public var text: String
        public var intent: String?
    }

    enum CodingKeys: String, CodingKey {
        case conversationID = "conversation_id", turns, intents, entities, sentimentTrend = "sentiment_trend", escalated, alerts
        case keyTurns = "key_turns"
    }
}

/// Live conversations, in memory, and the event streams of the desktops watching them.
final class ConversationStore: Sendable {
    struct Conversation: Sendable {
        var start: ConversationStart
        var startedAt: Date
        var touched: Date
        var turns: [ConversationTurn] = []
        var results: [TurnResult] = []
        var closed = false
    }

    /// Turns (and their results) kept per conversation.
    static let keptTurns = 200

    let ttl: Double
    private let state = Mutex<(conversations: [String: Conversation], watchers: [String: [UUID: AsyncStream<TurnResult>.Continuation]])>(([:], [:]))

    init(ttl: Double) { self.ttl = ttl }

    func open(_ start: ConversationStart) -> String {
        let id = "c" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
        let now = Date()
        state.withLock { s in
            s.conversations = s.conversations.filter { now.timeIntervalSince($0.value.touched) <= ttl }
            s.conversations[id] = Conversation(start: start, startedAt: now, touched: now)
        }
        return id
    }

    func get(_ id: String) -> Conversation? { state.withLock { $0.conversations[id] } }

    func update(_ id: String, _ change: (inout Conversation) -> Void) {
        state.withLock { s in
            guard var c = s.conversations[id] else { return }
            change(&c)
            c.touched = Date()
            s.conversations[id] = c
        }
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

extension Engine {
    /// Opens a conversation for live assist.
    public func openConversation(_ start: ConversationStart) throws(EngineError) -> ConversationView {
        if let id = start.customerID {
            let known: Bool
            do { known = try recordCache.records(kind: .customer, as: CustomerProfile.self, in: store).contains { $0.id == id } } catch { throw Engine.storageError(error) }
            if !known && start.customer == nil { throw EngineError.notFound("customer_not_found", "no customer with id '\(id)'") }
        }
        let id = conversations.open(start)
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
    /// compliance alerts. The result is also streamed to the conversation's watchers.
    public func addTurn(_ id: String, _ turn: ConversationTurn) throws(EngineError) -> TurnResult {
        guard let c = conversations.get(id) else { throw EngineError.notFound("conversation_not_found", "no open conversation with id '\(id)'") }
        guard !c.closed else { throw EngineError(.conflict, code: "conversation_closed", "conversation '\(id)' is closed") }
        guard turn.speaker == "customer" || turn.speaker == "agent" else {
            throw EngineError.badRequest("invalid_speaker", "speaker must be customer or agent; got '\(turn.speaker)'")
        }
        let text = try Self.utterance(turn.text)
        let turns = Array((c.turns + [ConversationTurn(speaker: turn.speaker, text: text)]).suffix(ConversationStore.keptTurns))
        let number = (c.results.last?.turn ?? 0) + 1
        var result = TurnResult(conversationID: id, turn: number, speaker: turn.speaker, text: text, intent: nil, sentiment: nil,
                                entities: [], cards: [], suggestions: [], actions: [], alerts: [])
        if turn.speaker == "customer" {
            result.intent = try? classifyIntent(text)
            if let mood = try? sentiment(text: text, turns: nil) {
                let trend = c.results.compactMap { $0.speaker == "customer" ? $0.sentiment?.score : nil } + [mood.score]
                result.sentiment = .init(label: mood.label, score: mood.score, trend: trend,
                                         escalate: trend.count >= 2 && SentimentTrend().analyze(trend).escalate)
            }
            let search = try self.search(SearchRequest(query: text, limit: 3, sessionID: "conversation:" + id))
            let s = try snapshot()
            result.entities = search.entities ?? []
            if let f = search.fact {
                result.cards.append(KnowledgeCard(title: "\(f.entityName) — \(f.attribute)", text: f.value, score: f.confidence,
                                                  source: f.sources.first.flatMap { s.chunks[$0.chunkID] }.map { answerSource($0, in: s) }))
            }
            for h in search.hits {
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
            result.suggestions = (try? suggestReplies(SuggestRequest(turns: turns, intent: intent, slots: slots,
                                                                     customerID: c.start.customer == nil ? c.start.customerID : nil),
                                                      classifyLastTurn: false))?.suggestions ?? []
        } else {
            result.alerts = try complianceAlerts(text, turn: number)
        }
        conversations.update(id) { conv in
            // A conversation keeps its last `ConversationStore.keptTurns` turns: what assist
            // reads, and a bound on memory for endless calls.
            conv.turns = turns
            conv.results.append(result)
            if conv.results.count > ConversationStore.keptTurns { conv.results.removeFirst(conv.results.count - ConversationStore.keptTurns) }
        }
        conversations.publish(result)
        return result
    }

    /// Closes a conversation and summarizes it.
    public func closeConversation(_ id: String) throws(EngineError) -> ConversationSummary {
        guard let c = conversations.get(id) else { throw EngineError.notFound("conversation_not_found", "no open conversation with id '\(id)'") }
        conversations.update(id) { $0.closed = true }
        conversations.finish(id)
        var intents: [String] = []
        var entities: [String: LinkedEntityView] = [:]
        var key: [ConversationSummary.KeyTurn] = []
        for r in c.results {
            for e in r.entities { entities[e.id] = e }
            let intent = r.intent.flatMap { $0.outOfScope ? nil : $0.intent }
            let isNew = intent.map { !intents.contains($0) } ?? false
            if let intent, isNew { intents.append(intent) }
            let firstCustomer = r.speaker == "customer" && !key.contains { $0.speaker == "customer" }
            if firstCustomer || isNew { key.append(.init(turn: r.turn, speaker: r.speaker, text: r.text, intent: intent)) }
        }
        if let last = c.results.last(where: { $0.speaker == "customer" }), !key.contains(where: { $0.turn == last.turn }) {
            key.append(.init(turn: last.turn, speaker: last.speaker, text: last.text, intent: last.intent?.intent))
        }
        let trend = c.results.compactMap { $0.sentiment?.score }
        return ConversationSummary(conversationID: id, turns: c.results.count, intents: intents,
                                   entities: entities.values.sorted { $0.id < $1.id }, sentimentTrend: trend,
                                   escalated: c.results.contains { $0.sentiment?.escalate == true },
                                   alerts: c.results.flatMap(\.alerts), keyTurns: key)
    }

    /// The stream of a conversation's turn results (the past ones first).
    public func watchConversation(_ id: String) throws(EngineError) -> (past: [TurnResult], stream: AsyncStream<TurnResult>) {
        guard conversations.get(id) != nil else { throw EngineError.notFound("conversation_not_found", "no open conversation with id '\(id)'") }
        return conversations.watch(id)
    }

    /// The `forbidden` quality rules an agent's words break (plain phrases, or `re:` regular expressions).
    func complianceAlerts(_ text: String, turn: Int) throws(EngineError) -> [ComplianceAlert] {
        let rules: [QARule]
        do { rules = try recordCache.records(kind: .qaRule, as: QARule.self, in: store) } catch { throw Engine.storageError(error) }
        let normalized = Normalizer.normalize(text)
        var alerts: [ComplianceAlert] = []
        for rule in rules where rule.type == "forbidden" {
            for pattern in rule.patterns ?? [] {
                var matched: String?
                if pattern.hasPrefix("re:") {
                    if let r = try? Regex(String(pattern.dropFirst(3))), let m = text.firstMatch(of: r) { matched = String(text[m.range]) }
                } else if normalized.contains(Normalizer.normalize(pattern)) {
                    matched = pattern
                }
                if let matched {
                    alerts.append(ComplianceAlert(ruleID: rule.id, name: rule.name, severity: rule.severity, turn: turn, matched: matched))
                    break
                }
            }
        }
        return alerts
    }
}
