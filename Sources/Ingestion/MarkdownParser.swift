import TextAnalysis

/// A line-based Markdown parser producing `TextBlock`s: ATX and setext headings, paragraphs,
/// list items, block quotes (markers removed), pipe tables (rendered by `TableRows`), fenced code
/// (kept as text). YAML front matter and HTML comments are dropped. The first level-1 heading is the title.
struct MarkdownParser {
    private let bytes: [UInt8]
    private var lines: [Range<Int>] = []
    private var blocks: [TextBlock] = []
    private var title: String?
    /// Raw text of the open paragraph or list item, lines separated by `\n`.
    private var buffer: [UInt8] = []
    private var bufferIsListItem = false
    private var inComment = false
    private var quoteDepth = 0

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Parses the whole text.
    static func parse(_ bytes: [UInt8]) -> ProseDocument {
        var parser = MarkdownParser(bytes: bytes)
        return parser.run()
    }

    private mutating func run() -> ProseDocument {
        splitLines()
        var index = skipFrontMatter()
        while index < lines.count {
            index = step(index)
        }
        flush()
        return ProseDocument(title: title, blocks: blocks)
    }

    private mutating func splitLines() {
        var start = 0
        lines.reserveCapacity(bytes.count / 40)
        for i in 0..<bytes.count where bytes[i] == 0x0A {
            lines.append(start..<(i > start && bytes[i - 1] == 0x0D ? i - 1 : i))
            start = i + 1
        }
        if start < bytes.count { lines.append(start..<bytes.count) }
    }

    /// Index of the first line after a `---` ... `---` (or `...`) front matter block at the top.
    private func skipFrontMatter() -> Int {
        guard let first = lines.first, isRun(bytes[first], of: UInt8(ascii: "-"), exactly: 3) else { return 0 }
        for i in 1..<min(lines.count, 500) {
            let line = bytes[lines[i]]
            if isRun(line, of: UInt8(ascii: "-"), exactly: 3) || isRun(line, of: UInt8(ascii: "."), exactly: 3) { return i + 1 }
        }
        return 0
    }

    /// Handles the line at `index`; returns the index of the next line to handle.
    private mutating func step(_ index: Int) -> Int {
        guard let content = stripComments(bytes[lines[index]]) else { return index + 1 }  // only a comment
        var depth = 0
        var body = content
        while true {
            let trimmed = dropIndent(body, max: 3)
            guard let f = trimmed.first, f == UInt8(ascii: ">") else { break }
            depth += 1
            body = trimmed.dropFirst()
            if body.first == 0x20 { body = body.dropFirst() }
        }
        if depth != quoteDepth { flush(); quoteDepth = depth }
        if isBlank(body) { flush(); return index + 1 }

        let indented = dropIndent(body, max: 3)
        let indent = body.count - indented.count
        if let fence = fenceOpening(indented), indent <= 3 {
            flush()
            return fencedCode(from: index + 1, fence: fence, quoteDepth: depth)
        }
        if indent <= 3, let (level, text) = atxHeading(indented) {
            emitHeading(level: level, text: MarkdownInline.reduce(text))
            return index + 1
        }
        if !buffer.isEmpty && !bufferIsListItem && indent <= 3 {
            if isRun(indented, of: UInt8(ascii: "="), atLeast: 1) { setextHeading(level: 1); return index + 1 }
            if isRun(indented, of: UInt8(ascii: "-"), atLeast: 2) { setextHeading(level: 2); return index + 1 }
        }
        if indent <= 3 && isThematicBreak(indented) { flush(); return index + 1 }
        if indented.contains(UInt8(ascii: "|")), index + 1 < lines.count, isDelimiterRow(bytes[lines[index + 1]]) {
            flush()
            return table(from: index, quoteDepth: depth)
        }
        if buffer.isEmpty && indent <= 3 && isLinkReferenceDefinition(indented) { return index + 1 }
        if let item = listItemContent(indented) {
            flush()
            bufferIsListItem = true
            buffer.append(contentsOf: item)
            return index + 1
        }
        if !buffer.isEmpty { buffer.append(0x0A) }
        buffer.append(contentsOf: indented)
        return index + 1
    }

    private mutating func flush() {
        guard !buffer.isEmpty else { return }
        let text = MarkdownInline.reduce(buffer[...])
        if !text.isEmpty { blocks.append(TextBlock(bufferIsListItem ? .listItem : .paragraph, text)) }
        buffer.removeAll(keepingCapacity: true)
        bufferIsListItem = false
    }

    private mutating func emitHeading(level: Int, text: String) {
        flush()
        if level == 1 && title == nil && !text.isEmpty { title = text }
        blocks.append(TextBlock(.heading(level: level), text))
    }

    private mutating func setextHeading(level: Int) {
        let text = MarkdownInline.reduce(buffer[...])
        buffer.removeAll(keepingCapacity: true)
        emitHeading(level: level, text: text)
    }

    /// Removes `<!-- ... -->`, which may span lines; nil when nothing but comment remains.
    private mutating func stripComments(_ line: ArraySlice<UInt8>) -> ArraySlice<UInt8>? {
        guard inComment || line.contains(UInt8(ascii: "<")) else { return line }
        var out = [UInt8]()
        var i = line.startIndex
        var removed = false
        while i < line.endIndex {
            if inComment {
                removed = true
                if let close = find(Array("-->".utf8), in: line, from: i) { inComment = false; i = close + 3 } else { i = line.endIndex }
            } else if let open = find(Array("<!--".utf8), in: line, from: i) {
                out.append(contentsOf: line[i..<open])
                inComment = true
                i = open + 4
            } else {
                out.append(contentsOf: line[i...])
                break
            }
        }
        if removed && isBlank(out[...]) { return nil }
        return out[...]
    }

    private func fenceOpening(_ line: ArraySlice<UInt8>) -> (char: UInt8, count: Int)? {
        guard let c = line.first, c == UInt8(ascii: "`") || c == UInt8(ascii: "~") else { return nil }
        let count = line.prefix(while: { $0 == c }).count
        guard count >= 3 else { return nil }
        if c == UInt8(ascii: "`") && line.dropFirst(count).contains(UInt8(ascii: "`")) { return nil }
        return (c, count)
    }

    /// Collects a fenced code block; returns the index after the closing fence.
    private mutating func fencedCode(from start: Int, fence: (char: UInt8, count: Int), quoteDepth: Int) -> Int {
        var code = [UInt8]()
        var i = start
        while i < lines.count {
            var line = bytes[lines[i]]
            for _ in 0..<quoteDepth {
                let t = dropIndent(line, max: 3)
                if t.first == UInt8(ascii: ">") { line = t.dropFirst(); if line.first == 0x20 { line = line.dropFirst() } }
            }
            let t = dropIndent(line, max: 3)
            if t.prefix(while: { $0 == fence.char }).count >= fence.count && isBlank(t.drop(while: { $0 == fence.char })) {
                i += 1
                break
            }
            if !code.isEmpty { code.append(0x0A) }
            code.append(contentsOf: line)
            i += 1
        }
        let text = String(decoding: code, as: UTF8.self).trimmedSpaces()
        if !text.isEmpty { blocks.append(TextBlock(.code, text)) }
        return i
    }

    private func atxHeading(_ line: ArraySlice<UInt8>) -> (Int, ArraySlice<UInt8>)? {
        let level = line.prefix(while: { $0 == UInt8(ascii: "#") }).count
        guard level >= 1 && level <= 6 else { return nil }
        var rest = line.dropFirst(level)
        guard rest.isEmpty || rest.first == 0x20 || rest.first == 0x09 else { return nil }
        rest = trim(rest)
        let closing = rest.reversed().prefix(while: { $0 == UInt8(ascii: "#") }).count
        if closing > 0 {
            let before = rest.dropLast(closing)
            if before.isEmpty || before.last == 0x20 || before.last == 0x09 { rest = trim(before) }
        }
        return (level, rest)
    }

    private func isThematicBreak(_ line: ArraySlice<UInt8>) -> Bool {
        guard let c = line.first, c == UInt8(ascii: "-") || c == UInt8(ascii: "*") || c == UInt8(ascii: "_") else { return false }
        var count = 0
        for b in line {
            if b == c { count += 1 } else if b != 0x20 && b != 0x09 { return false }
        }
        return count >= 3
    }

    /// The content of a list item line (`- `, `* `, `+ `, `1. `, `1) `, task box removed), or nil.
    private func listItemContent(_ line: ArraySlice<UInt8>) -> ArraySlice<UInt8>? {
        let body = dropIndent(line, max: Int.max)
        guard let c = body.first else { return nil }
        var rest: ArraySlice<UInt8>
        if c == UInt8(ascii: "-") || c == UInt8(ascii: "*") || c == UInt8(ascii: "+") {
            rest = body.dropFirst()
        } else if c >= 0x30 && c <= 0x39 {
            let digits = body.prefix(while: { $0 >= 0x30 && $0 <= 0x39 }).count
            guard digits <= 9, body.count > digits else { return nil }
            let marker = body[body.startIndex + digits]
            guard marker == UInt8(ascii: ".") || marker == UInt8(ascii: ")") else { return nil }
            rest = body.dropFirst(digits + 1)
        } else {
            return nil
        }
        guard let space = rest.first, space == 0x20 || space == 0x09 else { return nil }
        rest = trim(rest)
        if rest.count >= 3, rest.first == UInt8(ascii: "["), rest[rest.startIndex + 2] == UInt8(ascii: "]"),
           [0x20, UInt8(ascii: "x"), UInt8(ascii: "X")].contains(rest[rest.startIndex + 1]) {
            rest = trim(rest.dropFirst(3))
        }
        return rest.isEmpty ? nil : rest
    }

    /// `[label]: destination` lines define reference links and are not text.
    private func isLinkReferenceDefinition(_ line: ArraySlice<UInt8>) -> Bool {
        guard line.first == UInt8(ascii: "["), let close = line.firstIndex(of: UInt8(ascii: "]")),
              close > line.startIndex + 1, close + 1 < line.endIndex, line[close + 1] == UInt8(ascii: ":") else { return false }
        return !line[line.startIndex..<close].dropFirst().contains(UInt8(ascii: "["))
    }

    private func isDelimiterRow(_ line: ArraySlice<UInt8>) -> Bool {
        var body = trim(line)
        while body.first == UInt8(ascii: ">") { body = trim(body.dropFirst()) }
        guard body.contains(UInt8(ascii: "-")) else { return false }
        return body.allSatisfy { $0 == UInt8(ascii: "|") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ":") || $0 == 0x20 || $0 == 0x09 }
            && (body.contains(UInt8(ascii: "|")) || body.contains(UInt8(ascii: ":")))
    }

    /// Collects a pipe table (header, delimiter, rows); returns the index after it.
    private mutating func table(from start: Int, quoteDepth: Int) -> Int {
        var rows: [[String]] = [cells(bytes[lines[start]])]
        var i = start + 2
        while i < lines.count {
            var line = bytes[lines[i]]
            for _ in 0..<quoteDepth {
                let t = dropIndent(line, max: 3)
                if t.first == UInt8(ascii: ">") { line = t.dropFirst() }
            }
            guard !isBlank(line), line.contains(UInt8(ascii: "|")) else { break }
            rows.append(cells(line))
            i += 1
        }
        for row in TableRows.render(rows) { blocks.append(TextBlock(.tableRow, row)) }
        return i
    }

    /// The cells of a table line: split on `|` outside code spans and escapes, outer pipes dropped.
    private func cells(_ raw: ArraySlice<UInt8>) -> [String] {
        var line = trim(raw)
        while line.first == UInt8(ascii: ">") { line = trim(line.dropFirst()) }
        if line.first == UInt8(ascii: "|") { line = line.dropFirst() }
        if line.last == UInt8(ascii: "|") && !(line.count >= 2 && line[line.endIndex - 2] == UInt8(ascii: "\\")) { line = line.dropLast() }
        // Every byte but a separating `|` belongs to the cell, so a cell is a slice of the line.
        var result: [String] = []
        var cellStart = line.startIndex
        var inCode = false
        var i = line.startIndex
        while i < line.endIndex {
            let b = line[i]
            if b == UInt8(ascii: "\\") && i + 1 < line.endIndex && line[i + 1] == UInt8(ascii: "|") {
                i += 2; continue
            }
            if b == UInt8(ascii: "`") { inCode.toggle() }
            if b == UInt8(ascii: "|") && !inCode {
                result.append(MarkdownInline.reduce(line[cellStart..<i]))
                cellStart = i + 1
            }
            i += 1
        }
        result.append(MarkdownInline.reduce(line[cellStart..<line.endIndex]))
        return result
    }

    // MARK: byte helpers

    private func dropIndent(_ line: ArraySlice<UInt8>, max: Int) -> ArraySlice<UInt8> {
        var i = line.startIndex
        var width = 0
        while i < line.endIndex, line[i] == 0x20 || line[i] == 0x09, width < max {
            width += line[i] == 0x09 ? 4 : 1
            i += 1
        }
        return line[i...]
    }

    private func trim(_ s: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var lo = s.startIndex, hi = s.endIndex
        while lo < hi, s[lo] == 0x20 || s[lo] == 0x09 { lo += 1 }
        while hi > lo, s[hi - 1] == 0x20 || s[hi - 1] == 0x09 { hi -= 1 }
        return s[lo..<hi]
    }

    private func isBlank(_ s: ArraySlice<UInt8>) -> Bool {
        s.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
    }

    private func isRun(_ s: ArraySlice<UInt8>, of c: UInt8, exactly n: Int) -> Bool {
        let t = trim(s)
        return t.count == n && t.allSatisfy { $0 == c }
    }

    private func isRun(_ s: ArraySlice<UInt8>, of c: UInt8, atLeast n: Int) -> Bool {
        let t = trim(s)
        return t.count >= n && t.allSatisfy { $0 == c }
    }

    private func find(_ needle: [UInt8], in hay: ArraySlice<UInt8>, from: Int) -> Int? {
        hay.withUnsafeBufferPointer { h in
            needle.withUnsafeBufferPointer { n in ByteSearch.firstOffset(of: n, in: h, from: from - hay.startIndex) }
        }.map { $0 + hay.startIndex }
    }
}
