/// What an importer makes of one file, before anything is stored.
/// `Ingestion` produces it; `Storage` writes it in one transaction.
/// A file holds one kind of content, so at most one of the record arrays is non-empty
/// (a FAQ file fills both `chunks` and `faqs`).
public struct ParsedFile: Sendable {
    /// The document the file becomes.
    public var document: Document
    /// Passages of a prose document, or one `.faq` chunk per FAQ.
    public var chunks: [Chunk]
    /// The FAQ records (each also has a `.faq` chunk).
    public var faqs: [FAQ]
    /// Labelled utterances for the intent classifier.
    public var intentExamples: [IntentExample]
    /// Reply templates.
    public var replies: [ReplyScript]
    /// Labelled utterances for the sentiment classifier.
    public var sentimentExamples: [SentimentExample]
    /// Lexicon entities.
    public var lexiconEntities: [LexiconEntity]
    /// Synonym groups.
    public var synonymGroups: [SynonymGroup]
    /// Campaigns (offers).
    public var campaigns: [Campaign]
    /// Quality-assurance rules.
    public var qaRules: [QARule]
    /// Customer profiles.
    public var customers: [CustomerProfile]
    /// Conversation turns.
    public var transcriptTurns: [TranscriptTurn]
    /// Conversation sessions.
    public var transcriptSessions: [TranscriptSession]
    /// Per-model service and warranty programs.
    public var vehiclePrograms: [VehicleProgram] = []
    /// Ticket routing objects (departments, priority rules, cues), each one line of JSON as written.
    public var routingRules: [String] = []
    /// Relations of an imported graph.
    public var declaredRelations: [DeclaredRelation] = []

    /// Creates a parsed file; every collection defaults to empty.
    public init(document: Document, chunks: [Chunk] = [], faqs: [FAQ] = [], intentExamples: [IntentExample] = [],
                replies: [ReplyScript] = [], sentimentExamples: [SentimentExample] = [],
                lexiconEntities: [LexiconEntity] = [], synonymGroups: [SynonymGroup] = [],
                campaigns: [Campaign] = [], qaRules: [QARule] = [], customers: [CustomerProfile] = [],
                transcriptTurns: [TranscriptTurn] = [], transcriptSessions: [TranscriptSession] = []) {
        self.document = document
        self.chunks = chunks
        self.faqs = faqs
        self.intentExamples = intentExamples
        self.replies = replies
        self.sentimentExamples = sentimentExamples
        self.lexiconEntities = lexiconEntities
        self.synonymGroups = synonymGroups
        self.campaigns = campaigns
        self.qaRules = qaRules
        self.customers = customers
        self.transcriptTurns = transcriptTurns
        self.transcriptSessions = transcriptSessions
    }

    /// How many records of any kind (FAQs, examples, entities, turns, ...) the file held, chunks not counted.
    public var recordCount: Int {
        faqs.count + intentExamples.count + replies.count + sentimentExamples.count + lexiconEntities.count
            + synonymGroups.count + campaigns.count + qaRules.count + customers.count
            + transcriptTurns.count + transcriptSessions.count + declaredRelations.count + vehiclePrograms.count + routingRules.count
    }
}
