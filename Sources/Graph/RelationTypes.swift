import KnowledgeModel

/// One relation found in the knowledge: `subject —type→ object`, with where and how it was found.
///
/// `subject` is an entity id. `object` is an entity id, or a literal value prefixed with
/// `"value:"` (see ``ExtractedRelation/valuePrefix``), e.g. `"value:650 km"`.
public struct ExtractedRelation: Sendable, Hashable, Codable {
    /// The prefix that marks a literal object value.
    public static let valuePrefix = "value:"

    /// The entity id the relation starts from.
    public var subject: String
    /// The relation type, e.g. `has_spec`, `has_feature`, `related_to`.
    public var type: String
    /// An entity id, or a literal prefixed with `"value:"`.
    public var object: String
    /// For `has_spec`: the normalized attribute name, e.g. `"range"`, or `"price, pro rwd"`
    /// when the table row names a variant (attribute, comma, qualifier).
    public var attribute: String?
    /// How sure the extractor is, 0...1.
    public var confidence: Double
    /// The chunk the relation was read from (for `related_to`: the first co-occurrence;
    /// `"lexicon"` for lexicon relations).
    public var chunkID: String
    /// `"structure"`, `"pattern"`, `"cooccurrence"` or `"lexicon"`.
    public var method: String

    /// Creates a relation.
    public init(subject: String, type: String, object: String, attribute: String? = nil,
                confidence: Double, chunkID: String, method: String) {
        self.subject = subject; self.type = type; self.object = object
        self.attribute = attribute; self.confidence = confidence
        self.chunkID = chunkID; self.method = method
    }

    /// The literal value when `object` is a `"value:"` literal, otherwise nil.
    public var literalValue: String? {
        object.hasPrefix(Self.valuePrefix) ? String(object.dropFirst(Self.valuePrefix.count)) : nil
    }
}

/// How a relation was found; the raw values are what ``ExtractedRelation/method`` holds.
public enum RelationMethod: String, Sendable, CaseIterable {
    /// A table row or a "key: value" definition line, or a section heading.
    case structure
    /// A lexical pattern between two mentions in one sentence.
    case pattern
    /// Sentence co-occurrence statistics.
    case cooccurrence
    /// The `relations` field of a lexicon entity.
    case lexicon
}

/// One lexical pattern: `X <cue> Y` within one sentence, with X the first mention and Y the second.
public struct RelationPattern: Sendable, Hashable {
    /// The words between the two mentions, in normalized (lower-cased) form.
    public var cue: String
    /// The relation type produced.
    public var type: String
    /// Extra characters tolerated between the mentions beside the cue
    /// (articles, "the", a measure word...).
    public var slack: Int

    /// Creates a pattern.
    public init(cue: String, type: String, slack: Int = 8) {
        self.cue = cue; self.type = type; self.slack = slack
    }
}

/// The default lexical patterns, as data: one row per cue, Chinese and English.
///
/// Each row reads `X <cue> Y` inside one sentence, where X is the earlier mention and Y the
/// later one. Order matters only for overlapping cues: the longest matching cue wins.
public enum RelationPatterns {
    /// Chinese cues (no spaces; the slack allows a short word such as "了" or "一套").
    public static let chinese: [RelationPattern] = [
        RelationPattern(cue: "配备", type: "has_feature", slack: 4),
        RelationPattern(cue: "搭载", type: "has_feature", slack: 4),
        RelationPattern(cue: "标配", type: "has_feature", slack: 4),
        RelationPattern(cue: "适用于", type: "applies_to", slack: 4),
        RelationPattern(cue: "包括", type: "includes", slack: 4),
        RelationPattern(cue: "包含", type: "includes", slack: 4),
        RelationPattern(cue: "位于", type: "located_in", slack: 4),
    ]

    /// English cues (lower case, single spaces; the slack allows "the", "a", "an", "also").
    public static let english: [RelationPattern] = [
        RelationPattern(cue: "is covered by", type: "covered_by"),
        RelationPattern(cue: "are covered by", type: "covered_by"),
        RelationPattern(cue: "requires", type: "requires"),
        RelationPattern(cue: "require", type: "requires"),
        RelationPattern(cue: "comes with", type: "has_feature"),
        RelationPattern(cue: "come with", type: "has_feature"),
        RelationPattern(cue: "is equipped with", type: "has_feature"),
        RelationPattern(cue: "are equipped with", type: "has_feature"),
        RelationPattern(cue: "applies to", type: "applies_to"),
        RelationPattern(cue: "apply to", type: "applies_to"),
        RelationPattern(cue: "is located in", type: "located_in"),
        RelationPattern(cue: "are located in", type: "located_in"),
    ]

    /// Both tables, longest cue first so that "is equipped with" is tried before shorter cues.
    public static let all: [RelationPattern] =
        (chinese + english).sorted { $0.cue.count > $1.cue.count }

    /// The pattern whose cue fits the text between two mentions, or nil.
    ///
    /// `between` is normalized (lower-cased, white space collapsed) here. The cue must occur in
    /// it, and the text beside the cue may not exceed the pattern's slack — so "X requires Y"
    /// matches but a long clause that happens to contain "requires" does not.
    public static func match(between: String, in patterns: [RelationPattern] = all) -> RelationPattern? {
        let text = collapse(between)
        guard !text.isEmpty else { return nil }
        for p in patterns where text.contains(p.cue) {
            let rest = text.count - p.cue.count
            if rest <= p.slack, isCueWholeWords(p.cue, in: text) { return p }
        }
        return nil
    }

    /// Lower-cases and collapses runs of white space to one space, trimmed.
    static func collapse(_ s: String) -> String {
        let lowered = s.lowercased()
        return lowered.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// For Latin cues: the cue is not glued to letters on either side ("prerequires").
    static func isCueWholeWords(_ cue: String, in text: String) -> Bool {
        guard cue.unicodeScalars.first.map({ $0.isASCII }) == true,
              let r = text.range(of: cue) else { return true }
        let before = r.lowerBound == text.startIndex ? nil : text[text.index(before: r.lowerBound)]
        let after = r.upperBound == text.endIndex ? nil : text[r.upperBound]
        let isLetter: (Character?) -> Bool = { $0.map { $0.isLetter && $0.isASCII } ?? false }
        return !isLetter(before) && !isLetter(after)
    }
}
