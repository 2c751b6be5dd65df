import Foundation

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

extension Chunk {
    /// Between the two cells of a two-column table's header line in a passage ("Model | Engine
    /// oil quantity"), written before the table's "key: value" rows when the value column's name
    /// says what the values are; the graph reads it to name the values of rows keyed by an entity.
    public static let tableHeaderSeparator = " | "

    /// The two cells of a two-column table's header line ("Model | Price" → ("Model", "Price")),
    /// or nil when the line is not one.
    public static func tableHeaderCells(_ line: Substring) -> (String, String)? {
        let cells = line.components(separatedBy: tableHeaderSeparator).map { $0.trimmingCharacters(in: .whitespaces) }
        guard cells.count == 2, !cells[0].isEmpty, !cells[1].isEmpty else { return nil }
        return (cells[0], cells[1])
    }

    /// Value-column names that say nothing about the values ("Item | Value", "项目 | 参数",
    /// also with a unit: "Value (km)"): such a header is not written (its rows read "key: value"
    /// alone).
    public static func isGenericValueColumn(_ name: String) -> Bool {
        // Scalars, not Foundation's trimming: an import calls this once per table.
        let scalars = name.unicodeScalars
        var lo = scalars.startIndex
        let end = scalars.firstIndex { $0 == "(" || $0 == "（" } ?? scalars.endIndex
        while lo < end, isSpace(scalars[lo]) { lo = scalars.index(after: lo) }
        var hi = end
        while hi > lo, isSpace(scalars[scalars.index(before: hi)]) { hi = scalars.index(before: hi) }
        guard scalars.distance(from: lo, to: hi) <= longestGenericValueColumn else { return false }
        return genericValueColumns.contains(String(scalars[lo..<hi]).lowercased())
    }

    /// What `CharacterSet.whitespaces` holds: tab and the space separators.
    private static func isSpace(_ s: Unicode.Scalar) -> Bool {
        s == "\t" || s.properties.generalCategory == .spaceSeparator
    }

    private static let genericValueColumns: Set<String> = [
        "value", "values", "detail", "details", "description", "note", "notes", "information", "info",
        "data", "content", "contents", "spec", "specs", "specification", "specifications", "answer",
        "值", "数值", "参数", "内容", "说明", "详情", "描述", "备注", "信息", "规格", "数据", "答案",
    ]
    private static let longestGenericValueColumn = genericValueColumns.map(\.unicodeScalars.count).max() ?? 0
}
