/// Splits Chinese and English text into sentences.
///
/// Rules, applied to the original (un-normalized) text:
/// * 。！？； ｡ always end a sentence. ASCII ! and ? end one unless directly followed by
///   an ASCII letter, digit, '=' or '&' (so "?q=1" in a URL does not split).
/// * '.' ends a sentence only when followed by white space, the end of the text or a
///   CJK character — never inside numbers ("2.0T", "3.5%") — and not after a common
///   abbreviation ("Mr.", "e.g.", "No. 5", an initial like "J."), an inner-dot word
///   ("U.S.") or a list number at the start of a sentence ("1. Open the app").
///   "etc.", "Inc.", "Ltd." end a sentence only when an upper-case or CJK word follows.
/// * A run of terminators stays together ("?!", "！！", "..."), and closing quotes and
///   brackets right after it stay with the sentence ("他说：“好。”", "(see above.)").
/// * A blank line (paragraph break) always splits. A single line break splits when the
///   text on either side is CJK (Chinese is not hard-wrapped) or the next line starts
///   with a bullet; otherwise it is treated as a space inside the sentence.
/// Sentences are substrings of the input, trimmed of white space; none is empty.
public enum SentenceSplitter {
    /// Splits `text` into trimmed, non-empty sentences, keeping terminal punctuation.
    public static func split(_ text: String) -> [String] {
        var text = text
        return text.withUTF8 { p -> [String] in
            var sc: [UInt32] = []
            var off: [Int] = []
            sc.reserveCapacity(p.count)
            off.reserveCapacity(p.count + 1)
            var i = 0
            while i < p.count {
                let (s, l) = decodeUTF8(p, i)
                sc.append(s); off.append(i)
                i += l
            }
            off.append(p.count)
            var out: [String] = []
            var start = 0
            func cut(_ end: Int) {
                var a = start, b = end
                while a < b && isSpaceScalar(sc[a]) { a += 1 }
                while b > a && isSpaceScalar(sc[b - 1]) { b -= 1 }
                if a < b {
                    out.append(String(decoding: UnsafeBufferPointer(rebasing: p[off[a]..<off[b]]), as: UTF8.self))
                }
                start = end
            }
            var k = 0
            while k < sc.count {
                let s = sc[k]
                if isNewlineScalar(s) {
                    if let next = paragraphBreak(sc, at: k, sentenceStart: start) { cut(k); k = next; continue }
                    k += 1
                    continue
                }
                guard isTerminator(s) else { k += 1; continue }
                // Consume the run of terminators and closing marks.
                var e = k
                var onlyDots = true
                while e < sc.count && isTerminator(sc[e]) { if sc[e] != 0x2E { onlyDots = false }; e += 1 }
                while e < sc.count && isCloser(sc[e]) { e += 1 }
                if shouldSplit(sc, terminator: k, after: e, onlyDots: onlyDots, sentenceStart: start) {
                    cut(e)
                }
                k = e
            }
            cut(sc.count)
            return out
        }
    }

    /// Sentence-ending punctuation (ASCII '.', '!', '?' are checked further by `shouldSplit`).
    static func isTerminator(_ s: UInt32) -> Bool {
        switch s {
        case 0x2E, 0x21, 0x3F, 0x3002, 0xFF01, 0xFF1F, 0xFF1B, 0xFF61, 0xFF0E, 0x203C, 0x2047, 0x2048, 0x2049:
            return true
        default:
            return false
        }
    }

    /// Closing quotes and brackets that stay with the preceding sentence.
    static func isCloser(_ s: UInt32) -> Bool {
        switch s {
        case 0x22, 0x27, 0x29, 0x5D, 0x7D, 0x2019, 0x201D, 0x00BB, 0x203A, 0xFF09, 0xFF3D, 0xFF5D,
             0x300D, 0x300F, 0x3011, 0x300B, 0x3009, 0x3015, 0x3017, 0xFF02, 0xFF07:
            return true
        default:
            return false
        }
    }
}
