import Dialogue
import Foundation
import Ingestion
import KnowledgeModel
import Storage
import Synchronization

/// `POST /v1/feedback` body: an agent accepts, edits or rejects a reply suggestion, or a bot
/// user rates an answer.
public struct FeedbackRequest: Codable, Sendable {
    /// suggestion_accepted | suggestion_edited | suggestion_rejected | answer_rated.
    public var kind: String
    /// The conversation or bot session.
    public var sessionID: String?
    /// The suggestion's `source` (`script:R1`, `transcript:S1#3`).
    public var suggestionSource: String?
    /// The suggestion's text (accepted: what was sent).
    public var text: String?
    /// What the agent sent instead (suggestion_edited).
    public var editedText: String?
    /// The customer turn the suggestion answered; when absent, the last customer turn of the open
    /// conversation `session_id` names, else that session's last logged question.
    public var customerText: String?
    /// The turn before the customer turn (usually the agent's previous line), when known.
    public var previousText: String?
    /// The reply's position in the conversation (turns counted from 1), when known.
    public var turn: Int?
    /// answer_rated: 1...5, or "up" (5) / "down" (1).
    public var rating: FeedbackRating?
    /// answer_rated: the question id `recordQuestion` returned for the answer.
    public var questionID: String?
    /// Who gave the feedback (agent id, "bot-user", ...).
    public var actor: String?

    public init(kind: String, sessionID: String? = nil, suggestionSource: String? = nil, text: String? = nil, editedText: String? = nil,
                customerText: String? = nil, previousText: String? = nil, turn: Int? = nil, rating: FeedbackRating? = nil,
                questionID: String? = nil, actor: String? = nil) {
        self.kind = kind; self.sessionID = sessionID; self.suggestionSource = suggestionSource; self.text = text
        self.editedText = editedText; self.customerText = customerText; self.previousText = previousText; self.turn = turn
        self.rating = rating; self.questionID = questionID; self.actor = actor
    }

    enum CodingKeys: String, CodingKey {
        case kind, sessionID = "session_id", suggestionSource = "suggestion_source", text, editedText = "edited_text"
        case customerText = "customer_text", previousText = "previous_text", turn, rating, questionID = "question_id", actor
    }
}

/// A rating: a number 1...5, or "up"/"down" (5/1). Anything else decodes as `invalid` and is a 400.
public struct FeedbackRating: Codable, Sendable, Equatable {
    public var value: Int?
    public var raw: String

    /// A numeric rating; outside 1...5 it is invalid.
    public init(_ value: Int) { self.value = (1...5).contains(value) ? value : nil; raw = String(value) }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let n = try? c.decode(Int.self) {
            value = (1...5).contains(n) ? n : nil
            raw = String(n)
        } else if let s = try? c.decode(String.self) {
            switch s.lowercased() {
            case "up", "thumbs_up", "good": value = 5
            case "down", "thumbs_down", "bad": value = 1
            default: value = Int(s).flatMap { (1...5).contains($0) ? $0 : nil }
            }
            raw = s
        } else {
            value = nil
            raw = "?"
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        if let value { try c.encode(value) } else { try c.encode(raw) }
    }
}

/// `POST /v1/feedback` response.
public struct FeedbackRecorded: Codable, Sendable {
    public var id: Int64
    public var kind: String
    /// True when the exchange was added to the reply suggester (accepted and edited suggestions).
    public var learned: Bool
    /// The customer turn the learned reply answers.
    public var customerText: String?

    enum CodingKeys: String, CodingKey { case id, kind, learned, customerText = "customer_text" }
}

/// Questions and hit counts waiting to be written: answers and searches must not wait for
/// SQLite, so they are appended in memory and written in one transaction at most every
/// `AnalyticsBuffer.delay` seconds (and before any analytics read, and by `flushAnalytics()`).
final class AnalyticsBuffer: Sendable {
    struct Pending: Sendable {
        var questions: [LoggedQuestion] = []
        var hits: [String: HitCount] = [:]
        var scheduled = false
    }

    static let delay = 0.5
    let pending = Mutex<Pending>(Pending())
    /// Held while a batch is written, so batches land in order.
    let writing = Mutex<Void>(())

    /// One buffer per database file (engines on the same file share it).
    static func forStore(_ path: String) -> AnalyticsBuffer {
        registry.withLock { all in
            if let b = all[path] { return b }
            let b = AnalyticsBuffer()
            all[path] = b
            return b
        }
    }

    private static let registry = Mutex<[String: AnalyticsBuffer]>([:])

    /// Adds to the pending batch; true when the caller should schedule a flush.
    func add(question: LoggedQuestion?, hits: [HitCount]) -> Bool {
        pending.withLock { p in
            if let question { p.questions.append(question) }
            for h in hits {
                let key = "\(h.kind)\u{1}\(h.id)\u{1}\(h.via)"
                if var old = p.hits[key] {
                    old.count += h.count
                    old.lastAt = max(old.lastAt, h.lastAt)
                    p.hits[key] = old
                } else {
                    p.hits[key] = h
                }
            }
            if p.scheduled { return false }
            p.scheduled = true
            return true
        }
    }
}

extension Engine {
    /// The feedback kinds `POST /v1/feedback` takes.
    public static let feedbackKinds = ["suggestion_accepted", "suggestion_edited", "suggestion_rejected", "answer_rated"]
    /// The document that holds the exchanges learned from feedback (as transcript turns).
    public static let feedbackDocumentName = "switchboard/feedback-replies"
    /// How many of a search's first hits count as "top search hits" in the hit counts.
    static let countedSearchHits = 1

    var analyticsBuffer: AnalyticsBuffer { AnalyticsBuffer.forStore(store.path) }

    /// Logs one question a bot answered or handed off, for gap analytics and hit counts. Never
    /// throws and never waits for the disk: the entry is written in the next batch (at most half a
    /// second later). `sources` are chunk ids (their documents and FAQs are looked up).
    /// Returns the question's id, which a user's rating (`answer_rated`) refers to.
    @discardableResult
    public func recordQuestion(_ text: String, sessionID: String?, channel: String?, answered: Bool, confidence: Double,
                               handoff: Bool, sources: [String], intent: String? = nil, sentiment: String? = nil) -> String {
        let now = Date().timeIntervalSince1970
        // 64 random bits from the system generator (a UUID opens /dev/urandom on each call).
        var random = SystemRandomNumberGenerator()
        let hex = String(random.next() as UInt64, radix: 16)
        let id = "q-" + String(repeating: "0", count: 16 - hex.count) + hex
        let logged = loggedSources(sources)
        let entry = LoggedQuestion(id: String(id), at: now, session: sessionID, channel: channel, text: String(text.prefix(Self.maxUtteranceCharacters)),
                                   answered: answered, confidence: confidence.isFinite ? confidence : 0, handoff: handoff,
                                   intent: intent, sources: logged, sentiment: sentiment)
        enqueueAnalytics(question: entry, hits: hitIncrements(logged, via: "answer", at: now))
        return String(id)
    }

    /// Counts a search's top hit(s) in the hit counts (call after each `/v1/search`).
    public func recordSearch(_ response: SearchResponse) {
        let top = response.hits.prefix(Self.countedSearchHits)
        guard !top.isEmpty else { return }
        let sources = top.map { LoggedSource(chunk: $0.chunkID, document: $0.documentID, faq: $0.faqID) }
        enqueueAnalytics(question: nil, hits: hitIncrements(sources, via: "search", at: Date().timeIntervalSince1970))
    }

    /// Writes the pending questions and hit counts now (the server calls this at shutdown;
    /// every analytics read calls it first).
    public func flushAnalytics() {
        let buffer = analyticsBuffer
        buffer.writing.withLock { _ in
            let batch = buffer.pending.withLock { p -> AnalyticsBuffer.Pending in
                let taken = p
                p = AnalyticsBuffer.Pending()
                return taken
            }
            guard !batch.questions.isEmpty || !batch.hits.isEmpty else { return }
            do {
                try store.appendQuestions(batch.questions, hits: Array(batch.hits.values))
            } catch {
                logger.error("could not write the questions log", metadata: ["error": "\(error)", "questions": "\(batch.questions.count)"])
            }
        }
    }

    private func enqueueAnalytics(question: LoggedQuestion?, hits: [HitCount]) {
        guard analyticsBuffer.add(question: question, hits: hits) else { return }
        BackgroundLane.analytics.run(after: AnalyticsBuffer.delay) { [self] in flushAnalytics() }
    }

    private func loggedSources(_ chunkIDs: [String]) -> [LoggedSource] {
        let s = state.withLock { $0 }
        var seen = Set<String>()
        return chunkIDs.filter { seen.insert($0).inserted }.map { id in
            let chunk = s?.chunks[id]
            let document = chunk?.documentID ?? id.split(separator: "#").first.map(String.init)
            return LoggedSource(chunk: id, document: document, faq: chunk?.faqID)
        }
    }

    private func hitIncrements(_ sources: [LoggedSource], via: String, at: Double) -> [HitCount] {
        var out: [HitCount] = []
        var documents = Set<String>()
        for src in sources {
            out.append(HitCount(kind: "chunk", id: src.chunk, via: via, count: 1, lastAt: at))
            if let faq = src.faq { out.append(HitCount(kind: "faq", id: faq, via: via, count: 1, lastAt: at)) }
            if let d = src.document, documents.insert(d).inserted { out.append(HitCount(kind: "document", id: d, via: via, count: 1, lastAt: at)) }
        }
        return out
    }

    /// Records feedback. An accepted or edited suggestion teaches the reply suggester the exchange
    /// (the customer turn → the text the agent sent): it is stored as transcript turns of
    /// `feedbackDocumentName` (so it survives restarts and suggester rebuilds) and added to the
    /// live suggester at once. Rejections and ratings feed the analytics.
    /// - Throws: `invalid_kind`, `missing_text`, `missing_customer_text`, `invalid_rating` (400);
    ///   `question_not_found` (404) for an unknown `question_id`, `session_not_found` (404) for a reply
    ///   without `customer_text` whose `session_id` has neither a customer turn nor a logged question.
    public func recordFeedback(_ request: FeedbackRequest) throws(EngineError) -> FeedbackRecorded {
        guard Self.feedbackKinds.contains(request.kind) else {
            throw EngineError.badRequest("invalid_kind", "kind must be one of \(Self.feedbackKinds.joined(separator: ", ")); got '\(request.kind)'")
        }
        let session = try Self.optionalField(request.sessionID, "session_id", max: 200)
        let actor = try Self.optionalField(request.actor, "actor", max: 200)
        let source = try Self.optionalField(request.suggestionSource, "suggestion_source", max: 500)
        let text = try request.text.map { t throws(EngineError) in try Self.utterance(t) }
        let edited = try request.editedText.map { t throws(EngineError) in try Self.utterance(t) }
        var rating: Int?
        var questionID = try Self.optionalField(request.questionID, "question_id", max: 100)
        if let r = request.rating {
            guard let v = r.value else { throw EngineError.badRequest("invalid_rating", "rating must be 1 to 5, \"up\" or \"down\"; got '\(r.raw)'") }
            rating = v
        }
        if let t = request.turn, !(1...10_000).contains(t) { throw EngineError.badRequest("invalid_turn", "turn must be between 1 and 10000") }
        var sent: String?
        switch request.kind {
        case "suggestion_accepted":
            guard let text else { throw EngineError.badRequest("missing_text", "an accepted suggestion needs 'text' (what was sent)") }
            sent = text
        case "suggestion_edited":
            guard let edited else { throw EngineError.badRequest("missing_text", "an edited suggestion needs 'edited_text' (what was sent instead)") }
            sent = edited
        case "answer_rated":
            guard rating != nil else { throw EngineError.badRequest("invalid_rating", "answer_rated needs 'rating': 1 to 5, \"up\" or \"down\"") }
        default:
            break
        }
        flushAnalytics()
        if let qid = questionID {
            let found: LoggedQuestion?
            do { found = try store.question(id: qid) } catch { throw Engine.storageError(error) }
            guard found != nil else { throw EngineError.notFound("question_not_found", "no logged question with id '\(qid)'") }
        } else if request.kind == "answer_rated", let session, let last = try? store.lastQuestion(session: session) {
            questionID = last.id
        }
        var customer = try request.customerText.map { t throws(EngineError) in try Self.utterance(t) }
        var previous = try request.previousText.map { t throws(EngineError) in try Self.utterance(t) }
        var position = request.turn
        if customer == nil, let session, let c = conversations.get(session) {
            // A live conversation: its last block of customer turns, the turn before it, and where the reply goes.
            let turns = c.turns.filter { !$0.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
            if let last = turns.lastIndex(where: { $0.speaker == "customer" }) {
                var first = last
                while first > 0 && turns[first - 1].speaker == "customer" { first -= 1 }
                customer = turns[first...last].map(\.text).joined(separator: " ")
                if previous == nil, first > 0 { previous = turns[first - 1].text }
                if position == nil { position = last + 2 }
            }
        }
        if customer == nil, sent != nil || request.kind == "suggestion_rejected", let session {
            customer = (try? store.lastQuestion(session: session))?.text
        }
        var exchange: FeedbackExchange?
        var pair: ReplyPair?
        if let sent {
            guard let customer else {
                if let session {
                    throw EngineError.notFound("session_not_found", "no live conversation with a customer turn and no logged question for session_id '\(session)'; give 'customer_text' (the customer turn the reply answered)")
                }
                throw EngineError.badRequest("missing_customer_text", "give 'customer_text' (the customer turn the reply answered), or a session_id with a logged question")
            }
            let replyTurn = max(position ?? (previous == nil ? 2 : 3), previous == nil ? 2 : 3)
            let exchangeID = "feedback-" + UUID().uuidString.lowercased().prefix(12)
            var turns: [TranscriptTurn] = []
            if let previous { turns.append(TranscriptTurn(session: exchangeID, turn: replyTurn - 2, speaker: "agent", text: previous)) }
            turns.append(TranscriptTurn(session: exchangeID, turn: replyTurn - 1, speaker: "customer", text: customer))
            turns.append(TranscriptTurn(session: exchangeID, turn: replyTurn, speaker: "agent", text: sent))
            let now = Date().timeIntervalSince1970
            let doc = Document(id: DocumentID.make(name: Self.feedbackDocumentName), name: Self.feedbackDocumentName,
                               title: "Replies learned from agents' feedback", format: .transcriptsJSONL,
                               fingerprint: "feedback", byteCount: 0, importedAt: now)
            exchange = FeedbackExchange(document: doc, turns: turns)
            pair = ReplyPair(session: exchangeID, turn: replyTurn, previous: previous, customer: customer, reply: sent)
        }
        let entry = FeedbackEntry(at: Date().timeIntervalSince1970, kind: request.kind, session: session,
                                  target: source ?? questionID, questionID: questionID, text: text, editedText: edited,
                                  customerText: customer, rating: rating, actor: actor)
        let id: Int64
        do {
            id = try writeLock.withLock { _ throws(StorageError) -> Int64 in
                let id = try store.insertFeedback(entry, exchange: exchange)
                if let pair { dialogue.withLock { $0.models.suggester?.add(pair) } }   // in place, no copy
                return id
            }
        } catch {
            throw Engine.storageError(error)
        }
        return FeedbackRecorded(id: id, kind: request.kind, learned: pair != nil, customerText: customer)
    }

    static func optionalField(_ value: String?, _ name: String, max: Int) throws(EngineError) -> String? {
        guard let v = value?.trimmingCharacters(in: .whitespacesAndNewlines), !v.isEmpty else { return nil }
        guard v.count <= max else { throw EngineError.badRequest("invalid_\(name)", "\(name) is longer than \(max) characters") }
        return v
    }
}
