/// A tolerant tokenizer for HTML and XML over UTF-8 bytes. It never fails: anything that is not
/// a well-formed tag, comment, CDATA section or declaration is text. Tag names are lowercased.
struct MarkupTokenizer {
    /// One piece of markup. Ranges index the tokenizer's `bytes`.
    enum Token {
        /// Character data; entities not yet decoded.
        case text(Range<Int>)
        /// The content of a raw-text element (`script`, `style`, `title`, ...) or a CDATA section.
        case rawText(Range<Int>)
        /// `<name attributes>`; `attributes` is the text between the name and `>`.
        case startTag(name: String, attributes: Range<Int>, selfClosing: Bool)
        /// `</name>`.
        case endTag(name: String)
    }

    let bytes: [UInt8]
    private(set) var position = 0
    /// Elements whose content is not markup (HTML: script, style, title, textarea, ...).
    private let rawTextElements: Set<String>
    private var pendingRawText: String?

    init(bytes: [UInt8], rawTextElements: Set<String> = []) {
        self.bytes = bytes
        self.rawTextElements = rawTextElements
    }

    /// The next token, or nil at the end.
    mutating func next() -> Token? {
        if let name = pendingRawText {
            pendingRawText = nil
            let end = findClosingTag(name, from: position) ?? bytes.count
            let range = position..<end
            position = end
            if !range.isEmpty { return .rawText(range) }
        }
        while position < bytes.count {
            if bytes[position] != UInt8(ascii: "<") {
                let start = position
                position = find(UInt8(ascii: "<"), from: position) ?? bytes.count
                return .text(start..<position)
            }
            if let token = markup() { return token }
        }
        return nil
    }

    /// Reads the construct at a `<`; returns nil when it was skipped (comment, declaration).
    private mutating func markup() -> Token? {
        let start = position
        let next = start + 1
        guard next < bytes.count else { position = bytes.count; return .text(start..<bytes.count) }
        let c = bytes[next]
        if c == UInt8(ascii: "!") {
            if hasPrefix("<!--", at: start) {
                position = (findSequence(Array("-->".utf8), from: start + 4).map { $0 + 3 }) ?? bytes.count
                return nil
            }
            if hasPrefix("<![CDATA[", at: start) {
                let contentStart = start + 9
                let end = findSequence(Array("]]>".utf8), from: contentStart) ?? bytes.count
                position = min(bytes.count, end + 3)
                return .rawText(contentStart..<end)
            }
            position = (find(UInt8(ascii: ">"), from: next).map { $0 + 1 }) ?? bytes.count
            return nil
        }
        if c == UInt8(ascii: "?") {
            position = (find(UInt8(ascii: ">"), from: next).map { $0 + 1 }) ?? bytes.count
            return nil
        }
        if c == UInt8(ascii: "/") {
            guard next + 1 < bytes.count, isNameStart(bytes[next + 1]) else { return literalLessThan(start) }
            let (name, afterName) = readName(from: next + 1)
            position = (find(UInt8(ascii: ">"), from: afterName).map { $0 + 1 }) ?? bytes.count
            return .endTag(name: name)
        }
        guard isNameStart(c) else { return literalLessThan(start) }
        let (name, afterName) = readName(from: next)
        guard let close = tagEnd(from: afterName) else {
            position = bytes.count  // unterminated tag at the end of the input: dropped
            return nil
        }
        position = close + 1
        let selfClosing = close > afterName && bytes[close - 1] == UInt8(ascii: "/")
        if !selfClosing && !rawTextElements.isEmpty && rawTextElements.contains(name) { pendingRawText = name }
        return .startTag(name: name, attributes: afterName..<(selfClosing ? close - 1 : close), selfClosing: selfClosing)
    }

    private mutating func literalLessThan(_ start: Int) -> Token {
        position = find(UInt8(ascii: "<"), from: start + 1) ?? bytes.count
        return .text(start..<position)
    }

    /// The value of attribute `name` (case-insensitive, entities decoded) in a start tag's attribute text.
    func attribute(_ name: String, in range: Range<Int>) -> String? {
        let wanted = Array(name.lowercased().utf8)
        var i = range.lowerBound
        while i < range.upperBound {
            while i < range.upperBound && (isSpace(bytes[i]) || bytes[i] == UInt8(ascii: "/")) { i += 1 }
            let nameStart = i
            while i < range.upperBound && !isSpace(bytes[i]) && bytes[i] != UInt8(ascii: "=") && bytes[i] != UInt8(ascii: "/") { i += 1 }
            let nameEnd = i
            while i < range.upperBound && isSpace(bytes[i]) { i += 1 }
            var value: Range<Int>? = nil
            if i < range.upperBound && bytes[i] == UInt8(ascii: "=") {
                i += 1
                while i < range.upperBound && isSpace(bytes[i]) { i += 1 }
                if i < range.upperBound && (bytes[i] == UInt8(ascii: "\"") || bytes[i] == UInt8(ascii: "'")) {
                    let quote = bytes[i]
                    let vStart = i + 1
                    var j = vStart
                    while j < range.upperBound && bytes[j] != quote { j += 1 }
                    value = vStart..<j
                    i = min(range.upperBound, j + 1)
                } else {
                    let vStart = i
                    while i < range.upperBound && !isSpace(bytes[i]) { i += 1 }
                    value = vStart..<i
                }
            }
            if nameEnd > nameStart && nameEnd - nameStart == wanted.count
                && zip(bytes[nameStart..<nameEnd], wanted).allSatisfy({ lower($0) == $1 }) {
                guard let value else { return "" }
                var out = [UInt8]()
                Entities.decodeAll(bytes[value], into: &out)
                return String(decoding: out, as: UTF8.self)
            }
            if nameEnd == nameStart { i += 1 }
        }
        return nil
    }

    // MARK: scanning helpers

    private func readName(from start: Int) -> (String, Int) {
        var i = start
        var hasUpper = false
        while i < bytes.count, isNameChar(bytes[i]) {
            if bytes[i] >= 0x41 && bytes[i] <= 0x5A { hasUpper = true }
            i += 1
        }
        let name = hasUpper ? String(decoding: bytes[start..<i].map(lower), as: UTF8.self)
                            : String(decoding: bytes[start..<i], as: UTF8.self)  // no copy for lowercase names
        return (name, i)
    }

    /// The index of the `>` ending a start tag, skipping quoted values; falls back to the first `>`
    /// when a quote is never closed.
    private func tagEnd(from start: Int) -> Int? {
        var i = start
        var quote: UInt8 = 0
        while i < bytes.count {
            let b = bytes[i]
            if quote != 0 {
                if b == quote { quote = 0 }
            } else if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") {
                if i > start && (bytes[i - 1] == UInt8(ascii: "=") || isSpace(bytes[i - 1])) { quote = b }
            } else if b == UInt8(ascii: ">") {
                return i
            }
            i += 1
        }
        return find(UInt8(ascii: ">"), from: start)
    }

    /// The index of `</name` (case-insensitive) at or after `from`.
    private func findClosingTag(_ name: String, from: Int) -> Int? {
        let n = Array(name.utf8)
        var i = from
        while let lt = find(UInt8(ascii: "<"), from: i) {
            if lt + 2 + n.count <= bytes.count, bytes[lt + 1] == UInt8(ascii: "/") {
                var k = 0
                while k < n.count && lower(bytes[lt + 2 + k]) == n[k] { k += 1 }
                if k == n.count && (lt + 2 + k == bytes.count || !isNameChar(bytes[lt + 2 + k])) { return lt }
            }
            i = lt + 1
        }
        return nil
    }

    private func find(_ byte: UInt8, from: Int) -> Int? {
        var i = from
        while i < bytes.count {
            if bytes[i] == byte { return i }
            i += 1
        }
        return nil
    }

    private func findSequence(_ needle: [UInt8], from: Int) -> Int? {
        var i = from
        while let candidate = find(needle[0], from: i) {
            guard candidate + needle.count <= bytes.count else { return nil }
            if bytes[candidate..<(candidate + needle.count)].elementsEqual(needle) { return candidate }
            i = candidate + 1
        }
        return nil
    }

    private func hasPrefix(_ prefix: String, at i: Int) -> Bool {
        let p = Array(prefix.utf8)
        guard i + p.count <= bytes.count else { return false }
        return bytes[i..<(i + p.count)].elementsEqual(p)
    }

    private func isNameStart(_ b: UInt8) -> Bool { (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == UInt8(ascii: "_") }

    private func isNameChar(_ b: UInt8) -> Bool {
        isNameStart(b) || (b >= 0x30 && b <= 0x39) || b == UInt8(ascii: ":") || b == UInt8(ascii: "-") || b == UInt8(ascii: ".")
    }

    private func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0C }

    private func lower(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b + 32 : b }
}
