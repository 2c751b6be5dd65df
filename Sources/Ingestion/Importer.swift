import Foundation
import KnowledgeModel

/// Turns the raw bytes of one file into a `ParsedFile` (document, chunks, records).
/// It reads nothing and stores nothing; it is a pure function of its arguments.
public struct Importer: Sendable {
    /// Size and archive limits.
    public var limits: ImportLimits
    /// How prose is cut into passages.
    public var chunker: ChunkerOptions

    /// Creates an importer.
    public init(limits: ImportLimits = .init(), chunker: ChunkerOptions = .init()) {
        self.limits = limits
        self.chunker = chunker
    }

    /// The format of a file from its name and content, or nil when it cannot be told
    /// (or the content is empty, undecodable or too large to look at).
    public func detectFormat(name: String, data: Data) -> DocumentFormat? {
        guard !data.isEmpty, data.count <= limits.maxFileBytes else { return nil }
        let ext = TextUtil.fileExtension(name)
        if ext == "docx" || FormatDetection.looksLikeZip(data.prefix(4)) { return .docx }
        guard let bytes = try? TextDecoding.utf8Bytes(data), !TextDecoding.isBlank(bytes) else { return nil }
        return try? FormatDetection.detect(extension: ext, text: bytes)
    }

    /// `detectFormat`, or plain text for a name without an extension whose content tells nothing
    /// (nil, so detection's error stands, when the name has an extension).
    public func formatOrPlainText(name: String, data: Data) -> DocumentFormat? {
        detectFormat(name: name, data: data) ?? (TextUtil.fileExtension(name).isEmpty ? .text : nil)
    }

    /// Parses one file.
    ///
    /// - Parameters:
    ///   - name: the document name (path relative to the import root, or the name given over HTTP);
    ///     its extension guides format detection and it determines the document id.
    ///   - data: the raw bytes.
    ///   - format: the format, when the caller knows it; otherwise detected. A `*_jsonl` format also
    ///     accepts a JSON array of the same objects.
    ///   - importedAt: seconds since 1970, stored on the document.
    /// - Throws: `IngestionError` with `.tooLarge`, `.emptyFile`, `.undecodable`, `.unknownFormat`,
    ///   `.missingColumn`, `.notAZip`, `.malformed` or `.unsafeArchive`.
    public func parse(name: String, data: Data, format: DocumentFormat? = nil, importedAt: Double) throws(IngestionError) -> ParsedFile {
        do {
            return try parseUnnamed(name: name, data: data, format: format, importedAt: importedAt)
        } catch {
            throw error.error(file: name)
        }
    }

    private func parseUnnamed(name: String, data: Data, format given: DocumentFormat?, importedAt: Double) throws(ParseFailure) -> ParsedFile {
        guard data.count <= limits.maxFileBytes else {
            throw ParseFailure(.tooLarge, "file is \(data.count) bytes, over the limit of \(limits.maxFileBytes)")
        }
        guard !data.isEmpty else { throw ParseFailure(.emptyFile, "file is empty") }
        let ext = TextUtil.fileExtension(name)
        let isZip = FormatDetection.looksLikeZip(data.prefix(4))
        let format: DocumentFormat
        var text: [UInt8] = []
        if given == .docx || (given == nil && (ext == "docx" || isZip)) {
            format = .docx
        } else {
            do throws(ParseFailure) {
                text = try TextDecoding.utf8Bytes(data)
            } catch {
                let knownExtension = FormatDetection.byExtension[ext] != nil || FormatDetection.csvExtensions.contains(ext)
                    || FormatDetection.jsonExtensions.contains(ext)
                if given == nil && !knownExtension {
                    throw ParseFailure(.unknownFormat, "unknown format\(ext.isEmpty ? "" : " \".\(ext)\""): content is not text")
                }
                throw error
            }
            guard !TextDecoding.isBlank(text) else { throw ParseFailure(.emptyFile, "file has only whitespace") }
            if let given { format = given } else { format = try FormatDetection.detect(extension: ext, text: text) }
        }

        let prose: ProseDocument?
        switch format {
        case .markdown: prose = MarkdownParser.parse(text)
        case .html: prose = HTMLParser.parse(text)
        case .text: prose = PlainTextParser.parse(text)
        case .docx: prose = try DocxParser.parse([UInt8](data), limits: limits)
        case .json: prose = try JSONDocument.parse(text)
        case .csv: prose = try Self.table(text, tab: ext == "tsv")
        default: prose = nil
        }

        let title = prose?.title.flatMap { $0.isEmpty ? nil : $0 } ?? TextUtil.readableName(name)
        let document = Document(id: DocumentID.make(name: name), name: name, title: title, format: format,
                                fingerprint: SHA256.hex(data), byteCount: data.count, importedAt: importedAt)
        var file = ParsedFile(document: document)
        if let prose {
            file.chunks = Chunker(options: chunker).chunk(prose.blocks, documentID: document.id, title: title)
        } else {
            var records = format.isJSONRecords ? JSONRecords.recordsText(text) : text
            if format == .transcriptsJSONL { records = try ConversationRecords.unrolled(records) }
            try RecordImporter.parse(format, bytes: records, into: &file)
        }
        return file
    }

    /// A CSV or TSV table as prose. A table of short cells is rendered as a Markdown table's rows
    /// are (one `header: value; …` line per row, a record's values kept together). In a table with
    /// a long cell (articles, answers) each row is a section of its own, headed by its title-like
    /// cell (`title`, `name`, `question`, ...) when it has one, its other short cells as one such
    /// line and each long cell as a paragraph, so a long text is cut into passages like any other.
    static func table(_ bytes: [UInt8], tab: Bool) throws(ParseFailure) -> ProseDocument {
        let records = try CSVParser.parse(bytes, delimiter: tab ? 0x09 : CSVParser.sniffDelimiter(bytes))
        guard let header = records.first?.fields, records.count > 1 else { throw ParseFailure(.emptyFile, "no rows under the header") }
        let rows = records.dropFirst().map { $0.fields.map { $0.trimmedSpaces() } }
        var blocks: [TextBlock] = []
        let titleColumn = header.firstIndex { JSONDocument.isTitleKey($0.trimmedSpaces()) }
        let articles = rows.contains { $0.contains(where: JSONDocument.isLongText) }
        if !articles { blocks = TableRows.render(records.map(\.fields)).map { TextBlock(.tableRow, $0) } }
        for cells in rows where articles {
            var titled = false
            if let t = titleColumn, t < cells.count, !cells[t].isEmpty, JSONDocument.isShort(cells[t]) {
                blocks.append(TextBlock(.heading(level: 1), cells[t]))
                titled = true
            }
            var parts: [String] = []
            for (i, cell) in cells.enumerated() where !cell.isEmpty && !JSONDocument.isLongText(cell) && !(titled && i == titleColumn) {
                let name = i < header.count ? header[i].trimmedSpaces() : ""
                parts.append(name.isEmpty ? cell : name + ": " + cell)
            }
            if !parts.isEmpty { blocks.append(TextBlock(.tableRow, parts.joined(separator: "; "))) }
            for cell in cells where JSONDocument.isLongText(cell) { blocks += JSONDocument.longTextBlocks(cell) }
        }
        guard !blocks.isEmpty else { throw ParseFailure(.emptyFile, "no rows under the header") }
        return ProseDocument(title: nil, blocks: blocks)
    }
}
