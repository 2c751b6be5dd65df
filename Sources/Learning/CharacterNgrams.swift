import TextAnalysis

extension FeatureExtractor {
    /// Latin words longer than this (URLs, hashes) give no character n-grams.
    static let maxNgramWordLength = 40
    /// Word-boundary markers around a Latin word.
    static let wordStart: UInt32 = 0x3C, wordEnd: UInt32 = 0x3E   // "<" and ">"

    /// Appends the hashed Latin and CJK character n-gram keys of already-normalized `text`.
    ///
    /// One pass over the scalars splits them into Latin words (letters and digits), CJK runs and
    /// separators; each finished word or run is turned into n-grams. Nothing is allocated per
    /// n-gram: each is hashed straight from the scalar buffer.
    func characterNgrams(_ text: String, latin: Bool, cjk: Bool, into keys: inout [UInt64]) {
        var word: [UInt32] = [FeatureExtractor.wordStart]   // "<" + current Latin word
        var run: [UInt32] = []                               // current CJK run
        word.reserveCapacity(32)
        func flushWord() {
            if word.count > 1 && word.count <= FeatureExtractor.maxNgramWordLength + 1 {
                word.append(FeatureExtractor.wordEnd)
                ngrams(word, Family.latin, config.latinNgramMin, config.latinNgramMax, into: &keys)
            }
            word.removeSubrange(1...)
        }
        func flushRun() {
            ngrams(run, Family.cjk, config.cjkNgramMin, config.cjkNgramMax, into: &keys)
            run.removeAll(keepingCapacity: true)
        }
        for scalar in text.unicodeScalars {
            let s = scalar.value
            if FeatureExtractor.isCJK(s) {
                if latin { flushWord() }
                if cjk { run.append(s) }
            } else if FeatureExtractor.isWordScalar(scalar) {
                if cjk && !run.isEmpty { flushRun() }
                if latin { word.append(s) }
            } else {
                if latin { flushWord() }
                if cjk && !run.isEmpty { flushRun() }
            }
        }
        if latin { flushWord() }
        if cjk && !run.isEmpty { flushRun() }
    }

    /// Appends the keys of every n-gram of `scalars` with `minN ≤ n ≤ maxN`.
    private func ngrams(_ scalars: [UInt32], _ family: Family, _ minN: Int, _ maxN: Int, into keys: inout [UInt64]) {
        let count = scalars.count
        guard minN <= maxN, count >= minN else { return }
        let f = family.index
        for n in minN...min(maxN, count) {
            for i in 0...(count - n) {
                var h = StableHash()
                h.combine(byte: family.rawValue)
                for k in i..<(i + n) { h.combine(scalar: scalars[k]) }
                keys.append(UInt64(h.bucket(mask: mask)) << 2 | f)
            }
        }
    }

    /// True for Han ideographs (with extensions and compatibility forms), kana and Hangul: the
    /// scripts the analyzer splits into characters.
    @inline(__always)
    static func isCJK(_ s: UInt32) -> Bool {
        if s < 0x1100 { return false }
        return (s >= 0x4E00 && s <= 0x9FFF) || (s >= 0x3400 && s <= 0x4DBF) || (s >= 0x3040 && s <= 0x30FF)
            || (s >= 0xAC00 && s <= 0xD7AF) || (s >= 0x1100 && s <= 0x11FF) || (s >= 0x3130 && s <= 0x318F)
            || (s >= 0xF900 && s <= 0xFAFF) || (s >= 0x20000 && s <= 0x2FA1F)
    }

    /// True for letters and digits outside CJK (ASCII fast path, Unicode properties otherwise).
    @inline(__always)
    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        let s = scalar.value
        if s < 0x80 { return (s >= 0x61 && s <= 0x7A) || (s >= 0x30 && s <= 0x39) || (s >= 0x41 && s <= 0x5A) }
        let p = scalar.properties
        return p.isAlphabetic || p.numericType == .decimal
    }
}
