/// Turns HTML into `TextBlock`s with `MarkupTokenizer`: the content of script, style, noscript,
/// template, svg, head (except `<title>`) and similar elements is dropped; h1–h6 are headings;
/// p, div, li, br, tr and the other block elements end blocks; tables become rows (`TableRows`);
/// entities are decoded; whitespace is collapsed outside `<pre>`. Malformed markup is tolerated.
/// A page's chrome (`<nav>` menus, `<footer>` notices) is dropped too, so a saved web page's links
/// and copyright lines do not join its last section; a chrome element left open ends at `<main>`,
/// `<article>`, `<h1>` or `</body>`, so malformed markup loses no content.
struct HTMLParser {
    private static let dropped: Set<String> = [
        "script", "style", "noscript", "template", "svg", "head", "iframe", "object", "canvas", "math", "select", "button",
        "nav", "footer",
    ]
    private static let chrome: Set<String> = ["nav", "footer"]
    private static let blockElements: Set<String> = [
        "p", "div", "br", "hr", "ul", "ol", "dl", "dt", "dd", "section", "article", "header", "footer", "main",
        "aside", "nav", "blockquote", "figure", "figcaption", "form", "fieldset", "address", "details", "summary",
        "center", "body", "html", "caption", "legend", "option", "label",
    ]
    private static let rawText: Set<String> = ["script", "style", "title", "textarea", "xmp", "noscript", "template"]

    private enum Mode { case paragraph, listItem, heading(Int), code }

    private struct Table {
        var rows: [[String]] = []
        var row: [String]? = nil
        var cell: [UInt8]? = nil
    }

    private var tokenizer: MarkupTokenizer
    private var blocks: [TextBlock] = []
    private var title: String?
    private var firstH1: String?
    private var buffer = [UInt8]()
    private var mode = Mode.paragraph
    private var listDepth = 0
    private var preDepth = 0
    private var dropStack: [String] = []
    private var tables: [Table] = []
    /// The name of the start tag just read (raw text belongs to it).
    private var lastStart = ""

    private init(bytes: [UInt8]) {
        tokenizer = MarkupTokenizer(bytes: bytes, rawTextElements: Self.rawText)
    }

    /// Parses a whole document. The title is `<title>`, else the first `<h1>`.
    static func parse(_ bytes: [UInt8]) -> ProseDocument {
        var parser = HTMLParser(bytes: bytes)
        parser.run()
        return ProseDocument(title: parser.title ?? parser.firstH1, blocks: parser.blocks)
    }

    private mutating func run() {
        while let token = tokenizer.next() {
            switch token {
            case .text(let range):
                guard dropStack.isEmpty else { continue }
                if !tables.isEmpty {
                    guard tables[tables.count - 1].cell != nil else { continue }
                    appendText(range, to: &tables[tables.count - 1].cell!, collapse: true)
                } else {
                    appendText(range, to: &buffer, collapse: preDepth == 0)
                }
            case .rawText(let range):
                // Only <title> content matters; script/style/... are dropped.
                if title == nil, lastStart == "title", dropStack.allSatisfy({ $0 == "head" }) {
                    var out = [UInt8]()
                    appendText(range, to: &out, collapse: true)
                    let text = String(decoding: out, as: UTF8.self).trimmedSpaces()
                    if !text.isEmpty { title = text }
                }
            case .startTag(let name, _, let selfClosing):
                lastStart = name
                start(name, selfClosing: selfClosing)
            case .endTag(let name):
                lastStart = ""
                end(name)
            }
        }
        while !tables.isEmpty { closeTable() }
        flush()
    }

    private mutating func start(_ name: String, selfClosing: Bool) {
        if name == "body" || name == "html" { dropStack.removeAll { $0 == "head" } }
        if name == "main" || name == "article" || name == "h1" { dropStack.removeAll { Self.chrome.contains($0) } }
        if Self.dropped.contains(name) {
            if !selfClosing { dropStack.append(name) }
            return
        }
        guard dropStack.isEmpty else { return }
        switch name {
        case "h1", "h2", "h3", "h4", "h5", "h6":
            if boundaryInCell() { return }
            flush()
            mode = .heading(Int(name.utf8.last! - 0x30))
        case "li":
            if boundaryInCell() { return }
            flush()
            listDepth += 1
            mode = .listItem
        case "pre":
            if boundaryInCell() { return }
            flush()
            preDepth += 1
            mode = .code
        case "table":
            if tables.isEmpty { flush() }
            tables.append(Table())
        case "tr":
            guard !tables.isEmpty else { return }
            finishRow()
            tables[tables.count - 1].row = []
        case "td", "th":
            guard !tables.isEmpty else { return }
            finishCell()
            if tables[tables.count - 1].row == nil { tables[tables.count - 1].row = [] }
            tables[tables.count - 1].cell = []
        default:
            if Self.blockElements.contains(name) {
                if boundaryInCell() { return }
                if case .heading = mode, name == "br" { buffer.append(0x20); return }
                flush()
            }
        }
    }

    private mutating func end(_ name: String) {
        if name == "body" { dropStack.removeAll { Self.chrome.contains($0) } }
        if Self.dropped.contains(name) {
            if let index = dropStack.lastIndex(of: name) { dropStack.removeSubrange(index...) }
            return
        }
        guard dropStack.isEmpty else { return }
        switch name {
        case "h1", "h2", "h3", "h4", "h5", "h6":
            if boundaryInCell() { return }
            flush()
        case "li":
            if boundaryInCell() { return }
            flush()
            listDepth = max(0, listDepth - 1)
            mode = baseMode
        case "pre":
            if boundaryInCell() { return }
            flush()
            preDepth = max(0, preDepth - 1)
            mode = baseMode
        case "td", "th":
            if !tables.isEmpty { finishCell() }
        case "tr":
            if !tables.isEmpty { finishRow() }
        case "table":
            if !tables.isEmpty { closeTable() }
        default:
            if Self.blockElements.contains(name) && !boundaryInCell() { flush() }
        }
    }

    private var baseMode: Mode { preDepth > 0 ? .code : (listDepth > 0 ? .listItem : .paragraph) }

    /// Inside a table cell a block boundary is only a space; returns true when that applied.
    private mutating func boundaryInCell() -> Bool {
        guard !tables.isEmpty else { return false }
        if tables[tables.count - 1].cell != nil { tables[tables.count - 1].cell!.append(0x20) }
        return true
    }

    private mutating func flush() {
        defer {
            buffer.removeAll(keepingCapacity: true)
            if case .heading = mode { mode = baseMode }
        }
        guard !buffer.isEmpty else { return }
        let text = String(decoding: buffer, as: UTF8.self).trimmedSpaces()
        guard !text.isEmpty else { return }
        switch mode {
        case .paragraph: blocks.append(TextBlock(.paragraph, text))
        case .listItem: blocks.append(TextBlock(.listItem, text))
        case .code: blocks.append(TextBlock(.code, text))
        case .heading(let level):
            if level == 1 && firstH1 == nil { firstH1 = text }
            blocks.append(TextBlock(.heading(level: level), text))
        }
    }

    private mutating func finishCell() {
        let t = tables.count - 1
        guard let cell = tables[t].cell else { return }
        tables[t].row = (tables[t].row ?? []) + [String(decoding: cell, as: UTF8.self).trimmedSpaces()]
        tables[t].cell = nil
    }

    private mutating func finishRow() {
        finishCell()
        let t = tables.count - 1
        if let row = tables[t].row, !row.isEmpty { tables[t].rows.append(row) }
        tables[t].row = nil
    }

    private mutating func closeTable() {
        finishRow()
        let table = tables.removeLast()
        let rows = TableRows.render(table.rows)
        if tables.isEmpty {
            for row in rows { blocks.append(TextBlock(.tableRow, row)) }
        } else if tables[tables.count - 1].cell != nil {
            tables[tables.count - 1].cell!.append(contentsOf: (" " + rows.joined(separator: "; ")).utf8)
        }
    }

    /// Appends text with entities decoded; with `collapse`, runs of whitespace become one space.
    private func appendText(_ range: Range<Int>, to out: inout [UInt8], collapse: Bool) {
        let bytes = tokenizer.bytes
        var i = range.lowerBound
        while i < range.upperBound {
            let b = bytes[i]
            if b == UInt8(ascii: "&"), let next = Entities.decode(bytes[range], at: i, into: &out) {
                i = next
                continue
            }
            if collapse && (b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D || b == 0x0C) {
                if let last = out.last, last != 0x20 { out.append(0x20) }
            } else if b != 0x0D {
                out.append(b)
            }
            i += 1
        }
    }
}
