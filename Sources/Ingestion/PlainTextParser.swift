/// Plain text: paragraphs are separated by blank lines; the lines of a paragraph are joined
/// with a space (nothing between two CJK characters). There is no title in the content.
enum PlainTextParser {
    /// Parses the whole text.
    static func parse(_ bytes: [UInt8]) -> ProseDocument {
        var blocks: [TextBlock] = []
        var paragraph = [UInt8]()
        var lineStart = 0
        var lineHasText = false

        func flushParagraph() {
            guard !paragraph.isEmpty else { return }
            let text = String(decoding: paragraph, as: UTF8.self).trimmedSpaces()
            if !text.isEmpty { blocks.append(TextBlock(.paragraph, text)) }
            paragraph.removeAll(keepingCapacity: true)
        }

        func endLine(_ end: Int) {
            guard lineHasText else { flushParagraph(); return }
            var lo = lineStart, hi = end
            while lo < hi, isSpace(bytes[lo]) { lo += 1 }
            while hi > lo, isSpace(bytes[hi - 1]) { hi -= 1 }
            if !paragraph.isEmpty {
                var k = paragraph.count - 1
                while k > 0 && paragraph[k] & 0xC0 == 0x80 { k -= 1 }
                let cjkJoin = paragraph[k] >= 0xE3 && paragraph[k] < 0xF8 && bytes[lo] >= 0xE3 && bytes[lo] < 0xF8
                if !cjkJoin { paragraph.append(0x20) }
            }
            paragraph.append(contentsOf: bytes[lo..<hi])
        }

        for i in 0..<bytes.count {
            let b = bytes[i]
            if b == 0x0A {
                endLine(i)
                lineStart = i + 1
                lineHasText = false
            } else if !lineHasText && !isSpace(b) {
                lineHasText = true
            }
        }
        endLine(bytes.count)
        flushParagraph()
        return ProseDocument(title: nil, blocks: blocks)
    }

    private static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0C }
}
