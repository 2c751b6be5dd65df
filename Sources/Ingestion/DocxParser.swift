/// Reads a DOCX (Office Open XML) file: `word/document.xml` for the text and `word/styles.xml`
/// to map style ids to names. Paragraphs (`w:p`) become blocks; a paragraph whose style is Title
/// or "heading N" (or style id HeadingN) is a heading; numbered/bulleted paragraphs are list items;
/// runs contribute `w:t` text, `w:tab` and `w:br`; tables (`w:tbl`) become rows (`TableRows`).
/// The title is the first Title or Heading 1 paragraph.
enum DocxParser {
    /// Parses the archive bytes.
    static func parse(_ bytes: [UInt8], limits: ImportLimits) throws(ParseFailure) -> ProseDocument {
        var zip = try ZipReader(bytes: bytes, limits: limits)
        guard let documentEntry = zip.entry(named: "word/document.xml") else {
            throw ParseFailure(.malformed, "not a Word document (no word/document.xml)")
        }
        var styles: [String: String] = [:]
        if let stylesEntry = zip.entry(named: "word/styles.xml") {
            styles = styleNames(try zip.read(stylesEntry))
        }
        return body(try zip.read(documentEntry), styles: styles)
    }

    /// Style id → lowercased style name, from styles.xml.
    static func styleNames(_ xml: [UInt8]) -> [String: String] {
        var tokenizer = MarkupTokenizer(bytes: xml)
        var names: [String: String] = [:]
        var currentID: String?
        while let token = tokenizer.next() {
            switch token {
            case .startTag(let name, let attributes, _):
                if name == "w:style" {
                    currentID = tokenizer.attribute("w:styleId", in: attributes)
                } else if name == "w:name", let id = currentID, let value = tokenizer.attribute("w:val", in: attributes) {
                    names[id] = value.lowercased()
                }
            case .endTag(let name) where name == "w:style":
                currentID = nil
            default:
                break
            }
        }
        return names
    }

    /// The heading level of a paragraph style: Title → 1, "heading N" / HeadingN → N.
    static func headingLevel(styleID: String, styles: [String: String]) -> Int? {
        let name = styles[styleID] ?? styleID.lowercased()
        if name == "title" { return 1 }
        for prefix in ["heading ", "heading"] where name.hasPrefix(prefix) {
            if let n = Int(name.dropFirst(prefix.count)), (1...9).contains(n) { return n }
        }
        return nil
    }

    private struct Paragraph {
        var text: [UInt8] = []
        var styleID: String?
        var isList = false
    }

    private struct Table {
        var rows: [[String]] = []
        var row: [String]? = nil
        var cell: [UInt8]? = nil
    }

    /// The blocks of document.xml.
    static func body(_ xml: [UInt8], styles: [String: String]) -> ProseDocument {
        var tokenizer = MarkupTokenizer(bytes: xml)
        var blocks: [TextBlock] = []
        var title: String?
        var paragraphs: [Paragraph] = []
        var tables: [Table] = []
        var inText = false
        var propertiesDepth = 0   // inside w:pPr / w:rPr / w:tblPr ... (tab stops are not tabs)
        var skipDepth = 0         // inside mc:Fallback, w:del, w:instrText ...

        func append(_ bytes: some Sequence<UInt8>) {
            guard !paragraphs.isEmpty else { return }
            paragraphs[paragraphs.count - 1].text.append(contentsOf: bytes)
        }

        func endParagraph() {
            guard let paragraph = paragraphs.popLast() else { return }
            let text = String(decoding: paragraph.text, as: UTF8.self).trimmedSpaces()
            guard !text.isEmpty else { return }
            if !tables.isEmpty, tables[tables.count - 1].cell != nil {
                if !tables[tables.count - 1].cell!.isEmpty { tables[tables.count - 1].cell!.append(0x20) }
                tables[tables.count - 1].cell!.append(contentsOf: text.utf8)
                return
            }
            if let id = paragraph.styleID, let level = headingLevel(styleID: id, styles: styles) {
                if level == 1 && title == nil { title = text }
                blocks.append(TextBlock(.heading(level: level), text))
            } else {
                let styleName = paragraph.styleID.map { styles[$0] ?? $0.lowercased() } ?? ""
                let isList = paragraph.isList || styleName.hasPrefix("list")
                blocks.append(TextBlock(isList ? .listItem : .paragraph, text))
            }
        }

        func finishCell() {
            guard var table = tables.popLast() else { return }
            if let cell = table.cell {
                table.row = (table.row ?? []) + [String(decoding: cell, as: UTF8.self).trimmedSpaces()]
                table.cell = nil
            }
            tables.append(table)
        }

        func finishRow() {
            finishCell()
            guard var table = tables.popLast() else { return }
            if let row = table.row, !row.isEmpty { table.rows.append(row) }
            table.row = nil
            tables.append(table)
        }

        func closeTable() {
            finishRow()
            guard let table = tables.popLast() else { return }
            let rows = TableRows.render(table.rows)
            if tables.isEmpty {
                for row in rows { blocks.append(TextBlock(.tableRow, row)) }
            } else if tables[tables.count - 1].cell != nil {
                tables[tables.count - 1].cell!.append(contentsOf: (" " + rows.joined(separator: "; ")).utf8)
            }
        }

        // Switches, not sets: comparing short names is cheaper than hashing them for every tag.
        func isSkipped(_ name: String) -> Bool {
            switch name {
            case "mc:fallback", "w:del", "w:instrtext", "w:deltext", "w:footnotereference": true
            default: false
            }
        }
        func isProperties(_ name: String) -> Bool {
            switch name {
            case "w:ppr", "w:rpr", "w:tblpr", "w:tcpr", "w:trpr", "w:sectpr": true
            default: false
            }
        }

        while let token = tokenizer.next() {
            switch token {
            case .text(let range):
                if inText && skipDepth == 0 {
                    var decoded = [UInt8]()
                    Entities.decodeAll(tokenizer.bytes[range], into: &decoded)
                    append(decoded)
                }
            case .rawText(let range):
                if inText && skipDepth == 0 { append(tokenizer.bytes[range]) }
            case .startTag(let name, let attributes, let selfClosing):
                if isSkipped(name) { if !selfClosing { skipDepth += 1 }; continue }
                if isProperties(name) && !selfClosing { propertiesDepth += 1 }
                switch name {
                case "w:p":
                    paragraphs.append(Paragraph())
                    if selfClosing { endParagraph() }
                case "w:pstyle":
                    if !paragraphs.isEmpty, let value = tokenizer.attribute("w:val", in: attributes) {
                        paragraphs[paragraphs.count - 1].styleID = value
                    }
                case "w:numpr":
                    if !paragraphs.isEmpty { paragraphs[paragraphs.count - 1].isList = true }
                case "w:t":
                    inText = !selfClosing
                case "w:tab" where propertiesDepth == 0:
                    append([0x09])
                case "w:br", "w:cr":
                    append([0x0A])
                case "w:nobreakhyphen":
                    append([UInt8(ascii: "-")])
                case "w:tbl":
                    tables.append(Table())
                case "w:tr":
                    if !tables.isEmpty { finishRow(); tables[tables.count - 1].row = [] }
                case "w:tc":
                    if !tables.isEmpty {
                        finishCell()
                        if tables[tables.count - 1].row == nil { tables[tables.count - 1].row = [] }
                        tables[tables.count - 1].cell = []
                    }
                default:
                    break
                }
            case .endTag(let name):
                if isSkipped(name) { skipDepth = max(0, skipDepth - 1); continue }
                if isProperties(name) { propertiesDepth = max(0, propertiesDepth - 1) }
                switch name {
                case "w:p": endParagraph()
                case "w:t": inText = false
                case "w:tc": if !tables.isEmpty { finishCell() }
                case "w:tr": if !tables.isEmpty { finishRow() }
                case "w:tbl": if !tables.isEmpty { closeTable() }
                default: break
                }
            }
        }
        while !paragraphs.isEmpty { endParagraph() }
        while !tables.isEmpty { closeTable() }
        return ProseDocument(title: title, blocks: blocks)
    }
}
