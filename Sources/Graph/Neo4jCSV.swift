import Foundation

/// The two CSV files `neo4j-admin database import full` reads, for a ``GraphDocument``:
///
/// - nodes: `id:ID,name,type,aliases:string[],:LABEL` — entities labelled `Entity`, literal
///   values as nodes labelled `Value` with id `value:<text>` and the text as `name`;
/// - relationships: `:START_ID,:END_ID,:TYPE,attribute,confidence:float,method,sources:string[]`.
///
/// Fields are quoted per RFC 4180 when they hold `"`, `,`, `;`, a line break or surrounding
/// spaces (quotes doubled); records end with `\n`. Arrays use `;` between elements, and a `;` or
/// `\` inside an element is written `\;` / `\\` so that arrays split back exactly (Neo4j itself
/// keeps the backslashes). Import values with line breaks with `--multiline-fields=true`.
public enum Neo4jCSV {
    /// The two files' contents.
    public struct Files: Sendable, Hashable {
        /// `nodes.csv`: entities and literal values.
        public var nodes: String
        /// `relationships.csv`.
        public var relationships: String

        /// Creates the pair.
        public init(nodes: String, relationships: String) { self.nodes = nodes; self.relationships = relationships }
    }

    static let nodeHeader = ["id:ID", "name", "type", "aliases:string[]", ":LABEL"]
    static let relationshipHeader = [":START_ID", ":END_ID", ":TYPE", "attribute", "confidence:float", "method", "sources:string[]"]
    static let entityLabel = "Entity"
    static let valueLabel = "Value"

    /// Writes the document (sorted first).
    public static func write(_ document: GraphDocument) -> Files {
        let doc = document.sorted()
        var nodes = record(nodeHeader)
        for e in doc.entities {
            nodes += record([e.id, e.name, e.type, array(e.aliases), entityLabel])
        }
        for value in Set(doc.relations.compactMap(\.value)).sorted() {
            nodes += record([ExtractedRelation.valuePrefix + value, value, "", "", valueLabel])
        }
        var relationships = record(relationshipHeader)
        for r in doc.relations {
            let end = r.object ?? ExtractedRelation.valuePrefix + (r.value ?? "")
            relationships += record([r.subject, end, r.type, r.attribute ?? "", "\(r.confidence)", r.method, array(r.sources)])
        }
        return Files(nodes: nodes, relationships: relationships)
    }

    /// Reads the two files into a validated document in canonical order. Columns are found by
    /// header name (extra columns are ignored); an empty `attribute` reads as none.
    public static func read(_ files: Files) throws(GraphFormatError) -> GraphDocument {
        let nodeRows = try CSV.parse(files.nodes, file: "nodes")
        let nodeColumns = try columns(nodeRows.first, required: nodeHeader, file: "nodes")
        var entities: [GraphDocument.Entity] = []
        var values: [String: String] = [:]
        var seen = Set<String>()
        for (n, row) in nodeRows.enumerated().dropFirst() {
            let line = row.line
            let f = try fields(row, nodeColumns, file: "nodes", record: n)
            let id = f["id:ID"] ?? ""
            guard !id.isEmpty else { throw GraphFormatError(.neo4jCSV, "nodes record \(n + 1) has an empty id", line: line) }
            guard seen.insert(id).inserted else { throw GraphFormatError(.neo4jCSV, "nodes: id \"\(id)\" appears twice", line: line) }
            let labels = (f[":LABEL"] ?? "").split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            if labels.contains(valueLabel) {
                values[id] = f["name"] ?? ""
            } else {
                entities.append(GraphDocument.Entity(id: id, name: f["name"] ?? "", type: f["type"] ?? "",
                                                     aliases: splitArray(f["aliases:string[]"] ?? "")))
            }
        }
        let relRows = try CSV.parse(files.relationships, file: "relationships")
        let relColumns = try columns(relRows.first, required: relationshipHeader, file: "relationships")
        var relations: [GraphDocument.Relation] = []
        for (n, row) in relRows.enumerated().dropFirst() {
            let line = row.line
            let f = try fields(row, relColumns, file: "relationships", record: n)
            let start = f[":START_ID"] ?? "", end = f[":END_ID"] ?? ""
            for id in [start, end] where !seen.contains(id) {
                throw GraphFormatError(.neo4jCSV, "relationships record \(n + 1) references unknown node \"\(id)\"", line: line)
            }
            guard values[start] == nil else {
                throw GraphFormatError(.neo4jCSV, "relationships record \(n + 1) starts at a Value node \"\(start)\"", line: line)
            }
            let conf = f["confidence:float"] ?? ""
            guard let confidence = Double(conf.trimmingCharacters(in: .whitespaces)), confidence.isFinite else {
                throw GraphFormatError(.neo4jCSV, "relationships record \(n + 1) has confidence \"\(conf)\", not a number", line: line)
            }
            let attribute = f["attribute"] ?? ""
            relations.append(GraphDocument.Relation(
                subject: start, type: f[":TYPE"] ?? "", object: values[end] == nil ? end : nil, value: values[end],
                attribute: attribute.isEmpty ? nil : attribute, confidence: confidence, method: f["method"] ?? "",
                sources: splitArray(f["sources:string[]"] ?? "")))
        }
        let document = GraphDocument(entities: entities, relations: relations)
        try document.validate()
        return document.sorted()
    }

    /// Column name → position, checking the required ones are there.
    private static func columns(_ header: CSV.Row?, required: [String], file: String) throws(GraphFormatError) -> [String: Int] {
        guard let header else { throw GraphFormatError(.neo4jCSV, "\(file) file is empty: expected the header \(required.joined(separator: ","))") }
        var out: [String: Int] = [:]
        for (i, name) in header.fields.enumerated() {
            let key = name.trimmingCharacters(in: .whitespaces)
            out[key] = out[key] ?? i
        }
        let missing = required.filter { out[$0] == nil }
        guard missing.isEmpty else {
            throw GraphFormatError(.neo4jCSV, "\(file) header lacks \(missing.joined(separator: ", ")) (expected \(required.joined(separator: ",")), found \(header.fields.joined(separator: ",")))", line: header.line)
        }
        return out
    }

    private static func fields(_ row: CSV.Row, _ columns: [String: Int], file: String, record: Int) throws(GraphFormatError) -> [String: String] {
        let width = (columns.values.max() ?? 0) + 1
        guard row.fields.count >= width else {
            throw GraphFormatError(.neo4jCSV, "\(file) record \(record + 1) has \(row.fields.count) fields, the header \(width)", line: row.line)
        }
        return columns.mapValues { row.fields[$0] }
    }

    /// Joins array elements with `;`, escaping `\` and `;` inside them.
    static func array(_ items: [String]) -> String {
        items.map { $0.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: ";", with: "\\;") }
            .joined(separator: ";")
    }

    /// Splits an array field at unescaped `;` and unescapes; empty → no elements.
    static func splitArray(_ field: String) -> [String] {
        guard !field.isEmpty else { return [] }
        var out: [String] = []
        var current = ""
        var escaped = false
        for c in field.unicodeScalars {
            if escaped { current.unicodeScalars.append(c); escaped = false }
            else if c == "\\" { escaped = true }
            else if c == ";" { out.append(current); current = "" }
            else { current.unicodeScalars.append(c) }
        }
        if escaped { current += "\\" }
        out.append(current)
        return out
    }

    private static func record(_ fields: [String]) -> String {
        fields.map(CSV.quote).joined(separator: ",") + "\n"
    }
}

/// RFC 4180 CSV.
enum CSV {
    /// One record with the line it starts on.
    struct Row {
        var fields: [String]
        var line: Int
    }

    /// Quotes a field when it holds a quote, comma, semicolon, line break or surrounding space.
    static func quote(_ field: String) -> String {
        let special = field.unicodeScalars.contains { $0 == "\"" || $0 == "," || $0 == ";" || $0 == "\n" || $0 == "\r" }
        let padded = field.first?.isWhitespace == true || field.last?.isWhitespace == true
        guard special || padded else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Parses records (`\n` or `\r\n` line ends; blank lines skipped). Quoted fields may hold
    /// commas, doubled quotes and line breaks. An unterminated quote or text after a closing
    /// quote is an error naming the line.
    static func parse(_ text: String, file: String) throws(GraphFormatError) -> [Row] {
        var rows: [Row] = []
        var fields: [String] = []
        var field = ""
        var line = 1
        var rowLine = 1
        var s = Array(text.unicodeScalars)
        if s.first == "\u{FEFF}" { s.removeFirst() }
        var i = 0
        var quoted = false      // inside a quoted field
        var wasQuoted = false   // the current field was quoted and has closed
        func endRecord() {
            fields.append(field)
            if !(fields.count == 1 && fields[0].isEmpty && !wasQuoted) { rows.append(Row(fields: fields, line: rowLine)) }
            fields = []; field = ""; wasQuoted = false
        }
        while i < s.count {
            let c = s[i]
            if quoted {
                if c == "\"" {
                    if i + 1 < s.count, s[i + 1] == "\"" { field += "\""; i += 2; continue }
                    quoted = false; wasQuoted = true
                } else {
                    if c == "\n" { line += 1 }
                    field.unicodeScalars.append(c)
                }
                i += 1
                continue
            }
            switch c {
            case "\"":
                guard field.isEmpty, !wasQuoted else {
                    throw GraphFormatError(.neo4jCSV, "\(file): a quote inside an unquoted field (quote the whole field and double the quote)", line: line)
                }
                quoted = true
            case ",":
                fields.append(field); field = ""; wasQuoted = false
            case "\r" where i + 1 < s.count && s[i + 1] == "\n":
                break   // the \n ends the record
            case "\n":
                endRecord(); line += 1; rowLine = line
            default:
                guard !wasQuoted else {
                    throw GraphFormatError(.neo4jCSV, "\(file): text after the closing quote of a field", line: line)
                }
                field.unicodeScalars.append(c)
            }
            i += 1
        }
        guard !quoted else { throw GraphFormatError(.neo4jCSV, "\(file): a quoted field is not closed (truncated?)", line: rowLine) }
        if !field.isEmpty || !fields.isEmpty || wasQuoted { endRecord() }
        return rows
    }
}
