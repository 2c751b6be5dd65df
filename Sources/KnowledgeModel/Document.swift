/// The formats Switchboard can import. The raw value is the name used on the
/// command line (`--format`) and in the HTTP API (`"format"`).
public enum DocumentFormat: String, Codable, Sendable, CaseIterable {
    case markdown
    case html
    case text
    case docx
    /// A JSON or JSONL file whose objects are no records of a known kind, read as prose: keys as
    /// section headings, short values as `key: value` rows, long strings as paragraphs.
    case json
    /// A CSV or TSV file whose header names no record kind, read as a table: each row a
    /// `header: value; …` line, as a Markdown table's rows are.
    case csv
    /// FAQ rows as CSV or TSV: question, similar_questions (`|` separated), answer, tags.
    case faqCSV = "faq_csv"
    /// FAQ records as JSONL: `{"id","question","similar":[...],"answer","tags":[...]}`.
    case faqJSONL = "faq_jsonl"
    /// Intent examples as JSONL `{"text","label"}`.
    case intentsJSONL = "intents_jsonl"
    /// Intent examples as CSV `text,label`.
    case intentsCSV = "intents_csv"
    /// Reply scripts as JSONL `{"id","intent","stage","lang","text"}`.
    case repliesJSONL = "replies_jsonl"
    /// Sentiment examples as JSONL `{"text","sentiment","lang"}`.
    case sentimentJSONL = "sentiment_jsonl"
    /// Lexicon entities as JSONL `{"id","name","type","aliases":[...],"relations":[...]}`.
    case lexiconJSONL = "lexicon_jsonl"
    /// Synonym groups as JSONL `{"terms":[...]}` (the first term is canonical).
    case synonymsJSONL = "synonyms_jsonl"
    /// Campaigns (offers with a condition) as JSONL.
    case campaignsJSONL = "campaigns_jsonl"
    /// Quality-assurance rules as JSONL `{"id","name","severity","type",...}`.
    case qaRulesJSONL = "qa_rules_jsonl"
    /// Customer profiles with their vehicles as JSONL.
    case customersJSONL = "customers_jsonl"
    /// Customer profiles as CSV, one row per vehicle (rows with the same id are merged).
    case customersCSV = "customers_csv"
    /// Conversation turns as JSONL `{"session","turn","speaker","text","ts"}`.
    case transcriptsJSONL = "transcripts_jsonl"
    /// Conversation turns as CSV `session,turn,speaker,text,ts`.
    case transcriptsCSV = "transcripts_csv"
    /// Conversation sessions (channel, customer, agent, outcome) as JSONL.
    case sessionsJSONL = "sessions_jsonl"
    /// Per-model service and warranty programs (`VehicleProgram`) as JSONL.
    case vehicleProgramsJSONL = "vehicle_programs_jsonl"
    /// Ticket routing knowledge (departments, priority rules, summary cues) as JSONL objects with a `kind`.
    case routingJSONL = "routing_jsonl"
    /// A knowledge graph (entities and relations) imported from an export (JSON, GraphML or
    /// Neo4j CSV) by `switchboard graph import` / `POST /v1/graph/import`.
    case graph

    /// Formats read as JSONL or a JSON array of records (`faq_jsonl`, `intents_jsonl`, ...).
    public var isJSONRecords: Bool { rawValue.hasSuffix("_jsonl") }

    /// Formats whose content is prose that the chunker splits into passages.
    public var isProse: Bool {
        switch self {
        case .markdown, .html, .text, .docx, .json, .csv: return true
        default: return false
        }
    }
}

/// One imported file (or one body posted over HTTP). Its chunks, FAQs and other
/// records are replaced together when the same name is imported again.
public struct Document: Codable, Sendable, Hashable, Identifiable {
    /// Stable id derived from `name` (see `Document.id(forName:)`).
    public var id: String
    /// Where it came from: a path relative to the import root, or the name given over HTTP.
    public var name: String
    public var title: String
    public var format: DocumentFormat
    /// Hex SHA-256 of the raw bytes; an unchanged fingerprint means re-import does nothing.
    public var fingerprint: String
    public var byteCount: Int
    /// Seconds since 1970.
    public var importedAt: Double
    public var tags: [String]
    /// The version of the importers that read it (``currentReaderVersion`` for a new import). A
    /// document read by an older version is read again on its next import though its bytes are
    /// unchanged, so an upgrade's better reading reaches knowledge imported before it.
    public var readerVersion: Int

    /// Raised whenever the importers read a file differently: 2 (2026-11-27) writes the header
    /// line of a two-column table whose value column is named; 3 (2026-11-27) reads JSON and CSV
    /// of no record kind as documents (JSON without an extension was plain text) and records
    /// spread over lines or under a wrapper key, and drops HTML pages' `<nav>` and `<footer>`; 4
    /// (2026-11-28) reads chat exports that keep a conversation per record as transcripts; 5
    /// (2026-11-28) also dialogues whose turns name no speaker, and conversations keyed by id.
    public static let currentReaderVersion = 5

    public init(id: String, name: String, title: String, format: DocumentFormat,
                fingerprint: String, byteCount: Int, importedAt: Double, tags: [String] = [],
                readerVersion: Int = Document.currentReaderVersion) {
        self.id = id
        self.name = name
        self.title = title
        self.format = format
        self.fingerprint = fingerprint
        self.byteCount = byteCount
        self.importedAt = importedAt
        self.tags = tags
        self.readerVersion = readerVersion
    }

    /// Whether importing bytes with `fingerprint` again would change nothing: the same bytes,
    /// read by the current importers.
    public func isCurrent(fingerprint: String) -> Bool {
        self.fingerprint == fingerprint && readerVersion >= Self.currentReaderVersion
    }
}
