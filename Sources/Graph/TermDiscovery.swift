import Foundation
import KnowledgeModel
import TextAnalysis

/// A possible new domain term found by `TermDiscovery`, for an editor to accept or reject
/// (candidates are never added to the lexicon automatically).
public struct TermCandidate: Sendable, Hashable, Codable {
    /// The language a candidate was found in.
    public enum Language: String, Sendable, Codable {
        /// A Chinese character n-gram.
        case chinese
        /// An English word n-gram.
        case english
    }

    /// The normalized term ("胎压监测", "battery thermal management").
    public var term: String
    /// Which discoverer found it.
    public var language: Language
    /// Occurrences in the corpus.
    public var frequency: Int
    /// Ranking score (higher is better); see `TermDiscovery` for the formulas.
    public var score: Double
    /// Up to three distinct short contexts from the original texts.
    public var examples: [String]
}

/// Finds candidate domain terms in a corpus of texts.
///
/// **Chinese**: every character n-gram (lengths `chineseLengths`, default 2–6) inside runs of
/// CJK ideographs that occurs at least `minFrequency` times is scored by
/// * *cohesion* — the pointwise mutual information of its weakest binary split,
///   `min over splits (a, b) of ln(p(ab) / (p(a) p(b)))`, with `p(x) = count(x) / N` and `N`
///   the number of CJK characters: a real term is more frequent than its halves would
///   predict at every split;
/// * *branching entropy* — the entropy (nats) of the characters seen left and right of it (a
///   run boundary counts as a fresh neighbour each time): a real term occurs in varied
///   contexts, while a fragment of a longer term has one dominant neighbour.
///
/// `score = ln(1 + frequency) × cohesion × min(leftEntropy, rightEntropy)`; candidates need cohesion ≥
/// `minCohesion` and both entropies ≥ `minEntropy`, and may not start or end with a
/// Chinese stop character (的, 了, 是, ...).
///
/// **English**: word n-grams (lengths `englishLengths`, default 2–4) that do not cross
/// punctuation, have no stopword or pure number at either end and occur at least
/// `minFrequency` times; `score = ln(1 + frequency) × PMI`, where PMI is the average
/// pointwise mutual information per word boundary, `ln(count(w1..wn) · N^(n-1) / Π count(wi)) / (n - 1)`.
///
/// In both languages a candidate is dropped when a longer candidate containing it accounts
/// for at least `subsumption` of its occurrences ("thermal management" inside "battery
/// thermal management"), and anything equal to or contained in a lexicon name or alias is
/// excluded.
public struct TermDiscovery: Sendable {
    /// Tuning knobs.
    public struct Options: Sendable {
        /// Minimum number of occurrences.
        public var minFrequency = 3
        /// Chinese n-gram lengths, in characters.
        public var chineseLengths = 2...6
        /// English n-gram lengths, in words.
        public var englishLengths = 2...4
        /// Minimum Chinese cohesion (nats).
        public var minCohesion = 1.0
        /// Minimum left and right branching entropy for Chinese (nats).
        public var minEntropy = 0.5
        /// Minimum English average PMI (nats).
        public var minPMI = 1.0
        /// Share of a candidate's occurrences inside a longer candidate that drops it.
        public var subsumption = 0.8
        /// At most this many candidates are returned.
        public var limit = 200
        /// Creates the default options.
        public init() {}
    }

    /// The options in use.
    public var options: Options
    /// Normalized lexicon names and aliases; candidates equal to or inside one are excluded.
    let known: [String]

    /// Creates a discoverer that excludes everything `lexicon` already names.
    public init(lexicon: [LexiconEntity] = [], options: Options = Options()) {
        self.options = options
        var surfaces = Set<String>()
        for e in lexicon {
            for s in [e.name] + e.aliases { surfaces.insert(Normalizer.normalize(s)) }
        }
        known = surfaces.sorted()
    }

    /// Candidate terms in `texts`, best first.
    public func discover(in texts: [String]) -> [TermCandidate] {
        let docs = texts.map { SourceMappedText($0) }
        var found = chineseCandidates(docs, texts) + englishCandidates(docs, texts)
        found.removeAll { c in known.contains { $0.contains(c.term) } }
        found.sort { $0.score != $1.score ? $0.score > $1.score : $0.term < $1.term }
        return Array(found.prefix(options.limit))
    }

    /// A place in the corpus: document, scalar range.
    struct Occurrence { var doc: Int; var start: Int; var end: Int }

    /// Up to three distinct original-text contexts (about 12 characters around) for `occ`.
    static func examples(_ occ: [Occurrence], _ docs: [SourceMappedText], _ texts: [String]) -> [String] {
        var out: [String] = []
        for o in occ {
            let d = docs[o.doc]
            let a = max(0, o.start - 12), b = min(d.count, o.end + 12)
            let r = d.utf8Range(a, b)
            var text = texts[o.doc]
            let snippet = text.withUTF8 { String(decoding: UnsafeBufferPointer(rebasing: $0[r]), as: UTF8.self) }
                .replacingOccurrences(of: "\n", with: " ")
            if !out.contains(snippet) { out.append(snippet) }
            if out.count == 3 { break }
        }
        return out
    }

    /// Every proper contiguous sub-range of `0..<n` with at least two elements.
    static func subranges(_ n: Int) -> [Range<Int>] {
        guard n > 2 else { return [] }
        var out: [Range<Int>] = []
        for length in 2..<n { for a in 0...(n - length) { out.append(a..<a + length) } }
        return out
    }

    /// Removes candidates mostly seen inside a longer candidate. `parts` lists the shorter
    /// keys contained in a key (every contiguous sub-n-gram of two or more units).
    static func dropSubsumed<K: Hashable>(_ counts: [K: Int], threshold: Double, parts: (K) -> [K]) -> Set<K> {
        var dropped = Set<K>()
        for (key, f) in counts {
            for p in parts(key) {
                if let pf = counts[p], Double(f) >= threshold * Double(pf) { dropped.insert(p) }
            }
        }
        return dropped
    }

    /// Entropy (nats) of a neighbour distribution; `fresh` boundary neighbours count as
    /// distinct singletons.
    static func entropy(_ counts: [UInt32: Int], fresh: Int) -> Double {
        let total = Double(counts.values.reduce(0, +) + fresh)
        guard total > 0 else { return 0 }
        var h = 0.0
        for c in counts.values {
            let p = Double(c) / total
            h -= p * log(p)
        }
        if fresh > 0 { h += Double(fresh) * (1 / total) * log(total) }
        return h
    }
}
