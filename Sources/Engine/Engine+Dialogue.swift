import Dialogue
import Foundation
import Graph
import Ingestion
import KnowledgeModel
import Pretrained
import Storage
import Synchronization
import TextAnalysis

/// The conversation models in memory: intent and sentiment (trained artifacts, loaded on first
/// use) and the reply suggester (built from the stored scripts and transcripts, rebuilt after
/// they change).
///
/// The models sit in a class the state refers to, never inline: the state lives in a `Mutex`, and
/// large values inline in a `Mutex` corrupted the heap in release builds (see ARCHITECTURE.md,
/// "Keep what sits inside a Mutex small"; it came back when the sentiment featurizer grew).
/// Only code holding the engine's `dialogue` lock reads or writes `models`.
struct DialogueState: Sendable {
    final class Models: @unchecked Sendable {
        var intent: IntentModel?
        var sentiment: SentimentModel?
        var suggester: ReplySuggester?
        /// The pretrained encoder's word-piece table (`dense_vectors: static`), once made or read.
        var staticVectors: BertStaticVectors?
    }

    let models = Models()
    var loaded = false
    /// Set when intent or sentiment examples changed since the last training.
    var modelsStale = false
    /// True while a background training of the intent and sentiment models runs.
    var modelsTraining = false

    var intent: IntentModel? {
        get { models.intent }
        nonmutating set { models.intent = newValue }
    }
    var sentiment: SentimentModel? {
        get { models.sentiment }
        nonmutating set { models.sentiment = newValue }
    }
    var suggester: ReplySuggester? {
        get { models.suggester }
        nonmutating set { models.suggester = newValue }
    }
}

/// What training did to one conversation model.
public struct DialogueTrainResult: Codable, Sendable {
    public var status: String
    public var examples: Int
    public var labels: Int
    public var seconds: Double
}

/// `POST /v1/intents/classify` response.
public struct IntentResponse: Codable, Sendable {
    public var intent: String
    public var confidence: Double
    public var ranking: [Ranked]
    public var outOfScope: Bool
    /// Every in-scope intent above the multi-intent threshold.
    public var intents: [String]

    public struct Ranked: Codable, Sendable {
        public var intent: String
        public var confidence: Double
    }

    enum CodingKeys: String, CodingKey {
        case intent, confidence, ranking, outOfScope = "out_of_scope", intents
    }

    init(_ p: IntentPrediction) {
        intent = p.intent
        confidence = Double(p.confidence)
        ranking = p.ranking.map { Ranked(intent: $0.label, confidence: Double($0.score)) }
        outOfScope = p.outOfScope
        intents = p.intents
    }
}

/// `POST /v1/sentiment` response: the text's sentiment and, for a conversation, its trend.
public struct SentimentResponse: Codable, Sendable {
    public var label: String
    /// -1 (negative) ... 1 (positive).
    public var score: Double
    public var confidence: Double
    public var probabilities: [String: Double]
    /// Per customer turn, when turns were given.
    public var turns: [Double]?
    /// True when the customer's sentiment is falling (see `SentimentTrend`).
    public var escalate: Bool?
    public var escalationReason: String?

    enum CodingKeys: String, CodingKey {
        case label, score, confidence, probabilities, turns, escalate, escalationReason = "escalation_reason"
    }
}

/// One turn of a conversation as the API takes it.
public struct ConversationTurn: Codable, Sendable {
    /// `customer` or `agent`.
    public var speaker: String
    public var text: String
    /// Seconds from the start of the call, when the desktop knows it (silence and talk-over rules need it).
    public var ts: Double?

    public init(speaker: String, text: String, ts: Double? = nil) {
        self.speaker = speaker
        self.text = text
        self.ts = ts
    }
}

/// `POST /v1/replies/suggest` body.
public struct SuggestRequest: Codable, Sendable {
    public var turns: [ConversationTurn]
    /// The current intent when known (otherwise classified from the last customer turn).
    public var intent: String?
    /// opening, discovery, resolution, closing ... (scripts of the stage rank first).
    public var stage: String?
    /// Values for reply slots, e.g. {"agent_name": "Emma"}; filled before profile and graph values.
    public var slots: [String: String]?
    /// A stored customer profile whose name, city and vehicle fill slots.
    public var customerID: String?
    public var limit: Int?

    public init(turns: [ConversationTurn], intent: String? = nil, stage: String? = nil, slots: [String: String]? = nil,
                customerID: String? = nil, limit: Int? = nil) {
        self.turns = turns; self.intent = intent; self.stage = stage; self.slots = slots
        self.customerID = customerID; self.limit = limit
    }

    enum CodingKeys: String, CodingKey {
        case turns, intent, stage, slots, customerID = "customer_id", limit
    }
}

/// One reply suggestion.
public struct SuggestionView: Codable, Sendable {
    public var text: String
    public var template: String
    /// `script:<id>` or `transcript:<session>#<turn>`.
    public var source: String
    public var score: Double
    /// Slots left unfilled (still visible as `{name}` in `text`).
    public var unfilledSlots: [String]
    /// How many near-identical past replies this one stands for.
    public var clusterSize: Int

    enum CodingKeys: String, CodingKey {
        case text, template, source, score, unfilledSlots = "unfilled_slots", clusterSize = "cluster_size"
    }
}

/// `POST /v1/replies/suggest` response.
public struct SuggestResponse: Codable, Sendable {
    public var intent: String?
    public var suggestions: [SuggestionView]
    /// The slot values that were available (from the request, the profile and the graph).
    public var slots: [String: String]
}

extension Engine {
    static let maxUtteranceCharacters = 2000

    /// The intent of an utterance, with calibrated confidence, the top intents and out-of-scope rejection.
    /// - Throws: `bad_request` for empty or oversized text, `model_unavailable` (503) before training.
    public func classifyIntent(_ text: String) throws(EngineError) -> IntentResponse {
        let text = try Self.utterance(text)
        guard let model = dialogueModels().intent else {
            throw modelUnavailable("intent", examples: #"intent examples ({"text","label"})"#)
        }
        do { return IntentResponse(try model.predict(text)) } catch { throw EngineError.badRequest("invalid_text", "\(error)") }
    }

    /// The sentiment of a text, or of a conversation's customer turns with its trend.
    public func sentiment(text: String?, turns: [ConversationTurn]?) throws(EngineError) -> SentimentResponse {
        for t in turns ?? [] { try Self.checkTurn(speaker: t.speaker, ts: t.ts) }
        let customer = (turns ?? []).filter { $0.speaker == "customer" }.map(\.text)
        let last: String
        if let text { last = try Self.utterance(text) } else if let t = customer.last { last = try Self.utterance(t) } else {
            throw EngineError.badRequest("missing_text", "give 'text', or 'turns' with at least one customer turn")
        }
        guard let model = dialogueModels().sentiment else {
            throw modelUnavailable("sentiment", examples: #"sentiment examples ({"text","sentiment"})"#)
        }
        do {
            let p = try model.predict(last)
            var r = SentimentResponse(label: p.label.rawValue, score: Double(p.score), confidence: Double(p.confidence),
                                      probabilities: ["negative": Double(p.negative), "neutral": Double(p.neutral), "positive": Double(p.positive)])
            if !customer.isEmpty {
                let scores = try customer.map { t throws -> Double in Double(try model.predict(try Self.utterance(t)).score) }
                let trend = SentimentTrend().analyze(scores)
                r.turns = scores
                r.escalate = trend.escalate
                r.escalationReason = trend.reason?.rawValue
            }
            return r
        } catch let e as EngineError {
            throw e
        } catch {
            throw EngineError.badRequest("invalid_text", "\(error)")
        }
    }

    /// Reply suggestions for the conversation so far: scripts matched by intent, stage and
    /// wording, and replies agents gave to similar customer turns, with slots filled from the
    /// request, the customer's profile and the graph.
    public func suggestReplies(_ request: SuggestRequest) throws(EngineError) -> SuggestResponse {
        try suggestReplies(request, classifyLastTurn: true)
    }

    /// `suggestReplies`; without `classifyLastTurn`, a request without an intent is not classified
    /// (the caller classified the last customer turn already and found no in-scope intent).
    /// With `known` (a live conversation's turns), the turns' texts are taken as they are (they
    /// passed `utterance` when they were added) and their noted lexicon mentions fill the slots.
    /// `analyzed` is a text the caller analyzed already (a live call's search of this turn).
    func suggestReplies(_ request: SuggestRequest, classifyLastTurn: Bool, known: KnownTurns? = nil,
                        analyzed: AnalyzedText? = nil) throws(EngineError) -> SuggestResponse {
        guard !request.turns.isEmpty, request.turns.count <= 200 else {
            throw EngineError.badRequest("invalid_turns", "give 1 to 200 turns")
        }
        // Every turn is checked; the suggester reads only the latest ones (`ReplySuggester.contextTurns`).
        let read = request.turns.count - min(request.turns.count, ReplySuggester.contextTurns)
        var turns: [ReplyTurn] = []
        turns.reserveCapacity(request.turns.count - read)
        // A live call's turns were checked when they were added: only those read are looked at.
        for k in (known == nil ? 0 : read)..<request.turns.count {
            let t = request.turns[k]
            if known == nil { try Self.checkTime(t.ts) }
            guard let speaker = ReplySpeaker(label: t.speaker) else {
                throw EngineError.badRequest("invalid_speaker", "speaker must be customer or agent; got '\(t.speaker)'")
            }
            let text = known == nil ? try Self.utterance(t.text) : t.text
            if k >= read { turns.append(ReplyTurn(speaker: speaker, text: text)) }
        }
        let limit = request.limit ?? 5
        guard (1...20).contains(limit) else { throw EngineError.badRequest("invalid_limit", "limit must be between 1 and 20") }
        // An empty intent, stage or customer id reads as absent.
        func given(_ s: String?) -> String? { s.flatMap { Self.trimmed($0).isEmpty ? nil : $0 } }
        var intent = given(request.intent)
        let stage = given(request.stage), customerID = given(request.customerID)
        if intent == nil, classifyLastTurn, let last = request.turns.last(where: { $0.speaker == "customer" }),
           let p = try? classifyIntent(last.text), !p.outOfScope {
            intent = p.intent
        }
        let slots = try slotValues(turns: request.turns, customerID: customerID, given: request.slots ?? [:], known: known)
        // Before the customer has spoken there is nothing to answer yet: no suggestions, not an error.
        guard turns.contains(where: { $0.speaker == .customer }) else {
            return SuggestResponse(intent: intent, suggestions: [], slots: slots)
        }
        let suggester = try replySuggester()
        do {
            var reply = ReplyRequest(turns: turns, intent: intent, stage: stage, slots: slots, limit: limit)
            reply.analyzed = analyzed
            let found = try suggester.suggest(reply)
            return SuggestResponse(intent: intent, suggestions: found.map {
                SuggestionView(text: $0.text, template: $0.template, source: $0.source, score: Double($0.score),
                               unfilledSlots: $0.unfilledSlots, clusterSize: $0.clusterSize)
            }, slots: slots)
        } catch {
            throw EngineError.badRequest("invalid_conversation", "\(error)")
        }
    }

    /// Values for reply slots: the request's own first, then what the conversation named (model,
    /// trim, city, campaign, in the customer's words) and the graph's facts about it (the dealer
    /// located in the city), then the customer's profile (name, city, first vehicle). A slot
    /// nothing fills stays visible (`{price}` is left to the request: a script's price may be a
    /// service's, not the car's).
    /// With `known`, its snapshot and the newest noted mention of each entity type are used.
    func slotValues(turns: [ConversationTurn], customerID: String?, given: [String: String],
                    known: KnownTurns? = nil) throws(EngineError) -> [String: String] {
        var slots: [String: String] = [:]
        let s: KnowledgeSnapshot
        if let known { s = known.snapshot } else { s = try snapshot() }
        if let customerID {
            let profiles: [CustomerProfile]
            do { profiles = try recordCache.records(kind: .customer, as: CustomerProfile.self, in: store) } catch { throw Engine.storageError(error) }
            guard let p = profiles.first(where: { $0.id == customerID }) else {
                throw EngineError.notFound("customer_not_found", "no customer with id '\(customerID)'")
            }
            slots["customer_name"] = p.name
            if let city = p.city { slots["city"] = city }
            if let v = p.vehicles.first {
                slots["model"] = v.model
                if let trim = v.trim { slots["trim"] = trim }
                if let km = v.mileageKm { slots["mileage_km"] = String(km) }
            }
        }
        if let linker = s.linker {
            // The newest mention of each slot's type wins, in the words the customer used (the
            // newest mention of that entity).
            let slotTypes = [("model", "model"), ("trim", "trim"), ("city", "city"), ("campaign", "campaign_name")]
            var newest: [String: SlotMention] = [:]
            if let known {
                newest = known.newestMentions
            } else {
                for t in turns {
                    for m in SlotMention.lexicon(in: t.text, linker: linker, types: s.entityTypes) { if let type = m.type { newest[type] = m } }
                }
            }
            for (type, slot) in slotTypes { if let m = newest[type] { slots[slot] = m.surface } }
            let cityID = newest["city"]?.entityID ?? slots["city"].flatMap { c in s.graph.entities.values.first { $0.type == "city" && ($0.name == c || $0.aliases.contains(c)) }?.id }
            if let cityID {
                let dealers = s.graph.relations(of: cityID).filter { $0.type == "located_in" && $0.object == cityID }.map(\.subject).sorted()
                if let d = dealers.first, let e = s.graph.entities[d] { slots["nearest_dealer"] = e.name }
            }
        }
        for (k, v) in given { slots[k] = v }
        return slots
    }

    /// The reply suggester, built from the stored scripts and transcripts on first use and
    /// after they change.
    func replySuggester() throws(EngineError) -> ReplySuggester {
        if let ready = dialogue.withLock({ $0.suggester }) { return ready }
        let s = try snapshot()
        let built: ReplySuggester
        do {
            built = ReplySuggester(scripts: try store.records(kind: .reply, as: ReplyScript.self),
                                   transcript: try store.records(kind: .turn, as: TranscriptTurn.self), analyzer: s.analyzer)
        } catch {
            throw Engine.storageError(error)
        }
        dialogue.withLock { $0.suggester = built }
        return built
    }

    /// Why there is no `kind` model: being trained in the background from examples imported a
    /// moment ago (worth retrying in a few seconds: `Retry-After`), or never trained.
    func modelUnavailable(_ kind: String, examples: String) -> EngineError {
        if dialogue.withLock({ $0.modelsTraining }) {
            return EngineError(.unavailable, code: "model_unavailable",
                               "the \(kind) model is being trained from the examples just imported; retry in a few seconds",
                               retryAfterSeconds: 2)
        }
        return EngineError(.unavailable, code: "model_unavailable", "no \(kind) model yet: import \(examples) and run `switchboard train`")
    }

    /// Notes a stored or deleted document of `format`: scripts and transcripts rebuild the
    /// suggester on next use; new examples make the models stale (retrained by `train` or by
    /// `retrainIfStale` in the server).
    func noteDialogueChange(_ format: DocumentFormat) {
        switch format {
        case .repliesJSONL, .transcriptsJSONL, .transcriptsCSV, .sessionsJSONL, .lexiconJSONL, .synonymsJSONL:
            dialogue.withLock { $0.suggester = nil }
        case .intentsJSONL, .intentsCSV, .sentimentJSONL:
            dialogue.withLock { $0.modelsStale = true }
        default:
            break
        }
    }

    /// `text` without leading and trailing white space, refused when empty or too long. Runs on
    /// every turn of a conversation for each suggestion, so the common case (nothing to trim,
    /// short text) neither copies nor counts characters.
    /// A turn's speaker must be customer or agent, and its time (when given) seconds in 0...1e12.
    static func checkTurn(speaker: String, ts: Double?) throws(EngineError) {
        guard speaker == "customer" || speaker == "agent" else {
            throw EngineError.badRequest("invalid_speaker", "speaker must be customer or agent; got '\(speaker)'")
        }
        try checkTime(ts)
    }

    /// A turn's time, when given, must be seconds in 0...1e12.
    static func checkTime(_ ts: Double?) throws(EngineError) {
        if let ts, !TranscriptTurn.isValidTime(ts) { throw EngineError.badRequest("invalid_ts", TranscriptTurn.invalidTimeMessage(ts)) }
    }

    /// Unicode white space and the ASCII information separators (U+001C–U+001F): what the
    /// OpenAPI pattern `[^\s\u0085]` of an utterance calls space, so that a text the spec admits
    /// is never refused as empty, nor one it refuses accepted.
    static func isBlank(_ s: Unicode.Scalar) -> Bool {
        UnicodeSpaces.isWhitespace(s) || (s.value >= 0x1C && s.value <= 0x1F)
    }

    static func utterance(_ text: String) throws(EngineError) -> String {
        let scalars = text.unicodeScalars
        let start = scalars.firstIndex { !isBlank($0) }
        let end = scalars.lastIndex { !isBlank($0) }
        guard let start, let end else { throw EngineError.badRequest("empty_text", "text must not be empty") }
        let t = start == scalars.startIndex && end == scalars.index(before: scalars.endIndex)
            ? text : String(scalars[start...end])
        // The limit counts Unicode code points of the text as sent, as the spec's maxLength does
        // (a character such as "é" written as e + accent is two). UTF-8 length bounds that count
        // from above: count only when it must.
        guard text.utf8.count <= maxUtteranceCharacters || scalars.count <= maxUtteranceCharacters else {
            throw EngineError.badRequest("text_too_long", "text is longer than \(maxUtteranceCharacters) characters (Unicode code points)")
        }
        return t
    }
}
