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
    /// Confidence of a `has_spec` read from a table row whose label names the entity (the row's
    /// subject is inferred from one cell rather than from the document).
    public static let rowSpecConfidence = 0.8
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
        let subjects = sectionSubjects(documentSubjects: documentSubjects, headingMentions: headingMentions)
        structuralRelations(chunk: chunk, documentSubjects: subjects, rowEntities: Self.surfaceIndex(mentions)).forEach(add)
        headingRelations(chunk: chunk, headingMentions: headingMentions,
                         documentSubjects: documentSubjects).forEach(add)
        patternRelations(chunk: chunk, mentions: mentions).forEach(add)
        return out
    }

    /// The subjects of a chunk's definition lines and table rows: the document's subjects, unless
    /// the document has none or is about something other than a model (a policy, a service, a
    /// feature) and the chunk's innermost heading names an entity: then that entity ("Lanto
    /// Care+" under a warranty policy, "Lanto Wallbox" in a charging manual). A model's spec sheet
    /// keeps its model even under a heading such as "Tyres".
    public func sectionSubjects(documentSubjects: [String], headingMentions: [EntityMention]) -> [String] {
        guard let heading = headingMentions.first?.entityID, !documentSubjects.contains(heading) else { return documentSubjects }
        if documentSubjects.isEmpty { return [heading] }
        let aboutModel = documentSubjects.contains { (entityTypes[$0] ?? "model") == "model" }
        return aboutModel ? documentSubjects : [heading]
    }

    /// Normalized mention surfaces → entity id (the first entity per surface), for row labels.
    static func surfaceIndex(_ mentions: [EntityMention]) -> [String: String] {
        var index: [String: String] = [:]
        for m in mentions where m.source == .lexicon {
            let key = normalizeKey(m.surface)
            if index[key] == nil { index[key] = m.entityID }
        }
        return index
    }

    /// `has_spec` relations from "key: value" lines and "h1: v1; h2: v2" table rows.
    ///
    /// A two-part line gives `attribute = normalizeKey(key)` on the document subjects. A wider
    /// row is read as a labelled row: its first cell is the row label. When the label is exactly
    /// an entity's name (found in `rowEntities`, normalized surface → id), the row describes that
    /// entity: each other cell `h: v` gives it `attribute = normalizeKey(h)` ("Centre: Lanto
    /// Nanjing Jianye Centre; City: Nanjing"). Otherwise every other cell gives the document
    /// subjects `attribute = "normalizeKey(h), normalizeKey(label)"` (a variant's row).
    ///
    /// A two-column table's rows follow its header line "h1 | h2" (`Chunk.tableHeaderSeparator`),
    /// written only when h2 says what the values are (not "Item | Value"). A row whose key names
    /// entities — one, or a comma list of them ("L3, L5: 4–8 weeks") — also gives each of them
    /// `attribute = normalizeKey(h2)`: "Model | Engine oil quantity" then "L3: 4.2 L" is the
    /// L3's engine oil quantity.
    public func structuralRelations(chunk: Chunk, documentSubjects: [String],
                                    rowEntities: [String: String] = [:]) -> [ExtractedRelation] {
        guard !documentSubjects.isEmpty || !rowEntities.isEmpty else { return [] }
        var out: [ExtractedRelation] = []
        func add(_ subject: String, _ attribute: String, _ value: String, confidence: Double = Self.specConfidence) {
            out.append(ExtractedRelation(
                subject: subject, type: "has_spec", object: ExtractedRelation.valuePrefix + value,
                attribute: attribute, confidence: confidence,
                chunkID: chunk.id, method: RelationMethod.structure.rawValue))
        }
        var valueHeader: String?   // the normalized h2 of the two-column table being read
        for line in chunk.text.split(whereSeparator: \.isNewline) {
            let pairs = specCells(in: String(line))
            if pairs.isEmpty, let header = Self.twoColumnHeader(line) {
                valueHeader = header
                continue
            }
            if pairs.count == 1 {
                let key = Self.normalizeKey(pairs[0].0)
                guard !key.isEmpty else { valueHeader = nil; continue }
                for subject in documentSubjects { add(subject, key, pairs[0].1) }
                if let header = valueHeader {
                    for entity in Self.entities(namedBy: key, in: rowEntities) {
                        add(entity, header, pairs[0].1, confidence: Self.rowSpecConfidence)
                    }
                }
                continue
            }
            valueHeader = nil
            if pairs.count > 1 {
                let label = Self.normalizeKey(pairs[0].1)
                if let entity = rowEntities[label] {
                    for (header, value) in pairs.dropFirst() {
                        let key = Self.normalizeKey(header)
                        if !key.isEmpty { add(entity, key, value, confidence: Self.rowSpecConfidence) }
                    }
                    continue
                }
                for (header, value) in pairs.dropFirst() {
                    let key = Self.normalizeKey(header)
                    guard !key.isEmpty else { continue }
                    for subject in documentSubjects { add(subject, label.isEmpty ? key : key + ", " + label, value) }
                }
            }
        }
        return out
    }

    /// The normalized second cell of a two-column table's header line ("Model | Engine oil
    /// quantity (L)" → "engine oil quantity"), or nil when the line is not one.
    static func twoColumnHeader(_ line: Substring) -> String? {
        guard let (_, values) = Chunk.tableHeaderCells(line) else { return nil }
        let header = normalizeKey(values)
        return header.isEmpty ? nil : header
    }

    /// The entities a normalized row key names: the one whose name it is, or one per part of a
    /// comma list when every part names one; none otherwise.
    static func entities(namedBy key: String, in rowEntities: [String: String]) -> [String] {
        if let entity = rowEntities[key] { return [entity] }
        let parts = key.components(separatedBy: ", ")
        guard parts.count > 1 else { return [] }
        var ids: [String] = []
        for part in parts {
            guard let entity = rowEntities[part] else { return [] }
            if !ids.contains(entity) { ids.append(entity) }
        }
        return ids
    }

    /// The raw (key, value) cells of one line: a "key: value" line gives one pair, a table row
    /// "h1: v1; h2: v2" one pair per cell. In a row of two or more cells, a part without a colon
    /// continues the value before it ("Facilities: Sales; Delivery centre" — a value with its own
    /// semicolons); a single definition line must have no such part. Empty when the line is prose.
    func specCells(in line: String) -> [(String, String)] {
        var text = line.trimmingCharacters(in: .whitespaces)
        while let f = text.first, f == "-" || f == "*" || f == "•" {
            text = String(text.dropFirst()).trimmingCharacters(in: .whitespaces)
        }
        var parts: [(String, String)] = []   // (cell, separator before it)
        for (i, piece) in text.components(separatedBy: "; ").enumerated() {
            for (j, cell) in piece.components(separatedBy: "；").enumerated() {
                parts.append((cell, i == 0 && j == 0 ? "" : (j == 0 ? "; " : "；")))
            }
        }
        var pairs: [(String, String)] = []
        var loose = 0
        for (cell, separator) in parts {
            if let pair = splitKeyValue(cell) {
                pairs.append(pair)
            } else if let last = pairs.last, !cell.trimmingCharacters(in: .whitespaces).isEmpty {
                pairs[pairs.count - 1] = (last.0, last.1 + separator + cell.trimmingCharacters(in: .whitespaces))
                loose += 1
            } else {
                return []
            }
        }
        if loose > 0 && pairs.count < 2 { return [] }
        return pairs
    }

    /// Splits "key: value" (ASCII or full-width colon) when the key is short and not prose and the
    /// value is at most one sentence.
    func splitKeyValue(_ cell: String) -> (String, String)? {
        guard let r = cell.range(of: ": ") ?? cell.range(of: "：") else { return nil }
        let key = cell[..<r.lowerBound].trimmingCharacters(in: .whitespaces)
        let value = cell[r.upperBound...].trimmingCharacters(in: .whitespaces)
        guard !key.isEmpty, !value.isEmpty, key.count <= maxKeyLength,
              !Self.hasSentencePunctuation(key),
              key.split(separator: " ").count <= 10,
              value.count <= maxValueLength, SentenceSplitter.split(value).count == 1 else { return nil }
        return (key, value)
    }

    /// Whether a key reads like prose: it holds a sentence mark (。!?！？, or a "." that is not a
    /// decimal point between digits, so "AC 0–100% (6.6 kW)" is still a key).
    static func hasSentencePunctuation(_ key: String) -> Bool {
        let chars = Array(key)
        for (i, ch) in chars.enumerated() where ".。!?！？".contains(ch) {
            if ch == ".", i > 0, i + 1 < chars.count, chars[i - 1].isNumber, chars[i + 1].isNumber { continue }
            return true
        }
        return false
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
