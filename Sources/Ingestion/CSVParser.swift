import KnowledgeModel
import TextAnalysis

/// An RFC 4180 CSV/TSV parser over UTF-8 bytes: quoted fields, `""` escapes, line breaks inside
/// quotes, LF or CRLF records, blank lines skipped. Lenient where RFC 4180 is silent: a quote
/// inside an unquoted field is literal, and text after a closing quote is appended to the field.
/// An unterminated quoted field is `.malformed` with its starting line.
struct CSVParser {
    /// One record with the 1-based line where it starts.
    struct Record {
        var line: Int
        var fields: [String]
    }

    /// Parses all records (the header included). The BOM must already be stripped.
    static func parse(_ bytes: [UInt8], delimiter: UInt8) throws(ParseFailure) -> [Record] {
        var records: [Record] = []
        var fields: [String] = []
        var field = [UInt8]()
        var touched = false        // the current field has content or a quoted section
        var i = 0
        var line = 1
        var recordLine = 1
        let n = bytes.count

        func endField() {
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            touched = false
        }
        func endRecord() {
            let blank = fields.isEmpty && !touched
            endField()
            if !blank { records.append(Record(line: recordLine, fields: fields)) }
            fields.removeAll(keepingCapacity: true)
        }

        while i < n {
            let b = bytes[i]
            if b == UInt8(ascii: "\"") && !touched {
                let startLine = line
                touched = true
                i += 1
                var closed = false
                while i < n {
                    let c = bytes[i]
                    if c == UInt8(ascii: "\"") {
                        if i + 1 < n && bytes[i + 1] == UInt8(ascii: "\"") {
                            field.append(c); i += 2
                        } else {
                            i += 1; closed = true; break
                        }
                    } else {
                        if c == 0x0A { line += 1 }
                        field.append(c); i += 1
                    }
                }
                if !closed { throw ParseFailure(.malformed, "line \(startLine): unterminated quoted field") }
                continue
            }
            switch b {
            case delimiter:
                endField()
                i += 1
            case 0x0A:
                endRecord()
                line += 1
                recordLine = line
                i += 1
            case 0x0D where i + 1 < n && bytes[i + 1] == 0x0A:
                i += 1
            default:
                if !touched && (b == 0x20 || b == 0x09) && b != delimiter {
                    // Leading blanks before a quote are ignored; elsewhere they are kept.
                    var k = i
                    while k < n && (bytes[k] == 0x20 || bytes[k] == 0x09) && bytes[k] != delimiter { k += 1 }
                    if k < n && bytes[k] == UInt8(ascii: "\"") { i = k; continue }
                }
                field.append(b); touched = true; i += 1
            }
        }
        if touched || !fields.isEmpty { endRecord() }
        return records
    }

    /// Tab when the first line has more tabs than commas (outside quotes), else comma.
    static func sniffDelimiter(_ bytes: [UInt8]) -> UInt8 {
        var tabs = 0, commas = 0, inQuotes = false
        for b in bytes {
            if b == UInt8(ascii: "\"") { inQuotes.toggle() }
            if inQuotes { continue }
            if b == 0x0A { break }
            if b == 0x09 { tabs += 1 } else if b == UInt8(ascii: ",") { commas += 1 }
        }
        return tabs > commas ? 0x09 : UInt8(ascii: ",")
    }

    /// A header name normalised for matching: trimmed, lowercased, spaces and hyphens as `_`.
    ///
    /// Trims `CharacterSet.whitespacesAndNewlines` without Foundation, and works on bytes when the
    /// text is ASCII or caseless CJK: a 7 MB header line of 600,000 fields took 3.5 s before.
    static func normalizeHeader(_ name: String) -> String {
        let trimmed = UnicodeSpaces.trimmedLikeFoundation(name)
        return normalizedSimpleHeader(trimmed) ?? normalizedTrimmedHeader(trimmed)
    }

    /// The column a header cell names: `normalizeHeader`, aliases read as Switchboard's names.
    static func columnName(_ name: String) -> String {
        let normalized = normalizeHeader(name)
        return headerAliases[normalized] ?? normalized
    }

    /// Column names as other exports write them, read as Switchboard's: Chinese FAQ, intent and
    /// transcript exports (标准问题 → question, 相似问题 → similar_questions, 说话人 → speaker, ...)
    /// and chat logs (role → speaker, content or message → text, conversation_id → session).
    /// Only names with one meaning: 标签 is tags (FAQ), not an intent's label.
    static let headerAliases: [String: String] = TranscriptTurn.fieldAliases.merging([
        "问题": "question", "标准问题": "question", "标准问": "question",
        "答案": "answer", "回答": "answer", "答复": "answer", "标准答案": "answer",
        "相似问题": "similar_questions", "相似问法": "similar_questions", "相似问": "similar_questions",
        "扩展问题": "similar_questions", "扩展问法": "similar_questions", "扩展问": "similar_questions",
        "标签": "tags", "编号": "id", "文本": "text", "意图": "intent",
        "会话": "session", "会话id": "session", "轮次": "turn", "说话人": "speaker", "角色": "speaker", "内容": "text",
    ]) { own, _ in own }

    /// `normalizeHeader` of an already trimmed name, for any text (character by character).
    static func normalizedTrimmedHeader(_ trimmed: Substring) -> String {
        let lower = trimmed.lowercased()
        var out = ""
        var pendingUnderscore = false
        for ch in lower {
            if ch == " " || ch == "-" || ch == "_" || ch == "\t" {
                pendingUnderscore = !out.isEmpty
            } else {
                if pendingUnderscore { out.append("_"); pendingUnderscore = false }
                out.append(ch)
            }
        }
        return out
    }

    /// `normalizeHeader` byte by byte, for text of ASCII and caseless CJK scalars only (nil otherwise):
    /// there lowercasing is ASCII's, and no scalar joins a separator into a larger `Character`.
    private static func normalizedSimpleHeader(_ s: Substring) -> String? {
        var bytes = [UInt8]()
        bytes.reserveCapacity(s.utf8.count)
        var pendingUnderscore = false
        for scalar in s.unicodeScalars {
            let v = scalar.value
            if v == 0x20 || v == 0x2D || v == 0x5F || v == 0x09 {
                pendingUnderscore = !bytes.isEmpty
                continue
            }
            guard v < 0x80 || isCaselessStandalone(v) else { return nil }
            if pendingUnderscore { bytes.append(0x5F); pendingUnderscore = false }
            if v >= 0x41 && v <= 0x5A {
                bytes.append(UInt8(v + 32))
            } else {
                UTF8.encode(scalar) { bytes.append($0) }
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// CJK punctuation, kana, ideographs, hangul syllables and full-width punctuation: no case
    /// mapping, and none extends or prepends to a neighbouring grapheme (U+302A–U+302F, U+3099,
    /// U+309A and the half-width sound marks are left out for that reason).
    private static func isCaselessStandalone(_ v: UInt32) -> Bool {
        (v >= 0x3001 && v <= 0x3029) || (v >= 0x3041 && v <= 0x3096) || (v >= 0x30A1 && v <= 0x30FA)
            || (v >= 0x3400 && v <= 0x4DBF) || (v >= 0x4E00 && v <= 0x9FFF) || (v >= 0xAC00 && v <= 0xD7A3)
            || (v >= 0xFF01 && v <= 0xFF20) || (v >= 0xFF3B && v <= 0xFF40) || (v >= 0xFF5B && v <= 0xFF65)
    }
}

/// A CSV table addressed by column name.
struct CSVTable {
    /// Normalised header name → column index.
    let columns: [String: Int]
    let rows: [CSVParser.Record]

    /// Parses bytes with a header row. `tab` forces TSV; otherwise the delimiter is sniffed.
    init(bytes: [UInt8], tab: Bool) throws(ParseFailure) {
        let delimiter = tab ? 0x09 : CSVParser.sniffDelimiter(bytes)
        let records = try CSVParser.parse(bytes, delimiter: delimiter)
        guard let header = records.first else { throw ParseFailure(.emptyFile, "no header row") }
        var columns: [String: Int] = [:]
        for (i, name) in header.fields.enumerated() {
            let key = CSVParser.columnName(name)
            if columns[key] == nil { columns[key] = i }
        }
        self.columns = columns
        self.rows = Array(records.dropFirst())
    }

    /// The column index of the first of `names` present; throws `.missingColumn` naming `names[0]`.
    func require(_ names: String...) throws(ParseFailure) -> Int {
        for name in names { if let i = columns[name] { return i } }
        throw ParseFailure(.missingColumn, "missing column \"\(names[0])\" (header has: \(columns.sorted { $0.value < $1.value }.map(\.key).joined(separator: ", ")))")
    }

    /// The column index of the first of `names` present, or nil.
    func optional(_ names: String...) -> Int? {
        for name in names { if let i = columns[name] { return i } }
        return nil
    }

    /// The trimmed value of a column in a record ("" when the column or the cell is missing).
    static func value(_ record: CSVParser.Record, _ column: Int?) -> String {
        guard let column, column < record.fields.count else { return "" }
        return record.fields[column].trimmedSpaces()
    }

    /// A `|`-separated list cell, trimmed, empties removed.
    static func list(_ record: CSVParser.Record, _ column: Int?) -> [String] {
        value(record, column).split(separator: "|").map { String($0).trimmedSpaces() }.filter { !$0.isEmpty }
    }
}
