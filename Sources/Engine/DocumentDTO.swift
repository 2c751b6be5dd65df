import KnowledgeModel
import Storage

/// A document as the API shows it.
public struct DocumentInfo: Codable, Sendable {
    public var id: String
    public var name: String
    public var title: String
    public var format: String
    public var fingerprint: String
    public var bytes: Int
    public var importedAt: Double
    public var chunks: Int?

    enum CodingKeys: String, CodingKey {
        case id, name, title, format, fingerprint, bytes, importedAt = "imported_at", chunks
    }

    init(_ d: Document, chunks: Int? = nil) {
        id = d.id
        name = d.name
        title = d.title
        format = d.format.rawValue
        fingerprint = d.fingerprint
        bytes = d.byteCount
        importedAt = d.importedAt
        self.chunks = chunks
    }
}

/// What happened to one file of an import.
public struct FileImportResult: Codable, Sendable {
    public enum Status: String, Codable, Sendable { case created, updated, unchanged, failed }
    public var name: String
    public var status: Status
    public var documentID: String?
    public var format: String?
    public var chunks: Int
    public var records: Int
    public var bytes: Int
    public var error: ErrorBody?

    enum CodingKeys: String, CodingKey {
        case name, status, documentID = "document_id", format, chunks, records, bytes, error
    }

    public init(name: String, status: Status, documentID: String?, format: String?, chunks: Int, records: Int,
                bytes: Int, error: ErrorBody?) {
        self.name = name
        self.status = status
        self.documentID = documentID
        self.format = format
        self.chunks = chunks
        self.records = records
        self.bytes = bytes
        self.error = error
    }
}

/// `{"code","message"}`, the body of every error the API returns (inside `{"error": ...}`).
public struct ErrorBody: Codable, Sendable, Equatable {
    public var code: String
    public var message: String

    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }
}

/// The outcome of importing one or more files.
public struct ImportReport: Codable, Sendable {
    public var files: [FileImportResult]
    public var created: Int { files.filter { $0.status == .created }.count }
    public var updated: Int { files.filter { $0.status == .updated }.count }
    public var unchanged: Int { files.filter { $0.status == .unchanged }.count }
    public var failed: Int { files.filter { $0.status == .failed }.count }
    public var tookMs: Double

    enum CodingKeys: String, CodingKey {
        case files, created, updated, unchanged, failed, tookMs = "took_ms"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(files, forKey: .files)
        try c.encode(created, forKey: .created)
        try c.encode(updated, forKey: .updated)
        try c.encode(unchanged, forKey: .unchanged)
        try c.encode(failed, forKey: .failed)
        try c.encode(tookMs, forKey: .tookMs)
    }

    public init(files: [FileImportResult], tookMs: Double) {
        self.files = files
        self.tookMs = tookMs
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        files = try c.decode([FileImportResult].self, forKey: .files)
        tookMs = try c.decode(Double.self, forKey: .tookMs)
    }
}

/// `GET /v1/stats`: counts with plain names.
public struct Stats: Codable, Sendable {
    public var documents: Int
    public var chunks: Int
    public var faqs: Int
    public var intents: Int
    public var intentExamples: Int
    public var replies: Int
    public var sentimentExamples: Int
    public var entities: Int
    public var synonyms: Int
    public var campaigns: Int
    public var qaRules: Int
    public var customers: Int
    public var transcripts: Int
    public var turns: Int
    public var indexTerms: Int?
    public var indexedChunks: Int?
    public var vectors: Int?
    public var vectorIndex: String?
    public var encoder: String?

    enum CodingKeys: String, CodingKey {
        case documents, chunks, faqs, intents, intentExamples = "intent_examples", replies
        case sentimentExamples = "sentiment_examples", entities, synonyms, campaigns, qaRules = "qa_rules"
        case customers, transcripts, turns, indexTerms = "index_terms", indexedChunks = "indexed_chunks"
        case vectors, vectorIndex = "vector_index", encoder
    }

    init(_ c: StoreCounts) {
        documents = c.documents
        chunks = c.chunks
        faqs = c.faqs
        intents = c.intents
        intentExamples = c.intentExamples
        func n(_ k: RecordKind) -> Int { c.records[k.rawValue] ?? 0 }
        replies = n(.reply)
        sentimentExamples = n(.sentiment)
        entities = n(.entity)
        synonyms = n(.synonyms)
        campaigns = n(.campaign)
        qaRules = n(.qaRule)
        customers = n(.customer)
        transcripts = n(.session)
        turns = n(.turn)
    }
}
