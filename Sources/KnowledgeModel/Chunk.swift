/// What a chunk holds: a passage of prose, or one FAQ (question, similar questions, answer).
public enum ChunkKind: String, Codable, Sendable {
    case passage
    case faq
}

/// The unit of retrieval. Every chunk keeps its document's title and the
/// section path (headings above it) so that a hit can be shown in context.
public struct Chunk: Codable, Sendable, Hashable, Identifiable {
    /// `"<documentID>#<ordinal>"`.
    public var id: String
    public var documentID: String
    /// Position within the document, from 0.
    public var ordinal: Int
    public var kind: ChunkKind
    public var title: String
    /// Headings from the outermost to the innermost, e.g. ["Charging", "Home charger"].
    public var sectionPath: [String]
    /// The passage text, or for a FAQ its answer.
    public var text: String
    /// For a FAQ chunk: the FAQ's id.
    public var faqID: String?
    /// For a FAQ chunk: the canonical question.
    public var question: String?
    /// For a FAQ chunk: other wordings of the question.
    public var similarQuestions: [String]
    public var tags: [String]

    public init(id: String, documentID: String, ordinal: Int, kind: ChunkKind = .passage,
                title: String, sectionPath: [String] = [], text: String,
                faqID: String? = nil, question: String? = nil,
                similarQuestions: [String] = [], tags: [String] = []) {
        self.id = id
        self.documentID = documentID
        self.ordinal = ordinal
        self.kind = kind
        self.title = title
        self.sectionPath = sectionPath
        self.text = text
        self.faqID = faqID
        self.question = question
        self.similarQuestions = similarQuestions
        self.tags = tags
    }

    /// The section path joined for display: "Charging › Home charger".
    public var section: String { sectionPath.joined(separator: " › ") }
}
