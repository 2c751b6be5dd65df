import Foundation
import TextAnalysis

/// Turns a text into hashed sparse features, before IDF weighting.
///
/// Three feature families, each hashed with `StableHash` under its own tag byte (so the word
/// "abc" and the trigram "abc" are different features) into `2^hashBits` buckets:
/// * **terms** (`T`): `Analyzer.terms` of the normalized text — stemmed Latin words (stopwords
///   dropped when `remove_stopwords`), model codes, CJK unigrams and bigrams, lexicon words;
/// * **Latin character n-grams** (`L`): over every Latin word of the normalized text (letters
///   and digits, unstemmed, stopwords kept) wrapped in boundary markers: "cat" → `<ca`, `cat`,
///   `at>`. They make a typo ("stikethrough") share most features with the right word;
/// * **CJK character n-grams** (`C`): inside every run of CJK characters (by default trigrams;
///   the analyzer already gives uni- and bigrams). Off in the shipped configuration: they cost
///   2-4 points of Recall@1 on both Chinese sets we measured (see `Models/README.md`).
///
/// A feature's value is `familyWeight · tf'` with `tf' = 1 + ln(tf)` (sublinear) or `tf`,
/// where `tf` counts the feature's occurrences in the text; features of two families that
/// collide in one bucket add up.
public struct FeatureExtractor: Sendable {
    /// The analyzer producing the term family.
    public let analyzer: Analyzer
    /// The feature-family switches and weights (only the feature fields are read).
    public let config: EncoderConfig
    /// `2^hashBits - 1`.
    let mask: UInt64

    /// Family tags mixed into the hash before the feature's bytes.
    enum Family: UInt8 { case term = 0x54, latin = 0x4C, cjk = 0x43 }

    /// An extractor for `config`'s feature settings; `lexicon` feeds the analyzer's lexicon words.
    public init(config: EncoderConfig, lexicon: Lexicon = Lexicon()) {
        self.config = config
        self.mask = (UInt64(1) << UInt64(config.hashBits)) - 1
        self.analyzer = Analyzer(lexicon: lexicon,
                                 options: AnalyzerOptions(stem: config.stem, removeStopwords: config.removeStopwords))
    }

    /// Number of buckets, `2^hashBits`.
    public var bucketCount: Int { Int(mask) + 1 }

    /// The features of `text`: distinct buckets in increasing order with their values
    /// (`familyWeight · tf'`, not yet IDF-weighted or normalized).
    public func features(_ text: String) -> [(bucket: Int, value: Float)] {
        var keys: [UInt64] = []
        var buckets: [Int32] = [], values: [Float] = []
        append(text, keys: &keys, buckets: &buckets, values: &values)
        return zip(buckets, values).map { (bucket: Int($0.0), value: $0.1) }
    }

    /// Appends the features of `text` to `buckets`/`values` (sorted by bucket, merged);
    /// `keys` is scratch space reused across calls.
    func append(_ text: String, keys: inout [UInt64], buckets: inout [Int32], values: inout [Float]) {
        keys.removeAll(keepingCapacity: true)
        let start = buckets.count
        let normalized = Normalizer.normalize(text)
        if config.termWeight > 0 {
            for term in analyzer.terms(normalized) {
                var h = StableHash()
                h.combine(byte: Family.term.rawValue)
                h.combine(string: term)
                keys.append(key(h, .term))
            }
        }
        let latin = config.latinNgramWeight > 0 && config.latinNgramMax >= config.latinNgramMin
        let cjk = config.cjkNgramWeight > 0 && config.cjkNgramMax >= config.cjkNgramMin
        if latin || cjk { characterNgrams(normalized, latin: latin, cjk: cjk, into: &keys) }
        keys.sort()
        // Runs of equal keys = occurrences of one (bucket, family); buckets repeat across families.
        var i = 0
        while i < keys.count {
            var j = i + 1
            while j < keys.count && keys[j] == keys[i] { j += 1 }
            let bucket = Int32(truncatingIfNeeded: keys[i] >> 2)
            let value = weight(Int(keys[i] & 3)) * (config.sublinearTF ? 1 + logf(Float(j - i)) : Float(j - i))
            if buckets.count > start && buckets[buckets.count - 1] == bucket {
                values[values.count - 1] += value
            } else {
                buckets.append(bucket)
                values.append(value)
            }
            i = j
        }
    }

    /// Packs a bucket and a family index (0 term, 1 Latin, 2 CJK) into one sortable key.
    @inline(__always)
    private func key(_ h: StableHash, _ family: Family) -> UInt64 {
        return UInt64(h.bucket(mask: mask)) << 2 | family.index
    }

    private func weight(_ family: Int) -> Float {
        family == 0 ? config.termWeight : (family == 1 ? config.latinNgramWeight : config.cjkNgramWeight)
    }
}

extension FeatureExtractor.Family {
    /// The family's number in the low two bits of a feature key.
    var index: UInt64 {
        switch self {
        case .term: return 0
        case .latin: return 1
        case .cjk: return 2
        }
    }
}
