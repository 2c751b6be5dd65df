import Foundation
import KnowledgeModel
import TextAnalysis

/// Finds typed relations in one chunk: structural ones (table rows, definition lines, section
/// headings) and lexical patterns between two entity mentions in one sentence.
///
/// The extractor does not find entities itself: it receives the chunk's mentions (UTF-16
/// offsets into `chunk.text`) and the ids of the entities the document is about.
public struct RelationExtractor: Sendable {
    /// Confidence of a `has_spec` read from a table row or a "key: value" line.
    public static let specConfidence = 0.9
    /// Confidence of a `has_feature` read from a section heading.
    public static let headingFeatureConfidence = 0.8
    /// Confidence of a lexical pattern match.
    public static let patternConfidence = 0.85

    /// The lexical patterns tried between mentions.
    public var patterns: [RelationPattern]
    /// Entity types by id (`model`, `feature`, ...); used for heading features. May be empty.
    public var entityTypes: [String: String]
    /// Longest key (in characters) a "key: value" line may have; longer ones are prose.
    public var maxKeyLength: Int
    /// Longest value (in characters) a "key: value" line may have.
    public var maxValueLength: Int

    /// Creates an extractor with the default pattern table.
    public init(patterns: [RelationPattern] = RelationPatterns.all,
                entityTypes: [String: String] = [:], maxKeyLength: Int = 60, maxValueLength: Int = 160) {
        self.patterns = patterns
        self.entityTypes = entityTypes
        self.maxKeyLength = maxKeyLength
        self.maxValueLength = maxValueLength
    }

    /// All relations of one chunk, structural first, without duplicates.
    ///
    /// - Parameters:
    ///   - chunk: the chunk to read.
    ///   - mentions: entity mentions in `chunk.text`.
    ///   - documentSubjects: ids of the entities the document is about (e.g. the model in its title).
    ///   - headingMentions: mentions found in the chunk's innermost heading (offsets unused).
    public func relations(chunk: Chunk, mentions: [EntityMention], documentSubjects: [String],
                          headingMentions: [EntityMention] = []) -> [ExtractedRelation] {
        var out: [ExtractedRelation] = []
        var seen = Set<String>()
        func add(_ r: ExtractedRelation) {
            let key = "\(r.subject)\u{1}\(r.type)\u{1}\(r.object)\u{1}\(r.attribute ?? "")"
            if seen.insert(key).inserted { out.append(r) }
        }
        structuralRelations(chunk: chunk, documentSubjects: documentSubjects).forEach(add)
        headingRelations(chunk: chunk, headingMentions: headingMentions,
                         documentSubjects: documentSubjects).forEach(add)
        patternRelations(chunk: chunk, mentions: mentions).forEach(add)
        return out
    }

    /// `has_spec` relations from "key: value" lines and "h1: v1; h2: v2" table rows.
    ///
    /// A two-part line gives `attribute = normalizeKey(key)`. A wider row is read as a labelled
    /// row: its first cell is the row label, every other cell `h: v` gives
    /// `attribute = "normalizeKey(h), normalizeKey(label)"`.
    public func structuralRelations(chunk: Chunk, documentSubjects: [String]) -> [ExtractedRelation] {
        guard !documentSubjects.isEmpty else { return [] }
        var out: [ExtractedRelation] = []
        for line in chunk.text.split(whereSeparator: \.isNewline) {
            for (attribute, value) in specPairs(in: String(line)) {
                for subject in documentSubjects {
                    out.append(ExtractedRelation(
                        subject: subject, type: "has_spec", object: ExtractedRelation.valuePrefix + value,
                        attribute: attribute, confidence: Self.specConfidence,
                        chunkID: chunk.id, method: RelationMethod.structure.rawValue))
                }
            }
        }
        return out
    }

    /// The (attribute, value) pairs of one line, or none when the line is not a definition/row.
    func specPairs(in line: String) -> [(String, String)] {
        var text = line.trimmingCharacters(in: .whitespaces)
        while let f = text.first, f == "-" || f == "*" || f == "•" {
            text = String(text.dropFirst()).trimmingCharacters(in: .whitespaces)
        }
        let cells = text.components(separatedBy: "; ").flatMap { $0.components(separatedBy: "；") }
        let pairs = cells.compactMap(splitKeyValue)
        guard !pairs.isEmpty, pairs.count == cells.count else { return [] }
        if pairs.count == 1 {
            let key = Self.normalizeKey(pairs[0].0)
            return key.isEmpty ? [] : [(key, pairs[0].1)]
        }
        let label = Self.normalizeKey(pairs[0].1)
        return pairs.dropFirst().compactMap { (header, value) in
            let key = Self.normalizeKey(header)
            guard !key.isEmpty else { return nil }
            return (label.isEmpty ? key : key + ", " + label, value)
        }
    }

    /// Splits "key: value" (ASCII or full-width colon) when the key is short and not prose and the
    /// value is at most one sentence.
    func splitKeyValue(_ cell: String) -> (String, String)? {
        guard let r = cell.range(of: ": ") ?? cell.range(of: "：") else { return nil }
        let key = cell[..<r.lowerBound].trimmingCharacters(in: .whitespaces)
        let value = cell[r.upperBound...].trimmingCharacters(in: .whitespaces)
        guard !key.isEmpty, !value.isEmpty, key.count <= maxKeyLength,
              !key.contains(where: { ".。!?！？".contains($0) }),
              key.split(separator: " ").count <= 10,
              value.count <= maxValueLength, SentenceSplitter.split(value).count == 1 else { return nil }
        return (key, value)
    }

    /// Normalizes an attribute key: NFKC + lower case, parenthesized parts dropped (units,
    /// test cycles), full-width commas unified, white space collapsed. "Range (CLTC)" → "range".
    public static func normalizeKey(_ key: String) -> String {
        var out = ""
        var depth = 0
        for ch in Normalizer.normalize(key) {
            switch ch {
            case "(", "（": depth += 1
            case ")", "）": depth = max(0, depth - 1)
            case "，", "、": if depth == 0 { out.append(",") }
            default: if depth == 0 { out.append(ch) }
            }
        }
        let parts = out.split(separator: ",").map {
            $0.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        }.filter { !$0.isEmpty }
        return parts.joined(separator: ", ")
    }

    /// `model —has_feature→ feature` when the chunk's heading mentions a feature entity.
    ///
    /// The subject must be a model (when its type is known) and the mention a feature
    /// (its type must be known as `feature`).
    public func headingRelations(chunk: Chunk, headingMentions: [EntityMention],
                                 documentSubjects: [String]) -> [ExtractedRelation] {
        var out: [ExtractedRelation] = []
        for subject in documentSubjects where (entityTypes[subject] ?? "model") == "model" {
            for m in headingMentions where entityTypes[m.entityID] == "feature" && m.entityID != subject {
                out.append(ExtractedRelation(
                    subject: subject, type: "has_feature", object: m.entityID,
                    confidence: Self.headingFeatureConfidence, chunkID: chunk.id,
                    method: RelationMethod.structure.rawValue))
            }
        }
        return out
    }

    /// Pattern relations: for each sentence, each ordered pair of non-overlapping mentions
    /// whose in-between text fits a cue of the pattern table.
    public func patternRelations(chunk: Chunk, mentions: [EntityMention]) -> [ExtractedRelation] {
        let text = chunk.text
        var out: [ExtractedRelation] = []
        for sentence in SentenceRanges.ranges(in: text) {
            let inside = mentions.filter { $0.start >= sentence.lowerBound && $0.end <= sentence.upperBound }
                .sorted { ($0.start, $0.end) < ($1.start, $1.end) }
            guard inside.count >= 2 else { continue }
            for (i, a) in inside.enumerated() {
                // Only the nearest following mentions: "X requires Y" reads X with the next entity.
                for b in inside[(i + 1)...] where b.start >= a.end && b.entityID != a.entityID {
                    guard let between = SentenceRanges.substring(text, a.end, b.start),
                          let p = RelationPatterns.match(between: between, in: patterns) else { continue }
                    out.append(ExtractedRelation(
                        subject: a.entityID, type: p.type, object: b.entityID,
                        confidence: Self.patternConfidence, chunkID: chunk.id,
                        method: RelationMethod.pattern.rawValue))
                    break
                }
            }
        }
        return out
    }

    /// The relations a lexicon declares (`relations` of each entity), method `lexicon`,
    /// confidence 1.0; `chunkID` is `"lexicon"`.
    public static func lexiconRelations(_ entities: [LexiconEntity]) -> [ExtractedRelation] {
        entities.flatMap { e in
            e.relations.map {
                ExtractedRelation(subject: e.id, type: $0.type, object: $0.target, confidence: 1.0,
                                  chunkID: "lexicon", method: RelationMethod.lexicon.rawValue)
            }
        }
    }
}
