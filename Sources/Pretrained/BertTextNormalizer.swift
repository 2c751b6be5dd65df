import Foundation

/// BERT's text clean-up and pre-tokenization, scalar by scalar, as the reference tokenizer
/// (Hugging Face `BertNormalizer` + `BertPreTokenizer`) does it:
///
/// 1. **clean**: drop NUL, U+FFFD and control/format/unassigned/private-use scalars; every
///    whitespace scalar (tab, newline and the Unicode `White_Space` set) becomes a space;
/// 2. **CJK**: put spaces around every CJK ideograph (the CJK Unified Ideograph blocks and
///    compatibility ideographs), so that each becomes a word of its own;
/// 3. **accents**: canonical decomposition (NFD), then drop nonspacing marks (`é` → `e`);
/// 4. **lower-case**: each scalar's full lower-case mapping (no context rules);
/// 5. **split**: on whitespace, and every punctuation scalar (ASCII punctuation or a Unicode
///    `P*` category) is a word of its own.
public struct BertTextNormalizer: Sendable, Equatable {
    /// Remove control characters and map whitespace to spaces.
    public var cleanText: Bool
    /// Split CJK ideographs into single-character words.
    public var splitCJK: Bool
    /// Strip accents (NFD + drop nonspacing marks).
    public var stripAccents: Bool
    /// Lower-case.
    public var lowercase: Bool

    /// The uncased-BERT settings by default; `stripAccents` follows `lowercase` when nil, as in BERT.
    public init(cleanText: Bool = true, splitCJK: Bool = true, stripAccents: Bool? = nil, lowercase: Bool = true) {
        self.cleanText = cleanText
        self.splitCJK = splitCJK
        self.stripAccents = stripAccents ?? lowercase
        self.lowercase = lowercase
    }

    /// The words of `text` after steps 1-5, each as its Unicode scalars.
    public func words(_ text: String) -> [[Unicode.Scalar]] {
        var scalars = normalize(text)
        var words: [[Unicode.Scalar]] = []
        var current: [Unicode.Scalar] = []
        func flush() {
            if !current.isEmpty { words.append(current); current.removeAll(keepingCapacity: true) }
        }
        for s in scalars {
            if s.properties.isWhitespace {
                flush()
            } else if BertTextNormalizer.isPunctuation(s) {
                flush()
                words.append([s])
            } else {
                current.append(s)
            }
        }
        flush()
        scalars.removeAll()
        return words
    }

    /// Steps 1-4: the normalized scalars of `text`.
    public func normalize(_ text: String) -> [Unicode.Scalar] {
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(text.unicodeScalars.count + 8)
        var ascii = true
        for s in text.unicodeScalars {
            if cleanText {
                if s.value == 0 || s.value == 0xFFFD || BertTextNormalizer.isControl(s) { continue }
                if BertTextNormalizer.isWhitespace(s) { out.append(" "); continue }
            }
            if splitCJK && BertTextNormalizer.isCJKIdeograph(s) {
                out.append(" "); out.append(s); out.append(" ")
                continue
            }
            if !s.isASCII { ascii = false }
            out.append(s)
        }
        if stripAccents && !ascii {
            var view = String.UnicodeScalarView()
            view.append(contentsOf: out)
            let decomposed = String(view).decomposedStringWithCanonicalMapping
            out = decomposed.unicodeScalars.filter { $0.properties.generalCategory != .nonspacingMark }
        }
        if lowercase {
            var lowered: [Unicode.Scalar] = []
            lowered.reserveCapacity(out.count)
            for s in out {
                if s.isASCII {
                    let v = s.value
                    lowered.append(v >= 65 && v <= 90 ? Unicode.Scalar(UInt8(v + 32)) : s)
                } else {
                    lowered.append(contentsOf: s.properties.lowercaseMapping.unicodeScalars)
                }
            }
            out = lowered
        }
        return out
    }

    // MARK: - Character classes (as BERT defines them)

    /// Tab, newline, carriage return, or a Unicode `White_Space` scalar.
    static func isWhitespace(_ s: Unicode.Scalar) -> Bool {
        s == "\t" || s == "\n" || s == "\r" || s.properties.isWhitespace
    }

    /// A control, format, unassigned, private-use or surrogate scalar, except tab/newline/return.
    static func isControl(_ s: Unicode.Scalar) -> Bool {
        if s == "\t" || s == "\n" || s == "\r" { return false }
        switch s.properties.generalCategory {
        case .control, .format, .unassigned, .privateUse, .surrogate: return true
        default: return false
        }
    }

    /// ASCII punctuation (`!"#$%&'()*+,-./:;<=>?@[\]^_`{|}~`) or a Unicode punctuation category.
    static func isPunctuation(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if (33...47).contains(v) || (58...64).contains(v) || (91...96).contains(v) || (123...126).contains(v) {
            return true
        }
        if v < 128 { return false }
        switch s.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation:
            return true
        default:
            return false
        }
    }

    /// The CJK ideograph blocks BERT splits (Unified Ideographs and extensions A-E, compatibility).
    static func isCJKIdeograph(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0x20000...0x2A6DF, 0x2A700...0x2B73F,
             0x2B740...0x2B81F, 0x2B920...0x2CEAF, 0xF900...0xFAFF, 0x2F800...0x2FA1F:
            return true
        default:
            return false
        }
    }
}
