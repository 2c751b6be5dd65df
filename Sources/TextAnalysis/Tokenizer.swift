// Splits normalized text into "units": single CJK characters and Latin tokens.
// Units are what the lexicon matches against and what the analyzer turns into terms.
//
// Latin rules (applied to normalized text):
//  * A token is a run of letters/digits. Apostrophes between word characters stay
//    inside ("won't" stays "won't", ’ and ʼ become '), and a final possessive 's
//    is dropped ("E7's" → "e7", "customer's" → "customer").
//  * Segments joined by a single . - _ / or : form a chain ("0w-20", "2.0t", "10:30").
//    Neighbouring segments that both contain a digit stay together as one token
//    ("r2026-01", "400-820-6688", "v1.2"); a letters-only segment is its own word
//    ("x5-pro" → "x5", "pro"; "e-mail" → "e", "mail").
//  * A comma between digit groups of three is a thousands separator and is removed
//    ("1,299" → "1299").

/// A unit of analysis.
struct Unit {
    enum Kind: UInt8 { case cjk, word, number, code }

    var kind: Kind
    /// True if only spaces, '-', '_' separate this unit from the previous one, so a
    /// lexicon phrase may continue across the gap.
    var joinable: Bool
    /// True for a CJK unit directly following another CJK unit (same run).
    var continuesRun: Bool
    /// Normalized scalar range.
    var start: Int
    var end: Int
    /// Cheap hash of the lexicon key (scalar or surface form), see `LexiconKey.hash`.
    var keyHash: UInt64
    /// Latin surface form (unstemmed); empty for CJK, and for Latin units when the
    /// tokenizer was not asked to keep surfaces.
    var text: String
    /// Final Latin term after stopword removal and stemming; nil if dropped (or CJK).
    var term: String?
}

/// Character classes of normalized scalars.
enum CharClass: UInt8 {
    case letter, digit, cjk, apostrophe, joiner, comma, space, ignorable, other
}

/// Classifies a normalized scalar.
@inline(__always)
func charClass(_ s: UInt32) -> CharClass {
    if s < 0x80 {
        if s >= 0x61 && s <= 0x7A { return .letter }
        if s >= 0x30 && s <= 0x39 { return .digit }
        if s >= 0x41 && s <= 0x5A { return .letter }
        switch s {
        case 0x27: return .apostrophe
        case 0x2E, 0x2D, 0x5F, 0x2F, 0x3A: return .joiner
        case 0x2C: return .comma
        case 0x20, 0x09...0x0D: return .space
        default: return .other
        }
    }
    if isCJK(s) { return .cjk }
    if (s >= 0xC0 && s <= 0x24F && s != 0xD7 && s != 0xF7) || (s >= 0x0400 && s <= 0x0481) { return .letter }
    if s == 0x2019 || s == 0x02BC { return .apostrophe }
    if isIgnorableScalar(s) { return .ignorable }
    if isSpaceScalar(s) { return .space }
    guard let p = scalarProperties(s) else { return .other }
    switch p.generalCategory {
    case .decimalNumber: return .digit
    case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
         .nonspacingMark, .spacingMark:
        return .letter
    default: return .other
    }
}

/// Produces units from normalized text.
struct Tokenizer {
    var options: AnalyzerOptions
    /// Lexicon whose single-word entries are protected from stemming and stopword
    /// removal; nil when lexicon matching is off. Requires `keepSurface`.
    var lexicon: Lexicon?
    /// Keep the Latin surface form in `Unit.text` and its `keyHash` (needed for
    /// lexicon matching).
    var keepSurface: Bool

    /// Splits `t` into units, computing Latin terms according to `options`.
    func units(_ t: NormalizedText) -> [Unit] {
        let sc = t.scalars
        let n = sc.count
        var cls = [CharClass](repeating: .other, count: n)
        for k in 0..<n { cls[k] = charClass(sc[k]) }
        var units: [Unit] = []
        var state = ChainState()
        var gapOK = false          // nothing but phrase-friendly separators since the last unit
        var lastCJKEnd = -1        // end of the last CJK unit, if only ignorables followed it
        var i = 0
        while i < n {
            switch cls[i] {
            case .cjk:
                units.append(Unit(kind: .cjk, joinable: gapOK, continuesRun: lastCJKEnd == i, start: i, end: i + 1,
                                  keyHash: LexiconKey.hash(scalar: sc[i]), text: "", term: nil))
                gapOK = true
                i += 1
                lastCJKEnd = i
            case .letter, .digit:
                i = latinChain(from: i, sc, cls, &units, &state, &gapOK)
                lastCJKEnd = -1
            case .ignorable:
                i += 1
                if lastCJKEnd == i - 1 { lastCJKEnd = i }
            case .space:
                i += 1
                lastCJKEnd = -1
            default:
                if sc[i] != 0x2D && sc[i] != 0x5F { gapOK = false }
                i += 1
                lastCJKEnd = -1
            }
        }
        return units
    }

    private struct Segment {
        var start: Int, end: Int, hasDigit: Bool, hasLetter: Bool
    }

    /// Reusable buffers for chain scanning.
    private struct ChainState {
        var segments: [Segment] = []
        var scratch: [UInt8] = []
    }

    /// Scans a joiner chain starting at `start` and appends its units; returns the index after it.
    private func latinChain(from start: Int, _ sc: [UInt32], _ cls: [CharClass], _ units: inout [Unit],
                            _ state: inout ChainState, _ gapOK: inout Bool) -> Int {
        let n = sc.count
        @inline(__always) func isWordChar(_ k: Int) -> Bool {
            k < n && (cls[k] == .letter || cls[k] == .digit)
        }
        state.segments.removeAll(keepingCapacity: true)
        var j = start
        while true {
            var seg = Segment(start: j, end: j, hasDigit: false, hasLetter: false)
            var digitsOnly = true
            scan: while j < n {
                switch cls[j] {
                case .letter: seg.hasLetter = true; digitsOnly = false
                case .digit: seg.hasDigit = true
                case .ignorable: break
                case .apostrophe where j > seg.start && isWordChar(j + 1): digitsOnly = false
                default: break scan
                }
                j += 1
            }
            seg.end = j
            state.segments.append(seg)
            guard j < n else { break }
            if cls[j] == .joiner && isWordChar(j + 1) { j += 1; continue }
            if cls[j] == .comma && digitsOnly && seg.hasDigit && j + 3 < n
                && isASCIIDigit(sc[j + 1]) && isASCIIDigit(sc[j + 2]) && isASCIIDigit(sc[j + 3])
                && !isWordChar(j + 4) {
                j += 1
                continue
            }
            break
        }
        // Group: adjacent digit-bearing segments stay together, letter-only segments stand alone.
        let segments = state.segments
        var p = 0
        while p < segments.count {
            var q = p + 1
            var hasLetter = segments[p].hasLetter
            if segments[p].hasDigit {
                while q < segments.count && segments[q].hasDigit { hasLetter = hasLetter || segments[q].hasLetter; q += 1 }
            }
            if p > 0 {
                let sep = sc[segments[p].start - 1]
                if sep != 0x2D && sep != 0x5F { gapOK = false }
            }
            let kind: Unit.Kind = segments[p].hasDigit ? (hasLetter ? .code : .number) : .word
            appendLatinUnit(segments[p].start, segments[q - 1].end, kind, sc, cls, &units, &state.scratch, &gapOK)
            p = q
        }
        return j
    }

    /// Builds the surface form and term of the Latin token spanning scalars `a..<b`.
    private func appendLatinUnit(_ a: Int, _ b: Int, _ kind: Unit.Kind, _ sc: [UInt32], _ cls: [CharClass],
                                 _ units: inout [Unit], _ scratch: inout [UInt8], _ gapOK: inout Bool) {
        guard b - a <= options.maxTokenLength else { gapOK = false; return }
        scratch.removeAll(keepingCapacity: true)
        var asciiLetters = true
        for k in a..<b {
            let s = sc[k]
            switch cls[k] {
            case .ignorable, .comma: continue
            case .apostrophe: scratch.append(0x27); asciiLetters = false
            default:
                if s < 0x80 {
                    if s < 0x61 { asciiLetters = false }
                    scratch.append(UInt8(s))
                } else {
                    asciiLetters = false
                    appendUTF8(s, to: &scratch)
                }
            }
        }
        // Possessive: drop a final 's ("e7's" → "e7"); other apostrophes stay.
        let c = scratch.count
        if c >= 3 && scratch[c - 1] == 0x73 && scratch[c - 2] == 0x27 {
            scratch.removeLast(2)
            asciiLetters = scratch.allSatisfy { $0 >= 0x61 && $0 <= 0x7A }
        }
        let keyHash = keepSurface ? LexiconKey.hash(bytes: scratch) : 0
        let protected = kind == .word && (lexicon?.isSingleWordEntry(scratch, hash: keyHash) ?? false)
        let text = keepSurface ? String(decoding: scratch, as: UTF8.self) : ""
        var term: String?
        if kind != .word || protected {
            term = keepSurface ? text : String(decoding: scratch, as: UTF8.self)
        } else if options.removeStopwords && Stopwords.isEnglishStopword(bytes: scratch) {
            term = nil
        } else if options.stem && asciiLetters {
            PorterStemmer.stemInPlace(&scratch)
            term = String(decoding: scratch, as: UTF8.self)
        } else {
            term = keepSurface ? text : String(decoding: scratch, as: UTF8.self)
        }
        units.append(Unit(kind: kind, joinable: gapOK, continuesRun: false, start: a, end: b,
                          keyHash: keyHash, text: text, term: term))
        gapOK = true
    }
}
