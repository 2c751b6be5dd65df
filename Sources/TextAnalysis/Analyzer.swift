/// A text with the terms an analyzer gave it, so that a second reader of the same text (a
/// conversation turn's reply suggester after its search) need not analyze it again.
public struct AnalyzedText: Sendable, Hashable {
    public var text: String
    public var terms: [String]

    public init(text: String, terms: [String]) {
        self.text = text; self.terms = terms
    }
}

/// Turns text into index/query terms. The same analyzer (same lexicon and options)
/// must be used for indexing and querying.
///
/// Pipeline: `Normalizer` (NFKC + case folding) → units (CJK characters and Latin
/// tokens, see `Tokenizer`) → terms, in text order with duplicates kept:
///
/// * Latin words: English stopwords dropped, then Porter-stemmed ("Charging" → "charg").
///   Tokens with a digit are kept whole and never stemmed ("X5" → "x5", "2.0T" → "2.0t",
///   "0W-20" → "0w-20", "400-820-6688"); in a chain like "X5-Pro" a letters-only part is
///   its own word ("x5", "pro"); "1,299" → "1299". Apostrophes: contractions keep an
///   ASCII apostrophe ("won't", also for "won’t") and are not stemmed; a possessive 's
///   is dropped ("E7's" → "e7"). Tokens longer than `maxTokenLength` are skipped.
/// * Each maximal CJK run (Han, Kana, Hangul) gives, per character, its unigram (Chinese
///   stop characters such as 的 了 吗 removed) and the bigram with the next character;
///   a one-character run gives its unigram whenever unigrams or bigrams are enabled.
/// * Lexicon matches of two or more units (forward longest match) are extra terms,
///   emitted just before the terms of the unit they start at ("lanto_pilot", "保养套餐").
///
/// Example: "我的X5保养" → 我, 我的, x5, 保, 保养, 养 (的 is a stop character, so only
/// the bigram "我的" keeps it; bigrams never cross the Latin token).
public struct Analyzer: Sendable {
    /// User vocabulary matched in the text.
    public var lexicon: Lexicon
    /// Analysis switches.
    public var options: AnalyzerOptions

    /// Creates an analyzer.
    public init(lexicon: Lexicon = Lexicon(), options: AnalyzerOptions = AnalyzerOptions()) {
        self.lexicon = lexicon
        self.options = options
    }

    /// Index/query terms of `text`, in order, duplicates kept (term frequency matters).
    public func terms(_ text: String) -> [String] {
        terms(text, pieceSize: Analyzer.pieceSize)
    }

    /// The same terms as `terms(_:)`, with their kind and position in the original text.
    public func tokens(_ text: String) -> [Token] {
        tokens(text, pieceSize: Analyzer.pieceSize)
    }

    /// Long texts are analyzed in pieces of about this many UTF-8 bytes (see `TextPieces`).
    static let pieceSize = 64 * 1024

    func terms(_ text: String, pieceSize: Int) -> [String] {
        var out: [String] = []
        TextPieces.forEach(in: text, size: pieceSize) { piece, _ in
            let t = NormalizedText(piece)
            if out.isEmpty { out.reserveCapacity(t.count / 2) }
            analyze(t) { term, _, _, _ in out.append(term) }
        }
        return out
    }

    func tokens(_ text: String, pieceSize: Int) -> [Token] {
        var out: [Token] = []
        TextPieces.forEach(in: text, size: pieceSize) { piece, base in
            let t = NormalizedText(piece, trackSource: true)
            guard t.count > 0 else { return }
            let map = SourceMap(text: piece, normalized: t)
            analyze(t) { term, kind, a, b in
                out.append(Token(term: term, kind: kind,
                                 utf8Range: base.utf8 + t.sourceStart[a] ..< base.utf8 + t.sourceEnd[b - 1],
                                 utf16Range: base.utf16 + map.start16[a] ..< base.utf16 + map.end16[b - 1],
                                 characterRange: base.characters + map.startCharacter[a]
                                     ..< base.characters + map.endCharacter[b - 1]))
            }
        }
        return out
    }

    /// Runs the pipeline, calling `emit(term, kind, firstScalar, endScalar)` with
    /// normalized-scalar ranges.
    func analyze(_ t: NormalizedText, _ emit: (String, TokenKind, Int, Int) -> Void) {
        let useLexicon = options.lexiconWords && !lexicon.isEmpty
        let tokenizer = Tokenizer(options: options, lexicon: useLexicon ? lexicon : nil, keepSurface: useLexicon)
        let units = tokenizer.units(t)
        guard !units.isEmpty else { return }
        let matches = useLexicon ? lexicon.longestMatches(units, t.scalars, minUnits: 2) : []
        var nextMatch = 0
        let unigrams = options.cjkUnigrams
        let bigrams = options.cjkBigrams
        let dropStop = options.removeStopwords
        let sc = t.scalars

        @inline(__always) func emitLexicon(_ u: Int) {
            while nextMatch < matches.count && matches[nextMatch].start < u { nextMatch += 1 }
            if nextMatch < matches.count && matches[nextMatch].start == u {
                let m = matches[nextMatch]
                emit(m.term, .lexicon, units[m.start].start, units[m.end - 1].end)
                nextMatch += 1
            }
        }
        var u = 0
        while u < units.count {
            let unit = units[u]
            guard unit.kind == .cjk else {
                if !matches.isEmpty { emitLexicon(u) }
                if let term = unit.term {
                    emit(term, unit.kind == .word ? .word : (unit.kind == .code ? .code : .number), unit.start, unit.end)
                }
                u += 1
                continue
            }
            var v = u + 1
            while v < units.count && units[v].continuesRun { v += 1 }
            let single = v - u == 1
            for k in u..<v {
                if !matches.isEmpty { emitLexicon(k) }
                let a = units[k].start
                if (unigrams || (single && bigrams)) && !(dropStop && Stopwords.isChineseStopScalar(sc[a])) {
                    emit(makeString(sc[a]), .cjkUnigram, a, a + 1)
                }
                if bigrams && k + 1 < v {
                    let b = units[k + 1].start
                    emit(makeString(sc[a], sc[b]), .cjkBigram, a, b + 1)
                }
            }
            u = v
        }
    }
}
