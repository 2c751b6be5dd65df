import Foundation
import GRDB
import KnowledgeModel

/// Where an answer came from, as the questions log keeps it.
public struct LoggedSource: Codable, Sendable, Hashable {
    public var chunk: String
    public var document: String?
    public var faq: String?

    public init(chunk: String, document: String?, faq: String?) {
        self.chunk = chunk; self.document = document; self.faq = faq
    }
}

/// One question a bot answered or handed off (a row of `questions`).
public struct LoggedQuestion: Codable, Sendable, Hashable {
    public var id: String
    /// Seconds since 1970.
    public var at: Double
    public var session: String?
    public var channel: String?
    public var text: String
    public var answered: Bool
    public var confidence: Double
    public var handoff: Bool
    public var intent: String?
    public var sources: [LoggedSource]
    /// The question's sentiment label (negative, neutral, positive), when classified.
    public var sentiment: String?

    public init(id: String, at: Double, session: String?, channel: String?, text: String, answered: Bool,
                confidence: Double, handoff: Bool, intent: String?, sources: [LoggedSource], sentiment: String? = nil) {
        self.id = id; self.at = at; self.session = session; self.channel = channel; self.text = text
        self.answered = answered; self.confidence = confidence; self.handoff = handoff; self.intent = intent; self.sources = sources
        self.sentiment = sentiment
    }
}

/// One piece of feedback (a row of `feedback`).
public struct FeedbackEntry: Codable, Sendable, Hashable {
    /// Assigned by the store; 0 before insertion.
    public var id: Int64
    public var at: Double
    /// suggestion_accepted, suggestion_edited, suggestion_rejected or answer_rated.
    public var kind: String
    public var session: String?
    /// The suggestion's source (`script:R1`, `transcript:S1#3`) or the rated answer's question id.
    public var target: String?
    public var questionID: String?
    /// The suggested (or answered) text.
    public var text: String?
    /// What the agent sent instead (suggestion_edited).
    public var editedText: String?
    /// The customer turn the suggestion answered.
    public var customerText: String?
    /// 1...5; thumbs up is 5, thumbs down 1.
    public var rating: Int?
    public var actor: String?

    public init(id: Int64 = 0, at: Double, kind: String, session: String?, target: String?, questionID: String?, text: String?,
                editedText: String?, customerText: String?, rating: Int?, actor: String?) {
        self.id = id; self.at = at; self.kind = kind; self.session = session; self.target = target; self.questionID = questionID
        self.text = text; self.editedText = editedText; self.customerText = customerText; self.rating = rating; self.actor = actor
    }
}

/// A counter of `hits`: how often one document, FAQ or chunk was used, by way (`answer` or `search`).
public struct HitCount: Codable, Sendable, Hashable {
    public var kind: String
    public var id: String
    public var via: String
    public var count: Int
    public var lastAt: Double

    public init(kind: String, id: String, via: String, count: Int, lastAt: Double) {
        self.kind = kind; self.id = id; self.via = via; self.count = count; self.lastAt = lastAt
    }
}

/// A learned exchange kept as transcript turns of a document of its own, so that the reply
/// suggester (built from the stored turns) keeps it across restarts and rebuilds.
public struct FeedbackExchange: Sendable {
    public var document: Document
    public var turns: [TranscriptTurn]

    public init(document: Document, turns: [TranscriptTurn]) {
        self.document = document; self.turns = turns
    }
}

extension Store {
    /// Appends logged questions and adds hit counts, in one transaction.
    public func appendQuestions(_ questions: [LoggedQuestion], hits: [HitCount]) throws(StorageError) {
        guard !questions.isEmpty || !hits.isEmpty else { return }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try write { db in
            // Prepared once per batch: parsing the SQL again per row cost more than the insert.
            let insertQuestion = try db.cachedStatement(sql: """
                INSERT OR REPLACE INTO questions (id, at, session, channel, text, answered, confidence, handoff, intent, sources, sentiment)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for q in questions {
                let sources = String(decoding: try encoder.encode(q.sources), as: UTF8.self)
                try insertQuestion.execute(arguments: [q.id, q.at, q.session, q.channel, q.text, q.answered, q.confidence, q.handoff,
                                                       q.intent, sources, q.sentiment])
            }
            let addHit = try db.cachedStatement(sql: """
                INSERT INTO hits (kind, id, via, count, last_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT(kind, id, via) DO UPDATE SET count = count + excluded.count, last_at = max(last_at, excluded.last_at)
                """)
            for h in hits {
                try addHit.execute(arguments: [h.kind, h.id, h.via, h.count, h.lastAt])
            }
        }
    }

    /// Logged questions at or after `since` (seconds since 1970), oldest first, at most `limit` (the newest).
    public func questions(since: Double? = nil, limit: Int = 100_000) throws(StorageError) -> [LoggedQuestion] {
        try read { db in
            let rows = try Row.fetchAll(db, sql: "SELECT * FROM questions WHERE at >= ? ORDER BY at DESC, id DESC LIMIT ?",
                                        arguments: [since ?? -Double.greatestFiniteMagnitude, limit])
            return rows.reversed().map(Self.question)
        }
    }

    /// One logged question, or nil.
    public func question(id: String) throws(StorageError) -> LoggedQuestion? {
        try read { db in try Row.fetchOne(db, sql: "SELECT * FROM questions WHERE id = ?", arguments: [id]).map(Self.question) }
    }

    /// The newest logged question of a session, or nil.
    public func lastQuestion(session: String) throws(StorageError) -> LoggedQuestion? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM questions WHERE session = ? ORDER BY at DESC LIMIT 1", arguments: [session]).map(Self.question)
        }
    }

    /// Stores feedback and, for an accepted or edited suggestion, the exchange it teaches, in one
    /// transaction. The exchange's document is created on first use and never changes the store's
    /// generation (it holds no chunks). Returns the feedback's id.
    @discardableResult
    public func insertFeedback(_ entry: FeedbackEntry, exchange: FeedbackExchange? = nil) throws(StorageError) -> Int64 {
        try write { db in
            try db.execute(sql: """
                INSERT INTO feedback (at, kind, session, target, question_id, text, edited_text, customer_text, rating, actor)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [entry.at, entry.kind, entry.session, entry.target, entry.questionID, entry.text, entry.editedText,
                                 entry.customerText, entry.rating, entry.actor])
            let id = db.lastInsertedRowID
            if let exchange {
                let doc = exchange.document
                try db.execute(sql: """
                    INSERT OR IGNORE INTO documents (id, name, title, format, fingerprint, byte_count, imported_at, tags)
                    VALUES (?, ?, ?, ?, ?, 0, ?, '[]')
                    """, arguments: [doc.id, doc.name, doc.title, doc.format.rawValue, doc.fingerprint, doc.importedAt])
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys]
                let ordinal = try Int.fetchOne(db, sql: "SELECT COALESCE(MAX(ordinal) + 1, 0) FROM records WHERE document_id = ?", arguments: [doc.id]) ?? 0
                for (i, t) in exchange.turns.enumerated() {
                    let json = String(decoding: try encoder.encode(t), as: UTF8.self)
                    try db.execute(sql: "INSERT OR REPLACE INTO records (kind, id, document_id, ordinal, json) VALUES ('turn', ?, ?, ?, ?)",
                                   arguments: ["\(t.session)#\(t.turn)", doc.id, ordinal + i, json])
                }
            }
            return id
        }
    }

    /// Feedback at or after `since`, oldest first.
    public func feedback(since: Double? = nil) throws(StorageError) -> [FeedbackEntry] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM feedback WHERE at >= ? ORDER BY id", arguments: [since ?? -Double.greatestFiniteMagnitude]).map { r in
                FeedbackEntry(id: r["id"], at: r["at"], kind: r["kind"], session: r["session"], target: r["target"], questionID: r["question_id"],
                              text: r["text"], editedText: r["edited_text"], customerText: r["customer_text"], rating: r["rating"], actor: r["actor"])
            }
        }
    }

    /// Hit counters of one kind (`document`, `faq`, `chunk`), both ways, largest total first.
    public func hitCounts(kind: String) throws(StorageError) -> [HitCount] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM hits WHERE kind = ?", arguments: [kind]).map { r in
                HitCount(kind: r["kind"], id: r["id"], via: r["via"], count: r["count"], lastAt: r["last_at"])
            }
        }
    }

    static func question(_ r: Row) -> LoggedQuestion {
        let sources = (r["sources"] as String?).flatMap { try? RecordCodec.decoder.decode([LoggedSource].self, from: Data($0.utf8)) } ?? []
        return LoggedQuestion(id: r["id"], at: r["at"], session: r["session"], channel: r["channel"], text: r["text"],
                              answered: r["answered"], confidence: r["confidence"], handoff: r["handoff"], intent: r["intent"], sources: sources,
                              sentiment: r["sentiment"])
    }
}

extension Store {
    /// The intent examples of one document, in file order (the editors' document of `/v1/intents`).
    public func intentExamples(documentID: String) throws(StorageError) -> [IntentExample] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT text, label FROM intent_examples WHERE document_id = ? ORDER BY rowid", arguments: [documentID]).map { r in
                IntentExample(text: r["text"], label: r["label"])
            }
        }
    }

    /// Every intent label with its number of examples, in total and in one document.
    public func intentLabelCounts(documentID: String) throws(StorageError) -> [(label: String, total: Int, inDocument: Int)] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT label, COUNT(*) AS total, SUM(document_id = ?) AS mine FROM intent_examples GROUP BY label ORDER BY label
                """, arguments: [documentID]).map { r in (label: r["label"], total: r["total"], inDocument: r["mine"] ?? 0) }
        }
    }

    /// The JSON of the records of one kind with the id of the document that holds each, in document and file order.
    public func recordJSONWithOwner(kind: RecordKind) throws(StorageError) -> [(id: String, documentID: String, json: String)] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT id, document_id, json FROM records WHERE kind = ? ORDER BY document_id, ordinal", arguments: [kind.rawValue]).map { r in
                (id: r["id"], documentID: r["document_id"], json: r["json"])
            }
        }
    }

    /// The id of the document that holds the FAQ `id`, or nil.
    public func faqOwner(_ id: String) throws(StorageError) -> String? {
        try read { db in try String.fetchOne(db, sql: "SELECT document_id FROM faqs WHERE id = ?", arguments: [id]) }
    }

    /// Every FAQ with the id of the document that holds it, by id.
    public func faqsWithOwner() throws(StorageError) -> [(faq: FAQ, documentID: String)] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM faqs ORDER BY id").map { r in
                (faq: FAQ(id: r["id"], question: r["question"], similar: JSONColumn.decode(r["similar"]), answer: r["answer"], tags: JSONColumn.decode(r["tags"])),
                 documentID: r["document_id"])
            }
        }
    }
}
