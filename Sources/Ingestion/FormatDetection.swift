import KnowledgeModel

/// Which format a file is, from its extension and, when that is not enough, its content.
enum FormatDetection {
    /// Formats known by extension alone.
    static let byExtension: [String: DocumentFormat] = [
        "md": .markdown, "markdown": .markdown, "mdown": .markdown, "mkd": .markdown,
        "html": .html, "htm": .html, "xhtml": .html,
        "txt": .text, "text": .text,
        "docx": .docx,
    ]

    /// Extensions whose record kind is read from the content.
    static let csvExtensions: Set<String> = ["csv", "tsv"]
    static let jsonExtensions: Set<String> = ["jsonl", "ndjson", "json"]

    /// True when the bytes start like a ZIP archive.
    static func looksLikeZip(_ bytes: some Collection<UInt8>) -> Bool {
        bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) || bytes.starts(with: [0x50, 0x4B, 0x05, 0x06])
    }

    /// The format of decoded text. Throws `.malformed` when a JSON file's first object is invalid,
    /// `.unknownFormat` when neither extension nor content tells. JSON whose objects are no records
    /// of a known kind is a JSON document (`.json`, read as prose).
    static func detect(extension ext: String, text bytes: [UInt8]) throws(ParseFailure) -> DocumentFormat {
        if let format = byExtension[ext] { return format }
        if csvExtensions.contains(ext) { return csvKind(bytes) }
        if jsonExtensions.contains(ext) {
            return try JSONRecords.sniff(bytes) ?? .json
        }
        if let format = sniffContent(bytes) { return format }
        throw ParseFailure(.unknownFormat, ext.isEmpty ? "unknown format (no extension, content not recognised)"
                                                       : "unknown format \".\(ext)\" (content not recognised)")
    }

    /// The CSV record kind from the header: question+answer → FAQ; text+label → intents;
    /// session+speaker+text → transcripts; id+name with customer columns → customers; another header
    /// with a question or answer column → FAQ (whose missing columns are then reported); any other
    /// header → a table document (`.csv`).
    static func csvKind(_ bytes: [UInt8]) -> DocumentFormat {
        let end = bytes.firstIndex(of: 0x0A) ?? bytes.count
        let headerBytes = Array(bytes[..<end])
        let delimiter = CSVParser.sniffDelimiter(headerBytes)
        let fields = ((try? CSVParser.parse(headerBytes, delimiter: delimiter))?.first?.fields ?? [])
        let names = Set(fields.map(CSVParser.columnName))
        if names.contains("question") && names.contains("answer") { return .faqCSV }
        if names.contains("text") && (names.contains("label") || names.contains("intent")) { return .intentsCSV }
        if names.contains("speaker") && names.contains("text") && names.contains("session") {
            return .transcriptsCSV
        }
        if names.contains("name") && (names.contains("id") || names.contains("customer_id"))
            && !names.isDisjoint(with: ["model", "vin", "lifecycle", "phone", "city", "mileage_km"]) {
            return .customersCSV
        }
        return names.isDisjoint(with: ["question", "answer", "similar_questions"]) ? .csv : .faqCSV
    }

    /// Recognises JSON records, HTML and Markdown without an extension.
    static func sniffContent(_ bytes: [UInt8]) -> DocumentFormat? {
        guard let first = bytes.first(where: { !($0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D) }) else { return nil }
        if first == UInt8(ascii: "{") || first == UInt8(ascii: "[") {
            if let format = (try? JSONRecords.sniff(bytes)) ?? nil { return format }
            return JSONDocument.holdsText(bytes) ? .json : nil
        }
        let head = String(decoding: bytes.prefix(4096), as: UTF8.self).lowercased()
        if first == UInt8(ascii: "<") {
            for marker in ["<!doctype html", "<html", "<head", "<body", "<h1", "<p>", "<div", "<table"] where head.contains(marker) {
                return .html
            }
        }
        var lines = 0
        for line in head.split(separator: "\n", omittingEmptySubsequences: true) {
            lines += 1
            if lines > 64 { break }
            let t = line.drop(while: { $0 == " " })
            let hashes = t.prefix(while: { $0 == "#" }).count
            if (1...6).contains(hashes) && t.dropFirst(hashes).first == " " { return .markdown }
            if t.hasPrefix("```") || t.hasPrefix("|---") || t.hasPrefix("| ---") { return .markdown }
        }
        return nil
    }
}
