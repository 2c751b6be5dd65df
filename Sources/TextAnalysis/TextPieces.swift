/// Cuts long texts into pieces that can be analyzed independently with exactly the
/// same result, so memory and cache use stay bounded on multi-megabyte inputs.
///
/// A cut is made only right after a punctuation mark that ends every analyzer
/// structure — CJK runs, Latin chains (it is not a joiner, comma or apostrophe) and
/// lexicon phrases (it is not a space, '-' or '_') — and only when the next character
/// is ASCII or a CJK ideograph, so the cut is also a grapheme-cluster boundary and
/// nothing can combine across it. Texts without such a mark stay whole.
enum TextPieces {
    /// Offsets of a piece's start in the whole text.
    struct Base {
        var utf8 = 0, utf16 = 0, characters = 0
    }

    /// Calls `body` for each piece of `text` (the whole text when it is short).
    static func forEach(in text: String, size: Int, _ body: (String, Base) -> Void) {
        let utf8 = text.utf8
        guard utf8.count > size * 2 else { body(text, Base()); return }
        var text = text
        let cuts: [Int] = text.withUTF8 { cutPoints($0, size: size) }
        var base = Base()
        var start = 0
        for end in cuts + [utf8.count] where end > start {
            let piece = text.withUTF8 { String(decoding: UnsafeBufferPointer(rebasing: $0[start..<end]), as: UTF8.self) }
            body(piece, base)
            base.utf8 = end
            base.utf16 += piece.utf16.count
            base.characters += piece.count
            start = end
        }
    }

    /// Byte offsets where `p` may be cut, roughly every `size` bytes.
    static func cutPoints(_ p: UnsafeBufferPointer<UInt8>, size: Int) -> [Int] {
        var cuts: [Int] = []
        var i = size
        while i < p.count - size {
            guard let cut = firstCut(p, from: i) else { break }
            cuts.append(cut)
            i = cut + size
        }
        return cuts
    }

    /// First safe cut at or after byte `from`.
    private static func firstCut(_ p: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        var i = from
        while i < p.count - 3 {
            let b = p[i]
            var end = -1
            switch b {
            case 0x21, 0x3F, 0x3B, 0x22, 0x28, 0x29, 0x5B, 0x5D, 0x7B, 0x7D, 0x3C, 0x3E, 0x7C:
                end = i + 1                                   // ! ? ; " ( ) [ ] { } < > |
            case 0xE3 where p[i + 1] == 0x80 && (p[i + 2] == 0x82 || p[i + 2] == 0x81):
                end = i + 3                                   // 。 、
            case 0xEF where p[i + 1] == 0xBC && [0x81, 0x8C, 0x9B, 0x9F].contains(p[i + 2]):
                end = i + 3                                   // ！ ， ； ？
            default:
                break
            }
            if end > 0 && end < p.count {
                let next = p[end]
                if next < 0x80 || (next >= 0xE4 && next <= 0xE9) { return end }
            }
            i += 1
        }
        return nil
    }
}
