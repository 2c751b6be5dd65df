import Foundation
import Learning
import TextAnalysis

/// Turns a text into hashed sparse features for the linear classifiers (before IDF weighting).
///
/// The text is normalized (`Normalizer`) and split into clauses at punctuation; per clause:
/// * **words** — `Analyzer.terms` with stopwords kept ("not", "how" matter here): stemmed Latin
///   words, codes, CJK character unigrams and bigrams;
/// * **word bigrams and trigrams** — adjacent Latin words ("not good", "credit score");
/// * **Latin character n-grams** over each `<word>` with boundary markers (robust to typos);
/// * **CJK character n-grams** of lengths `cjk_ngram_min...cjk_ngram_max` inside each CJK run;
/// * **negation / intensifier marks** (see `SentimentLexicon`);
/// * **polarity classes** (`polarity_weight` > 0): one feature per polar word of the lexicon
///   (`SentimentLexicon.englishPositive`, ...) that names only its class — `+` or `-`, `¬+`/`¬-`
///   inside a negation's scope, plus `↑+`/`↑-`/`↑¬+`/`↑¬-` after an intensifier — so a few
///   weights cover polar words the training set never showed.
///
/// Each feature family is hashed with `StableHash` under its own tag byte into `2^hash_bits`
/// buckets; a feature's value is `familyWeight · (1 + ln tf)` (or `tf`). Features of different
/// families colliding in one bucket add up. The same text always gives the same features.
public struct TextFeaturizer: Sendable {
    /// Feature switches and weights (only the feature fields are read).
    public let config: ClassifierConfig
    let analyzer: Analyzer
    let mask: UInt64
    /// Stemmed English negators and intensifiers (as the analyzer spells them).
    let negators: Set<String>
    /// English negators as written (lowercase), for the character pass.
    let surfaceNegators: Set<String>
    let intensifiers: Set<String>
    /// Chinese negators and intensifiers as scalar arrays, longest first.
    let chineseNegators: [[UInt32]]
    let chineseIntensifiers: [[UInt32]]
    /// Polar English stems: true = positive, false = negative.
    let englishPolarity: [String: Bool]
    /// Chinese polar (+1 / -1) and non-polar (0) words by first scalar, longest first.
    let chinesePolarity: [UInt32: [(word: [UInt32], polarity: Int8)]]

    /// Family tags; the tag is hashed first, so "ab" as a word and as an n-gram differ.
    enum Family: UInt64, CaseIterable {
        case word = 0, bigram, latin, cjk, negated, intensified, negatedLatin, trigram, polarity, edge
        var tag: UInt8 { UInt8(0x41 + rawValue) }
    }

    /// A featurizer for `config`'s feature settings.
    public init(config: ClassifierConfig) {
        self.config = config
        self.mask = (UInt64(1) << UInt64(config.hashBits)) - 1
        let analyzer = Analyzer(options: AnalyzerOptions(stem: config.stem, removeStopwords: false, lexiconWords: false))
        self.analyzer = analyzer
        func stemmed(_ words: [String]) -> Set<String> {
            Set(words.flatMap { analyzer.terms(Normalizer.normalize($0)) })
        }
        negators = stemmed(SentimentLexicon.englishNegators)
        surfaceNegators = Set(SentimentLexicon.englishNegators.map { Normalizer.normalize($0) })
        intensifiers = stemmed(SentimentLexicon.englishIntensifiers)
        func scalars(_ words: [String]) -> [[UInt32]] {
            words.map { $0.unicodeScalars.map(\.value) }.sorted { $0.count > $1.count }
        }
        chineseNegators = scalars(SentimentLexicon.chineseNegators)
        chineseIntensifiers = scalars(SentimentLexicon.chineseIntensifiers)
        // The intent models (polarity_weight 0) never read the tables: they are left empty.
        (englishPolarity, chinesePolarity) = config.polarityWeight > 0
            ? TextFeaturizer.polarityTables(analyzer: analyzer, negators: negators, intensifiers: intensifiers)
            : ([:], [:])
    }

    /// The lexicon's polar words as the featurizer matches them. English words are stemmed like
    /// the word features; a word giving several terms, a stem that is also a negator or an
    /// intensifier, and a stem in both lists are dropped.
    static func polarityTables(analyzer: Analyzer, negators: Set<String>, intensifiers: Set<String>)
        -> ([String: Bool], [UInt32: [(word: [UInt32], polarity: Int8)]]) {
        var english: [String: Bool] = [:], conflicting: Set<String> = []
        for (words, positive) in [(SentimentLexicon.englishPositive, true), (SentimentLexicon.englishNegative, false)] {
            for w in words {
                let terms = analyzer.terms(Normalizer.normalize(w))
                guard terms.count == 1, let t = terms.first, !negators.contains(t), !intensifiers.contains(t) else { continue }
                if let old = english[t], old != positive { conflicting.insert(t) }
                english[t] = positive
            }
        }
        for t in conflicting { english[t] = nil }
        var chinese: [UInt32: [(word: [UInt32], polarity: Int8)]] = [:]
        var seen: Set<[UInt32]> = []
        for (words, polarity) in [(SentimentLexicon.chineseNonPolar, Int8(0)), (SentimentLexicon.chinesePositive, 1),
                                  (SentimentLexicon.chineseNegative, -1)] {
            for w in words {
                let s = Normalizer.normalize(w).unicodeScalars.map(\.value)
                guard let first = s.first, seen.insert(s).inserted else { continue }
                chinese[first, default: []].append((s, polarity))
            }
        }
        for k in chinese.keys { chinese[k]!.sort { $0.word.count > $1.word.count } }
        return (english, chinese)
    }

    /// Number of buckets, `2^hash_bits`.
    public var bucketCount: Int { Int(mask) + 1 }

    /// The features of `text`: distinct buckets in increasing order with their values.
    public func features(_ text: String) -> (buckets: [Int32], values: [Float]) {
        var keys: [UInt64] = []
        keys.reserveCapacity(256)
        let normalized = Normalizer.normalize(text)
        var edges = EdgeUnits()
        let edgesOn = config.edgeWeight > 0
        for clause in TextFeaturizer.clauses(normalized) { clauseKeys(clause, into: &keys, edges: &edges, collectEdges: edgesOn) }
        if edgesOn { edgeKeys(edges, into: &keys) }
        keys.sort()
        var buckets: [Int32] = [], values: [Float] = []
        var i = 0
        while i < keys.count {
            var j = i + 1
            while j < keys.count && keys[j] == keys[i] { j += 1 }
            let bucket = Int32(truncatingIfNeeded: keys[i] >> 4)
            let tf = Float(j - i)
            let value = weight(Int(keys[i] & 15)) * (config.sublinearTF ? 1 + logf(tf) : tf)
            if let last = buckets.last, last == bucket {
                values[values.count - 1] += value
            } else {
                buckets.append(bucket)
                values.append(value)
            }
            i = j
        }
        return (buckets, values)
    }

    private func weight(_ family: Int) -> Float {
        switch family {
        case 0, 4, 5: return config.wordWeight
        case 1: return config.wordBigramWeight
        case 2, 6: return config.latinNgramWeight
        case 7: return config.wordTrigramWeight
        case 8: return config.polarityWeight
        case 9: return config.edgeWeight
        default: return config.cjkNgramWeight
        }
    }

    /// Clause boundaries: punctuation that ends a negation's reach.
    static let clauseBreaks: Set<Character> = [",", ".", ";", ":", "!", "?", "\n", "、", "。", "，", "；", "！", "？", "…", "~"]

    /// `text` split at clause punctuation (empty clauses dropped).
    static func clauses(_ text: String) -> [Substring] {
        text.split(whereSeparator: { clauseBreaks.contains($0) })
    }

    // MARK: - One clause

    /// The units (Latin words and CJK characters, across clauses, in order) the edge features
    /// read: the first two and the last two only.
    struct EdgeUnits {
        var head: [String] = []
        var beforeLast: String?
        var last: String?

        mutating func append(_ unit: String) {
            if head.count < 2 { head.append(unit) }
            beforeLast = last
            last = unit
        }
    }

    /// The utterance's edges: its first and last unit and its first and last pair of units.
    private func edgeKeys(_ units: EdgeUnits, into keys: inout [UInt64]) {
        guard let first = units.head.first, let last = units.last else { return }
        add("^" + first, .edge, &keys)
        add(last + "$", .edge, &keys)
        guard units.head.count >= 2, let beforeLast = units.beforeLast else { return }
        add("^" + first + " " + units.head[1], .edge, &keys)
        add(beforeLast + " " + last + "$", .edge, &keys)
    }

    private func clauseKeys(_ clause: Substring, into keys: inout [UInt64], edges: inout EdgeUnits, collectEdges: Bool) {
        let text = String(clause)
        let terms = analyzer.terms(text)
        if collectEdges {
            // A CJK run's terms are each character's unigram followed by its bigram: the units
            // are the single characters and the Latin words.
            for term in terms {
                guard let first = term.unicodeScalars.first else { continue }
                if !TextFeaturizer.isCJK(first.value) || term.unicodeScalars.count == 1 { edges.append(term) }
            }
        }
        var latin: [String] = []
        var negLeft = 0, intensify = false
        let polarityOn = config.polarityWeight > 0
        for term in terms {
            guard let first = term.unicodeScalars.first, !TextFeaturizer.isCJK(first.value) else {
                add(term, .word, &keys)            // CJK unigram/bigram; marks come from the scalar pass
                continue
            }
            if config.negationScope > 0 && negators.contains(term) {
                negLeft = config.negationScope
                add(term, .word, &keys)
                latin.append(term)
                continue
            }
            if polarityOn, let positive = englishPolarity[term] {
                addPolarity(positive ? 1 : -1, negated: negLeft > 0, intensified: intensify, &keys)
            }
            if negLeft > 0 {
                add(term, .negated, &keys)
                latin.append("¬" + term)
                negLeft -= 1
            } else {
                add(term, .word, &keys)
                latin.append(term)
            }
            if intensify { add(term, .intensified, &keys) }
            intensify = config.markIntensifiers && intensifiers.contains(term)
        }
        if config.wordBigramWeight > 0 && latin.count >= 2 {
            for k in 0..<(latin.count - 1) { add(latin[k] + " " + latin[k + 1], .bigram, &keys) }
        }
        if config.wordTrigramWeight > 0 && latin.count >= 3 {
            for k in 0..<(latin.count - 2) { add(latin[k] + " " + latin[k + 1] + " " + latin[k + 2], .trigram, &keys) }
        }
        characterFeatures(text, into: &keys)
    }

    @inline(__always)
    private func add(_ s: String, _ family: Family, _ keys: inout [UInt64]) {
        var h = StableHash()
        h.combine(byte: family.tag)
        h.combine(string: s)
        keys.append(UInt64(h.bucket(mask: mask)) << 4 | family.rawValue)
    }

    @inline(__always)
    private func add(_ scalars: ArraySlice<UInt32>, _ family: Family, _ keys: inout [UInt64]) {
        var h = StableHash()
        h.combine(byte: family.tag)
        for s in scalars { h.combine(scalar: s) }
        h.combine(byte: 0xFF)
        keys.append(UInt64(h.bucket(mask: mask)) << 4 | family.rawValue)
    }

    /// The polarity-class feature of one polar word (and its intensified variant).
    private func addPolarity(_ polarity: Int8, negated: Bool, intensified: Bool, _ keys: inout [UInt64]) {
        let name = TextFeaturizer.polarityNames[(polarity > 0 ? 0 : 1) + (negated ? 2 : 0)]
        add(name, .polarity, &keys)
        if intensified { add("↑" + name, .polarity, &keys) }
    }

    /// Polarity classes: positive, negative, negated positive, negated negative.
    static let polarityNames = ["+", "-", "¬+", "¬-"]

    /// Latin character n-grams of each word, CJK n-grams and CJK negation/intensifier marks of each run.
    private func characterFeatures(_ text: String, into keys: inout [UInt64]) {
        let latinOn = config.latinNgramWeight > 0 && config.latinNgramMax >= config.latinNgramMin
        var word: [UInt32] = [0x3C], run: [UInt32] = []
        var negLeft = 0
        let scope = config.negationScope
        func flushWord() {
            if word.count > 1 && word.count <= 41 && latinOn {
                var family = Family.latin
                if scope > 0 {
                    var surface = String.UnicodeScalarView()
                    for s in word.dropFirst() { if let u = Unicode.Scalar(s) { surface.append(u) } }
                    if surfaceNegators.contains(String(surface)) {
                        negLeft = scope
                    } else if negLeft > 0 {
                        family = .negatedLatin
                        negLeft -= 1
                    }
                }
                word.append(0x3E)
                ngrams(word[...], family, config.latinNgramMin, config.latinNgramMax, &keys)
            }
            word.removeSubrange(1...)
        }
        func flushRun() {
            if !run.isEmpty { cjkRun(run, &keys) }
            run.removeAll(keepingCapacity: true)
        }
        for scalar in text.unicodeScalars {
            let s = scalar.value
            if TextFeaturizer.isCJK(s) {
                flushWord(); run.append(s)
            } else if scalar.properties.isAlphabetic || scalar.properties.numericType == .decimal || s == 0x27 {
                flushRun(); word.append(s)
            } else {
                flushWord(); flushRun()
            }
        }
        flushWord(); flushRun()
    }

    private func cjkRun(_ run: [UInt32], _ keys: inout [UInt64]) {
        if config.cjkNgramWeight > 0 && config.cjkNgramMax >= config.cjkNgramMin {
            ngrams(run[...], .cjk, config.cjkNgramMin, config.cjkNgramMax, &keys)
        }
        if config.polarityWeight > 0 { cjkPolarity(run, &keys) }
        let scope = config.negationScope
        guard scope > 0 || config.markIntensifiers else { return }
        var i = 0
        while i < run.count {
            if scope > 0, let n = TextFeaturizer.match(chineseNegators, run, at: i) {
                let end = min(run.count, i + n + scope + 1)
                mark(run, from: i + n, to: end, .negated, &keys)
                i += n
            } else if config.markIntensifiers, let n = TextFeaturizer.match(chineseIntensifiers, run, at: i) {
                mark(run, from: i + n, to: min(run.count, i + n + 2), .intensified, &keys)
                i += n
            } else {
                i += 1
            }
        }
    }

    /// Polarity features of one CJK run: at each position the longest of a lexicon word (polar or
    /// non-polar), a negator and an intensifier is taken — a negator or intensifier only when it
    /// is longer than the word there or when it and the polar word after it reach further
    /// ("不满意" is 不 + 满意, "不错" stays one word, "好差" is 好 + 差). A polar word is negated when it
    /// starts within `negation_scope + 1` characters after a negator, intensified within 2
    /// characters after an intensifier (the spans of the character marks).
    private func cjkPolarity(_ run: [UInt32], _ keys: inout [UInt64]) {
        let scope = config.negationScope
        var i = 0, negatedUntil = 0, intensifiedUntil = 0
        while i < run.count {
            let word = polarWord(run, at: i)
            let wordEnd = i + (word?.length ?? 0)
            let n = scope > 0 ? TextFeaturizer.match(chineseNegators, run, at: i) ?? 0 : 0
            let t = config.markIntensifiers ? TextFeaturizer.match(chineseIntensifiers, run, at: i) ?? 0 : 0
            let m = max(n, t)
            if m > 0 {
                var modifierWins = m > wordEnd - i
                if !modifierWins, let next = polarWord(run, at: i + m), next.polarity != 0 {
                    modifierWins = i + m + next.length > wordEnd
                }
                if modifierWins {
                    if n >= t { negatedUntil = i + n + scope + 1 } else { intensifiedUntil = i + t + 2 }
                    i += m
                    continue
                }
            }
            guard let word else { i += 1; continue }
            if word.polarity != 0 {
                addPolarity(word.polarity, negated: i < negatedUntil, intensified: i < intensifiedUntil, &keys)
            }
            i = wordEnd
        }
    }

    /// The longest lexicon word (polar or non-polar) starting at `run[i]`.
    private func polarWord(_ run: [UInt32], at i: Int) -> (length: Int, polarity: Int8)? {
        guard i < run.count, let candidates = chinesePolarity[run[i]] else { return nil }
        for c in candidates where i + c.word.count <= run.count {
            var ok = true
            for (k, s) in c.word.enumerated() where run[i + k] != s { ok = false; break }
            if ok { return (c.word.count, c.polarity) }
        }
        return nil
    }

    /// Marked unigrams and bigrams of `run[from..<to]`.
    private func mark(_ run: [UInt32], from: Int, to: Int, _ family: Family, _ keys: inout [UInt64]) {
        guard from < to else { return }
        for k in from..<to {
            add(run[k...k], family, &keys)
            if k + 1 < to { add(run[k...(k + 1)], family, &keys) }
        }
    }

    /// The length of the longest word of `words` starting at `run[i]`, if any.
    static func match(_ words: [[UInt32]], _ run: [UInt32], at i: Int) -> Int? {
        for w in words where i + w.count <= run.count {
            var ok = true
            for (k, s) in w.enumerated() where run[i + k] != s { ok = false; break }
            if ok { return w.count }
        }
        return nil
    }

    private func ngrams(_ s: ArraySlice<UInt32>, _ family: Family, _ minN: Int, _ maxN: Int, _ keys: inout [UInt64]) {
        let count = s.count, base = s.startIndex
        guard count >= minN else { return }
        for n in minN...min(maxN, count) {
            for i in 0...(count - n) { add(s[(base + i)..<(base + i + n)], family, &keys) }
        }
    }

    /// Han ideographs (with extensions and compatibility forms), kana and Hangul.
    @inline(__always)
    static func isCJK(_ s: UInt32) -> Bool {
        if s < 0x1100 { return false }
        return (s >= 0x4E00 && s <= 0x9FFF) || (s >= 0x3400 && s <= 0x4DBF) || (s >= 0x3040 && s <= 0x30FF)
            || (s >= 0xAC00 && s <= 0xD7AF) || (s >= 0x1100 && s <= 0x11FF) || (s >= 0x3130 && s <= 0x318F)
            || (s >= 0xF900 && s <= 0xFAFF) || (s >= 0x20000 && s <= 0x2FA1F)
    }
}
