import KnowledgeModel
import TextAnalysis

/// Finds lexicon entities (by name or alias) and code-like ids in free text.
///
/// * Every name and alias is normalized (`Normalizer.normalize`: NFKC, width and case
///   folding) and put into one `AhoCorasick` automaton; texts are normalized the same way
///   with a map back to the original text's UTF-16 offsets.
/// * A surface form that belongs to two or more entities is ambiguous: it is kept for none of
///   them and reported in `conflicts`.
/// * Matches are resolved leftmost-longest and never overlap. A match that starts or ends
///   with a Latin letter or digit must sit on a word boundary ("pro" is not found in
///   "product", "e7" not in "be7x"); CJK needs no boundaries.
/// * Optionally, `CodePatterns` (fault codes, campaign codes, VINs, part numbers) add
///   `.pattern` mentions with ids `code:<normalized code>` where no lexicon match covers
///   the text.
public struct EntityMatcher: Sendable {
    /// A surface form (normalized) claimed by more than one entity; it is matched for none.
    public struct AliasConflict: Sendable, Hashable, Codable {
        /// The normalized surface form.
        public var surface: String
        /// The entities that claim it, sorted.
        public var entityIDs: [String]
    }

    /// Ambiguous surface forms found while building, sorted by surface.
    public let conflicts: [AliasConflict]
    /// Whether `mentions(in:)` also reports code patterns.
    public var includesCodePatterns: Bool
    /// Number of distinct surface forms in the automaton.
    public var surfaceCount: Int { automaton.patterns.count }

    private let automaton: AhoCorasick<String>

    /// Builds a matcher from lexicon entities (their names and aliases).
    /// - Parameters:
    ///   - entities: the lexicon.
    ///   - includeCodePatterns: also report fault codes, campaign codes, VINs and part
    ///     numbers as `.pattern` mentions.
    public init(entities: [LexiconEntity], includeCodePatterns: Bool = true) {
        var owners: [String: Set<String>] = [:]
        var order: [String] = []
        for e in entities {
            for surface in [e.name] + e.aliases {
                let key = Self.trimmed(Normalizer.normalize(surface))
                guard !key.isEmpty else { continue }
                if owners[key] == nil { order.append(key) }
                owners[key, default: []].insert(e.id)
            }
        }
        var entries: [([UInt32], String)] = []
        var conflicts: [AliasConflict] = []
        for key in order {
            let ids = owners[key] ?? []
            if ids.count == 1, let only = ids.first {
                entries.append((key.unicodeScalars.map(\.value), only))
            } else if ids.count > 1 {
                conflicts.append(AliasConflict(surface: key, entityIDs: ids.sorted()))
            }
        }
        self.conflicts = conflicts.sorted { $0.surface < $1.surface }
        self.automaton = AhoCorasick(scalarEntries: entries)
        self.includesCodePatterns = includeCodePatterns
    }

    /// The entity mentions in `text`, ordered by position, non-overlapping; offsets are
    /// UTF-16 offsets into `text` and `surface` is the original substring.
    public func mentions(in text: String) -> [EntityMention] {
        let mapped = SourceMappedText(text)
        let spans = lexiconSpans(mapped.scalars)
        var result: [(start: Int, end: Int, id: String, source: EntityMention.Source)] =
            spans.map { ($0.start, $0.end, automaton.values[$0.patternIndex], .lexicon) }
        if includesCodePatterns {
            var covered = [Bool](repeating: false, count: mapped.count)
            for s in spans { for k in s.start..<s.end { covered[k] = true } }
            for code in CodePatterns.scan(mapped.scalars) where !covered[code.start..<code.end].contains(true) {
                result.append((code.start, code.end, "code:" + code.code, .pattern))
            }
            result.sort { $0.start < $1.start }
        }
        var text = text
        return text.withUTF8 { bytes in
            result.map { r in
                let u8 = mapped.utf8Range(r.start, r.end), u16 = mapped.utf16Range(r.start, r.end)
                let surface = String(decoding: UnsafeBufferPointer(rebasing: bytes[u8]), as: UTF8.self)
                return EntityMention(entityID: r.id, surface: surface, start: u16.lowerBound,
                                     end: u16.upperBound, source: r.source)
            }
        }
    }

    /// The distinct entity ids mentioned in `text` (lexicon and, if enabled, code patterns).
    public func entityIDs(in text: String) -> Set<String> {
        Set(mentions(in: text).map(\.entityID))
    }

    /// Leftmost-longest, non-overlapping automaton matches that respect word boundaries.
    func lexiconSpans(_ scalars: [UInt32]) -> [AhoCorasick<String>.Match] {
        var candidates: [AhoCorasick<String>.Match] = []
        let n = scalars.count
        automaton.forEachMatch(in: scalars) { m in
            if ScriptClass.isWord(scalars[m.start]), m.start > 0, ScriptClass.isWord(scalars[m.start - 1]) { return }
            if ScriptClass.isWord(scalars[m.end - 1]), m.end < n, ScriptClass.isWord(scalars[m.end]) { return }
            candidates.append(m)
        }
        // Leftmost first, then longest; greedily keep those that do not overlap.
        candidates.sort { $0.start != $1.start ? $0.start < $1.start : $0.end > $1.end }
        var chosen: [AhoCorasick<String>.Match] = []
        var frontier = 0
        for m in candidates where m.start >= frontier {
            chosen.append(m)
            frontier = m.end
        }
        return chosen
    }

    /// `text` without leading and trailing white space.
    private static func trimmed(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var a = 0, b = scalars.count
        while a < b && scalars[a].properties.isWhitespace { a += 1 }
        while b > a && scalars[b - 1].properties.isWhitespace { b -= 1 }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[a..<b])
        return String(view)
    }
}
