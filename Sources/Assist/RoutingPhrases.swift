import Foundation
import TextAnalysis

/// Matches knowledge phrases in text: plain phrases compared after normalization (NFKC, width,
/// case), with word boundaries when a phrase starts or ends with a Latin letter or digit ("again"
/// is not found in "against"); phrases starting with `re:` are case-insensitive regular
/// expressions. Invalid expressions never match.
public struct PhraseMatcher: Sendable {
    /// Normalized plain phrases.
    let plain: [String]
    /// Regular expression sources.
    let patterns: [String]
    /// The expressions, compiled once (invalid ones left out).
    let compiled: [CompiledPhrase]

    public init(_ phrases: [String]) {
        var plain: [String] = [], patterns: [String] = []
        for p in phrases {
            if p.hasPrefix("re:") { patterns.append(String(p.dropFirst(3))) } else {
                let n = Normalizer.normalize(p).trimmingCharacters(in: .whitespaces)
                if !n.isEmpty { plain.append(n) }
            }
        }
        self.plain = plain
        self.patterns = patterns
        self.compiled = patterns.compactMap { (try? Regex($0).ignoresCase()).map(CompiledPhrase.init) }
    }

    public var isEmpty: Bool { plain.isEmpty && patterns.isEmpty }

    /// The phrases found in `text` (normalized phrase, or the matched text of an expression).
    public func matches(in text: String) -> [String] {
        let normalized = Normalizer.normalize(text)
        var found: [String] = []
        for p in plain where Self.contains(normalized, p) { found.append(p) }
        for c in compiled {
            guard let m = normalized.firstMatch(of: c.regex) else { continue }
            found.append(String(normalized[m.range]))
        }
        return found
    }

    /// Number of distinct phrases found.
    public func hits(in text: String) -> Int { matches(in: text).count }

    /// Whether `phrase` occurs in `text` (both normalized) on Latin word boundaries.
    static func contains(_ text: String, _ phrase: String) -> Bool {
        var searchStart = text.startIndex
        while let r = text.range(of: phrase, range: searchStart..<text.endIndex) {
            let beforeOK = r.lowerBound == text.startIndex || !isWordChar(phrase.first) || !isWordChar(text[text.index(before: r.lowerBound)])
            let afterOK = r.upperBound == text.endIndex || !isWordChar(phrase.last) || !isWordChar(text[r.upperBound])
            if beforeOK && afterOK { return true }
            searchStart = text.index(after: r.lowerBound)
        }
        return false
    }

    static func isWordChar(_ c: Character?) -> Bool {
        guard let c, c.isASCII else { return false }
        return c.isLetter || c.isNumber
    }
}

/// A compiled expression. `Regex` is an immutable value that the standard library does not
/// mark `Sendable`; it is only read (matched) after construction, so sharing it is safe.
struct CompiledPhrase: @unchecked Sendable {
    let regex: Regex<AnyRegexOutput>
}
