/// Reduces Markdown inline markup to its text: links and images to their text, emphasis
/// markers removed, code spans to their content, backslash escapes resolved, inline HTML tags
/// and comments dropped, entities decoded, soft line breaks joined (no space between CJK characters).
enum MarkdownInline {
    /// How far a construct may reach for its closing delimiter; keeps pathological input linear.
    private static let maxReach = 4096

    /// The reduced text of `src`, trimmed.
    static func reduce(_ src: ArraySlice<UInt8>) -> String {
        var out = [UInt8]()
        out.reserveCapacity(src.count)
        reduce(src, into: &out)
        // ASCII spaces are trimmed as bytes; only a non-ASCII end can be another Unicode space.
        var lo = 0, hi = out.count
        while lo < hi, isASCIISpace(out[lo]) { lo += 1 }
        while hi > lo, isASCIISpace(out[hi - 1]) { hi -= 1 }
        let text = String(decoding: out[lo..<hi], as: UTF8.self)
        return lo < hi && (out[lo] >= 0x80 || out[hi - 1] >= 0x80) ? text.trimmedSpaces() : text
    }

    @inline(__always)
    private static func isASCIISpace(_ b: UInt8) -> Bool { b == 0x20 || (b >= 0x09 && b <= 0x0D) }

    /// Appends the reduced text of `src` to `out`.
    static func reduce(_ src: ArraySlice<UInt8>, into out: inout [UInt8]) {
        var i = src.startIndex
        let end = src.endIndex
        // Bytes the bracket matcher may scan in this run, all `[` together: a long run of
        // unclosed brackets would otherwise cost up to `maxReach` bytes each. Once spent, a `[`
        // is literal text. Real Markdown needs a small share of it.
        var budget = 8 * src.count + 2 * maxReach
        while i < end {
            let b = src[i]
            switch b {
            case UInt8(ascii: "\\"):
                if i + 1 < end, isPunct(src[i + 1]) {
                    out.append(src[i + 1]); i += 2
                } else if i + 1 < end, src[i + 1] == 0x0A {
                    i += 1  // hard break; the newline is handled next
                } else { out.append(b); i += 1 }
            case UInt8(ascii: "`"):
                i = codeSpan(src, at: i, into: &out)
            case UInt8(ascii: "!") where i + 1 < end && src[i + 1] == UInt8(ascii: "["):
                if let next = link(src, at: i + 1, budget: &budget, into: &out) { i = next } else { out.append(b); i += 1 }
            case UInt8(ascii: "["):
                if let next = link(src, at: i, budget: &budget, into: &out) { i = next } else { out.append(b); i += 1 }
            case UInt8(ascii: "<"):
                i = angle(src, at: i, into: &out)
            case UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "~"):
                i = emphasis(src, at: i, into: &out)
            case UInt8(ascii: "&"):
                if let next = Entities.decode(src, at: i, into: &out) { i = next } else { out.append(b); i += 1 }
            case 0x0A:
                softBreak(src, next: i + 1, into: &out)
                i += 1
            case 0x0D:
                i += 1
            default:
                // A run of bytes without markup is copied at once (most of the text).
                var j = i + 1
                while j < end && !isSpecial(src[j]) { j += 1 }
                out.append(contentsOf: src[i..<j])
                i = j
            }
        }
    }

    /// The bytes `reduce` switches on; every other byte is copied as it is.
    @inline(__always)
    private static func isSpecial(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "\\"), UInt8(ascii: "`"), UInt8(ascii: "!"), UInt8(ascii: "["), UInt8(ascii: "<"),
             UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "&"), 0x0A, 0x0D:
            return true
        default:
            return false
        }
    }

    /// Joins two lines: trailing spaces dropped, then a space unless both sides are CJK.
    static func softBreak(_ src: ArraySlice<UInt8>, next: Int, into out: inout [UInt8]) {
        while let last = out.last, last == 0x20 || last == 0x09 { out.removeLast() }
        guard !out.isEmpty else { return }
        var k = out.count - 1
        while k > 0 && out[k] & 0xC0 == 0x80 { k -= 1 }
        var n = next
        while n < src.endIndex && (src[n] == 0x20 || src[n] == 0x09) { n += 1 }
        let cjkBefore = out[k] >= 0xE3 && out[k] < 0xF8
        let cjkAfter = n < src.endIndex && src[n] >= 0xE3 && src[n] < 0xF8
        if !(cjkBefore && cjkAfter) { out.append(0x20) }
    }

    private static func codeSpan(_ src: ArraySlice<UInt8>, at start: Int, into out: inout [UInt8]) -> Int {
        var i = start
        while i < src.endIndex && src[i] == UInt8(ascii: "`") { i += 1 }
        let run = i - start
        var j = i
        let limit = min(src.endIndex, i + maxReach)
        while j < limit {
            if src[j] == UInt8(ascii: "`") {
                var k = j
                while k < src.endIndex && src[k] == UInt8(ascii: "`") { k += 1 }
                if k - j == run {
                    var content = src[i..<j]
                    if content.count > 1, content.first == 0x20, content.last == 0x20 { content = content.dropFirst().dropLast() }
                    for c in content { out.append(c == 0x0A ? 0x20 : c) }
                    return k
                }
                j = k
            } else { j += 1 }
        }
        out.append(contentsOf: src[start..<i])
        return i
    }

    /// `[text](url)`, `[text][ref]` or `![alt](url)` starting at the `[`; nil when it is not a link.
    private static func link(_ src: ArraySlice<UInt8>, at open: Int, budget: inout Int, into out: inout [UInt8]) -> Int? {
        guard let close = matching(src, from: open, open: UInt8(ascii: "["), close: UInt8(ascii: "]"), budget: &budget) else { return nil }
        let after = close + 1
        guard after < src.endIndex else { return nil }
        let end: Int
        if src[after] == UInt8(ascii: "(") {
            guard let paren = matching(src, from: after, open: UInt8(ascii: "("), close: UInt8(ascii: ")"), budget: &budget) else { return nil }
            end = paren + 1
        } else if src[after] == UInt8(ascii: "[") {
            guard let bracket = matching(src, from: after, open: UInt8(ascii: "["), close: UInt8(ascii: "]"), budget: &budget) else { return nil }
            end = bracket + 1
        } else {
            return nil
        }
        reduce(src[(open + 1)..<close], into: &out)
        return end
    }

    /// The index of the delimiter closing the one at `from`, nesting and escapes respected.
    /// Every byte looked at is taken from `budget`; nil once it is spent.
    private static func matching(_ src: ArraySlice<UInt8>, from: Int, open: UInt8, close: UInt8, budget: inout Int) -> Int? {
        var depth = 0
        var i = from
        let limit = min(src.endIndex, from + maxReach, from + max(budget, 0))
        defer { budget -= i - from }
        while i < limit {
            let b = src[i]
            if b == UInt8(ascii: "\\") { i += 2; continue }
            if b == open { depth += 1 } else if b == close {
                depth -= 1
                if depth == 0 { return i }
            }
            i += 1
        }
        return nil
    }

    /// An autolink (`<https://...>`) keeps its address; an HTML tag or comment is dropped; else a literal `<`.
    private static func angle(_ src: ArraySlice<UInt8>, at start: Int, into out: inout [UInt8]) -> Int {
        let next = start + 1
        guard next < src.endIndex else { out.append(src[start]); return next }
        let c = src[next]
        let isTagStart = isLetter(c) || c == UInt8(ascii: "/") || c == UInt8(ascii: "!")
        guard isTagStart else { out.append(src[start]); return next }
        var j = next
        let limit = min(src.endIndex, start + maxReach)
        while j < limit && src[j] != UInt8(ascii: ">") && src[j] != UInt8(ascii: "<") { j += 1 }
        guard j < limit, src[j] == UInt8(ascii: ">") else { out.append(src[start]); return next }
        let inner = src[next..<j]
        if inner.contains(UInt8(ascii: ":")) && !inner.contains(0x20) {
            out.append(contentsOf: inner)  // autolink
        } else if inner.count >= 2, inner.prefix(2).elementsEqual("br".utf8) || inner.prefix(2).elementsEqual("BR".utf8) {
            out.append(0x20)
        }
        return j + 1
    }

    /// Emphasis runs of `*`, `_` and `~~` are dropped when they open or close emphasis.
    private static func emphasis(_ src: ArraySlice<UInt8>, at start: Int, into out: inout [UInt8]) -> Int {
        let c = src[start]
        var j = start
        while j < src.endIndex && src[j] == c { j += 1 }
        let before: UInt8 = start > src.startIndex ? src[start - 1] : 0x20
        let after: UInt8 = j < src.endIndex ? src[j] : 0x20
        let spaceBefore = isSpace(before), spaceAfter = isSpace(after)
        let drop: Bool
        switch c {
        case UInt8(ascii: "*"):
            drop = !(spaceBefore && spaceAfter)
        case UInt8(ascii: "_"):
            let edgeBefore = spaceBefore || isPunct(before), edgeAfter = spaceAfter || isPunct(after)
            drop = edgeBefore != edgeAfter
        default:
            drop = j - start == 2 && !(spaceBefore && spaceAfter)
        }
        if !drop { out.append(contentsOf: src[start..<j]) }
        return j
    }

    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }

    static func isLetter(_ b: UInt8) -> Bool { (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) }

    static func isPunct(_ b: UInt8) -> Bool {
        (b >= 0x21 && b <= 0x2F) || (b >= 0x3A && b <= 0x40) || (b >= 0x5B && b <= 0x60) || (b >= 0x7B && b <= 0x7E)
    }
}
