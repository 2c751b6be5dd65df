import Foundation
import TextAnalysis

extension TermDiscovery {
    /// A word of a phrase: its normalized text and scalar range in the document.
    struct Word { var text: String; var start: Int; var end: Int }

    /// Phrases of `doc`: runs of ASCII words (letters, digits, inner dashes and apostrophes)
    /// separated only by spaces or tabs; any other character ends a phrase.
    static func phrases(_ doc: SourceMappedText) -> [[Word]] {
        var out: [[Word]] = []
        var current: [Word] = []
        let s = doc.scalars
        var i = 0
        func isWordScalar(_ c: UInt32) -> Bool { CodePatterns.isAlnum(c) }
        while i < s.count {
            let c = s[i]
            if isWordScalar(c) {
                var j = i
                while j < s.count && (isWordScalar(s[j])
                    || ((s[j] == 0x2D || s[j] == 0x27) && j + 1 < s.count && isWordScalar(s[j + 1]) && j > i)) {
                    j += 1
                }
                current.append(Word(text: string(s[i..<j]), start: i, end: j))
                i = j
            } else {
                if c != 0x20 && c != 0x09, !current.isEmpty { out.append(current); current = [] }
                i += 1
            }
        }
        if !current.isEmpty { out.append(current) }
        return out
    }

    /// Whether `word` may start or end an English term (no stopword, no pure number, no
    /// single letter).
    static func canBound(_ word: String) -> Bool {
        word.count > 1 && !Stopwords.isEnglishStopword(word) && !word.allSatisfy(\.isNumber)
    }

    /// English candidates: frequent word n-grams scored by frequency and PMI (see the type
    /// documentation).
    func englishCandidates(_ docs: [SourceMappedText], _ texts: [String]) -> [TermCandidate] {
        let lengths = options.englishLengths
        guard lengths.lowerBound >= 2 else { return [] }
        var unigrams: [String: Int] = [:]
        var grams: [[String]: Int] = [:]
        var places: [[String]: [Occurrence]] = [:]
        var total = 0
        for (d, doc) in docs.enumerated() {
            for phrase in Self.phrases(doc) {
                total += phrase.count
                for w in phrase { unigrams[w.text, default: 0] += 1 }
                for a in phrase.indices {
                    for n in lengths where a + n <= phrase.count {
                        let words = phrase[a..<a + n].map(\.text)
                        guard Self.canBound(words[0]), Self.canBound(words[n - 1]) else { continue }
                        grams[words, default: 0] += 1
                        if places[words, default: []].count < 12 {
                            places[words, default: []].append(Occurrence(doc: d, start: phrase[a].start, end: phrase[a + n - 1].end))
                        }
                    }
                }
            }
        }
        grams = grams.filter { $0.value >= options.minFrequency }
        let dropped = Self.dropSubsumed(grams, threshold: options.subsumption) { g in
            Self.subranges(g.count).map { Array(g[$0]) }
        }
        let n = Double(total)
        var out: [TermCandidate] = []
        for (g, f) in grams where !dropped.contains(g) {
            var logProduct = 0.0
            for w in g { logProduct += log(Double(unigrams[w] ?? 1)) }
            let pmi = (log(Double(f)) + Double(g.count - 1) * log(n) - logProduct) / Double(g.count - 1)
            guard pmi >= options.minPMI else { continue }
            out.append(TermCandidate(term: g.joined(separator: " "), language: .english, frequency: f,
                                     score: log(1 + Double(f)) * pmi,
                                     examples: Self.examples(places[g] ?? [], docs, texts)))
        }
        return out
    }
}
