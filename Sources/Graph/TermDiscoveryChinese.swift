import Foundation
import TextAnalysis

extension TermDiscovery {
    /// Whether `s` is a CJK ideograph (the characters Chinese n-grams are built from).
    @inline(__always)
    static func isIdeograph(_ s: UInt32) -> Bool {
        (s >= 0x4E00 && s <= 0x9FFF) || (s >= 0x3400 && s <= 0x4DBF) || (s >= 0xF900 && s <= 0xFAFF)
    }

    /// A string from normalized scalar values.
    static func string(_ scalars: ArraySlice<UInt32>) -> String {
        var view = String.UnicodeScalarView()
        for s in scalars { if let u = Unicode.Scalar(s) { view.append(u) } }
        return String(view)
    }

    /// Chinese candidates: cohesion and branching entropy of character n-grams (see the
    /// type documentation).
    func chineseCandidates(_ docs: [SourceMappedText], _ texts: [String]) -> [TermCandidate] {
        let lengths = options.chineseLengths
        guard lengths.lowerBound >= 2 else { return [] }
        // Runs of ideographs: (document, start, end) in scalar offsets.
        var runs: [(doc: Int, start: Int, end: Int)] = []
        var total = 0
        for (d, doc) in docs.enumerated() {
            var i = 0
            while i < doc.count {
                guard Self.isIdeograph(doc.scalars[i]) else { i += 1; continue }
                var j = i
                while j < doc.count && Self.isIdeograph(doc.scalars[j]) { j += 1 }
                runs.append((d, i, j)); total += j - i
                i = j
            }
        }
        guard total > 0 else { return [] }
        // Pass 1: counts of every n-gram from 1 to the longest length.
        var counts: [String: Int] = [:]
        for r in runs {
            let s = docs[r.doc].scalars
            for a in r.start..<r.end {
                for n in 1...lengths.upperBound where a + n <= r.end {
                    counts[Self.string(s[a..<a + n]), default: 0] += 1
                }
            }
        }
        let stop = Stopwords.chinese
        var candidates: [String: Int] = [:]
        for (g, f) in counts where f >= options.minFrequency && lengths.contains(g.unicodeScalars.count) {
            guard let first = g.first, let last = g.last, !stop.contains(first), !stop.contains(last) else { continue }
            candidates[g] = f
        }
        let dropped = Self.dropSubsumed(candidates, threshold: options.subsumption) { g in
            Self.subranges(g.unicodeScalars.count).map { Self.string(Array(g.unicodeScalars.map(\.value))[$0]) }
        }
        for g in dropped { candidates[g] = nil }
        guard !candidates.isEmpty else { return [] }
        // Pass 2: neighbours and occurrences of the surviving candidates.
        var left: [String: [UInt32: Int]] = [:], right: [String: [UInt32: Int]] = [:]
        var freshLeft: [String: Int] = [:], freshRight: [String: Int] = [:]
        var places: [String: [Occurrence]] = [:]
        for r in runs {
            let s = docs[r.doc].scalars
            for a in r.start..<r.end {
                for n in lengths where a + n <= r.end {
                    let g = Self.string(s[a..<a + n])
                    guard candidates[g] != nil else { continue }
                    if a > r.start { left[g, default: [:]][s[a - 1], default: 0] += 1 } else { freshLeft[g, default: 0] += 1 }
                    if a + n < r.end { right[g, default: [:]][s[a + n], default: 0] += 1 } else { freshRight[g, default: 0] += 1 }
                    if places[g, default: []].count < 12 { places[g, default: []].append(Occurrence(doc: r.doc, start: a, end: a + n)) }
                }
            }
        }
        var out: [TermCandidate] = []
        let n = Double(total)
        for (g, f) in candidates {
            let u = Array(g.unicodeScalars.map(\.value))
            var cohesion = Double.infinity
            for k in 1..<u.count {
                let ca = Double(counts[Self.string(u[0..<k])] ?? 1), cb = Double(counts[Self.string(u[k...])] ?? 1)
                cohesion = min(cohesion, log(Double(f) * n / (ca * cb)))
            }
            let hl = Self.entropy(left[g] ?? [:], fresh: freshLeft[g] ?? 0)
            let hr = Self.entropy(right[g] ?? [:], fresh: freshRight[g] ?? 0)
            guard cohesion >= options.minCohesion, min(hl, hr) >= options.minEntropy else { continue }
            out.append(TermCandidate(term: g, language: .chinese, frequency: f, score: log(1 + Double(f)) * cohesion * min(hl, hr),
                                     examples: Self.examples(places[g] ?? [], docs, texts)))
        }
        return out
    }
}
