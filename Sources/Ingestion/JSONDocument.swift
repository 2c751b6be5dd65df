import Foundation
import TextAnalysis

/// A JSON or JSONL file that holds no records of a known kind, read as prose: an exported
/// knowledge base, a configuration of flows, a list of articles. Its text becomes blocks the
/// `Chunker` cuts as it cuts Markdown:
/// - an object or array under a key opens a section headed by the key (`refund_policy` →
///   "refund policy"), one level deeper than its parent;
/// - an object with a short title-like member (`title`, `name`, `question`, `heading`, `subject`,
///   `topic`) is headed by that value instead, so each record of a list becomes its own section;
/// - a short string, a number or a boolean is a `key: value` row (what the graph reads as an
///   attribute); a longer string is a paragraph of its own, or, when it holds HTML (as help-centre
///   exports keep article bodies), the blocks `HTMLParser` reads from it;
/// - a list of short values is one `key: a, b, c` row, a list of longer ones a list item each;
/// - a list of flat records (objects of short values only) is a table: one `k: v; k: v` row each.
/// Members keep their order in the file (a file the fast reader does not take, with duplicate keys
/// or escaped surrogates, is read by `JSONSerialization` with its keys sorted).
enum JSONDocument {
    /// Values this long or shorter (in characters, no line break) are rows; longer ones paragraphs.
    static let shortValue = 60
    /// Deeper values than this are refused rather than read by recursion.
    static let maxDepth = 64
    static let titleKeys: Set<String> = ["title", "name", "question", "heading", "subject", "topic"]

    typealias Value = FastJSON.Value

    /// The prose of `bytes`: one JSON value, or JSONL (one value per line). Throws `.malformed` for
    /// text that is neither, `.unknownFormat` when the values hold no words.
    static func parse(_ bytes: [UInt8]) throws(ParseFailure) -> ProseDocument {
        let values = try read(bytes)
        var renderer = Renderer()
        for value in values {
            switch value {
            case .object(let members): renderer.object(members, level: 1)
            case .array(let elements): renderer.array(elements, key: nil, level: 1)
            default: throw ParseFailure(.malformed, "expected a JSON object or array, not a single value")
            }
        }
        guard renderer.hasWords else {
            throw ParseFailure(.unknownFormat, "the JSON holds no records of a known kind and no text to read")
        }
        var title: String?
        if values.count == 1, case .object(let members) = values[0] { title = titleMember(members)?.text }
        return ProseDocument(title: title, blocks: renderer.blocks)
    }

    /// Whether `parse` would read a document: JSON objects or arrays with a string holding letters.
    /// Cheaper than parsing (nothing is rendered), for telling the format of a file without an
    /// extension.
    static func holdsText(_ bytes: [UInt8]) -> Bool {
        guard let values = try? read(bytes) else { return false }
        func words(_ value: Value) -> Bool {
            switch value {
            case .string(let s): return s.contains(where: \.isLetter)
            case .array(let elements): return elements.contains(where: words)
            case .object(let members): return members.contains { words($0.value) }
            default: return false
            }
        }
        return values.allSatisfy(Renderer.isContainer) && values.contains(where: words)
    }

    /// The values of a whole-file JSON text, or of each line of a JSONL text.
    static func read(_ bytes: [UInt8]) throws(ParseFailure) -> [Value] {
        if let whole = try value(bytes[...]) { return [whole] }
        let lines = JSONRecords.lines(bytes)
        var values: [Value] = []
        for (number, range) in lines {
            guard let line = try value(bytes[range]) else {
                if lines.count > 1, JSONRecords.isSelfDelimited(bytes[lines[0].1]) {
                    throw ParseFailure(.malformed, "line \(number): invalid JSON")
                }
                throw ParseFailure(.malformed, "invalid JSON: \(JSONRecords.wholeTextError(bytes))")
            }
            values.append(line)
        }
        return values
    }

    /// One JSON text as a value (the order-keeping fast reader, else `JSONSerialization`), nil
    /// when it is not JSON; `.malformed` when it nests deeper than `maxDepth`.
    private static func value(_ bytes: ArraySlice<UInt8>) throws(ParseFailure) -> Value? {
        var reader = FastJSON.Reader(bytes: bytes)
        if let value = try? reader.document() { return value }
        guard let object = try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed]) else { return nil }
        guard let value = converted(object, depth: 0) else {
            throw ParseFailure(.malformed, "JSON nested deeper than \(maxDepth) levels")
        }
        return value
    }

    /// A `JSONSerialization` value as a `Value`, keys sorted; nil when nested deeper than `maxDepth`.
    private static func converted(_ object: Any, depth: Int) -> Value? {
        guard depth < maxDepth else { return nil }
        switch object {
        case let dictionary as [String: Any]:
            var members: [(key: String, value: Value)] = []
            for key in dictionary.keys.sorted() {
                guard let value = converted(dictionary[key]!, depth: depth + 1) else { return nil }
                members.append((key, value))
            }
            return .object(members)
        case let array as [Any]:
            var elements: [Value] = []
            for element in array {
                guard let value = converted(element, depth: depth + 1) else { return nil }
                elements.append(value)
            }
            return .array(elements)
        case let string as String:
            return .string(string)
        case is NSNull:
            return .null
        case let number as NSNumber:
            // JSONSerialization's booleans are NSNumbers of Objective-C type `c` (char); its numbers are not.
            if number.objCType.pointee == CChar(UInt8(ascii: "c")) { return .bool(number.boolValue) }
            return .number(Substring(number.stringValue))
        default:
            return .null
        }
    }

    /// The first title-like member whose value is a short string.
    static func titleMember(_ members: [(key: String, value: Value)]) -> (index: Int, text: String)? {
        for (i, member) in members.enumerated() where isTitleKey(member.key) {
            if case .string(let s) = member.value, let text = Optional(s.trimmedSpaces()), !text.isEmpty, isShort(text) {
                return (i, text)
            }
        }
        return nil
    }

    /// `titleKeys` in any case; most keys are ruled out by their length without lowercasing.
    static func isTitleKey(_ key: String) -> Bool {
        let n = key.utf8.count
        return n >= 4 && n <= 8 && titleKeys.contains(key.lowercased())
    }

    /// At most `shortValue` characters and no line break (counted only when the bytes leave it open).
    static func isShort(_ text: String) -> Bool {
        let bytes = text.utf8.count
        if bytes > 4 * shortValue || holds(text, 0x0A) || holds(text, 0x0D) { return false }
        return bytes <= shortValue || text.count <= shortValue
    }

    /// Whether the text's UTF-8 holds `byte` (memchr over a native string's bytes).
    static func holds(_ text: String, _ byte: UInt8) -> Bool {
        if let found = text.utf8.withContiguousStorageIfAvailable({ buffer in
            buffer.baseAddress.map { memchr($0, Int32(byte), buffer.count) != nil } ?? false
        }) { return found }
        return text.utf8.contains(byte)
    }

    /// The blocks of a long text value: HTML (help-centre exports keep article bodies so) read by
    /// `HTMLParser`, its headings as paragraphs inside the record's section; other text as
    /// paragraphs split at blank lines.
    static func longTextBlocks(_ text: String) -> [TextBlock] {
        if looksLikeHTML(text) {
            return HTMLParser.parse(Array(text.utf8)).blocks.map { $0.headingLevel == nil ? $0 : TextBlock(.paragraph, $0.text) }
        }
        if !holds(text, 0x0A) && !holds(text, 0x0D) {
            let line = text.trimmedSpaces()
            return line.isEmpty ? [] : [TextBlock(.paragraph, line)]
        }
        return text.components(separatedBy: "\n\n").compactMap { part in
            let line = part.split(whereSeparator: \.isNewline).joined(separator: " ").trimmedSpaces()
            return line.isEmpty ? nil : TextBlock(.paragraph, line)
        }
    }

    /// Whether a value reads as text of its own (paragraphs) rather than a `key: value` row:
    /// longer than `shortValue` or holding HTML.
    static func isLongText(_ text: String) -> Bool { !isShort(text) || looksLikeHTML(text) }

    /// Whether a string holds HTML markup: a closing tag or a line break or paragraph tag.
    static func looksLikeHTML(_ text: String) -> Bool {
        guard holds(text, UInt8(ascii: "<")) else { return false }
        return ["</p>", "</div>", "</li>", "</a>", "</h", "<br", "<p>", "<p "].contains { text.range(of: $0, options: .caseInsensitive) != nil }
    }

    /// "refund_policy" → "refund policy".
    static func readableKey(_ key: String) -> String {
        guard holds(key, UInt8(ascii: "_")) else { return key.trimmedSpaces() }
        return String(decoding: key.utf8.map { $0 == UInt8(ascii: "_") ? UInt8(ascii: " ") : $0 }, as: UTF8.self).trimmedSpaces()
    }

    /// Builds the blocks.
    struct Renderer {
        var blocks: [TextBlock] = []
        var hasWords = false
        /// `readableKey` of each key seen: records repeat their keys.
        var readable: [String: String] = [:]

        mutating func readableKey(_ key: String) -> String {
            if let known = readable[key] { return known }
            let text = JSONDocument.readableKey(key)
            if readable.count < 4096 { readable[key] = text }
            return text
        }

        /// Adds a block; `value` is the JSON string it shows, whose letters make the document worth reading.
        mutating func add(_ kind: TextBlock.Kind, _ text: String, value: String? = nil) {
            let text = text.trimmedSpaces()
            guard !text.isEmpty else { return }
            blocks.append(TextBlock(kind, text))
            if !hasWords, let value, value.contains(where: \.isLetter) { hasWords = true }
        }

        mutating func heading(_ text: String, level: Int) {
            add(.heading(level: min(level, 9)), text)
        }

        /// An object's members; `level` is the level of the headings it opens.
        mutating func object(_ members: [(key: String, value: Value)], level: Int) {
            var level = level
            let title = JSONDocument.titleMember(members)
            if let title {
                add(.heading(level: min(level, 9)), title.text, value: title.text)
                level += 1
            }
            // The object's own values first, then its sections: a value after a nested object would
            // otherwise read as part of that object's section.
            let scalars = members.indices.filter { i in i != title?.index && !Renderer.isContainer(members[i].value) }
            let containers = members.indices.filter { Renderer.isContainer(members[$0].value) }
            for i in scalars + containers {
                let member = members[i]
                let key = readableKey(member.key)
                switch member.value {
                case .string(let s):
                    if JSONDocument.isLongText(s) { paragraphs(s) } else { add(.tableRow, Renderer.row(key, s), value: s) }
                case .number(let n):
                    add(.tableRow, Renderer.row(key, String(n)))
                case .bool(let b):
                    add(.tableRow, Renderer.row(key, b ? "true" : "false"))
                case .null:
                    continue
                case .object(let inner):
                    if !key.isEmpty { heading(key, level: level) }
                    object(inner, level: level + 1)
                case .array(let elements):
                    array(elements, key: key, level: level)
                }
            }
        }

        /// A list's elements; under `key` when it has one.
        mutating func array(_ elements: [Value], key: String?, level: Int) {
            if !elements.contains(where: Renderer.isContainer) {
                let texts = elements.compactMap(Renderer.scalarText)
                if texts.isEmpty { return }
                if texts.allSatisfy(JSONDocument.isShort) {
                    let joined = texts.joined(separator: ", ")
                    add(.tableRow, Renderer.row(key ?? "", joined), value: joined)
                } else {
                    for text in texts { add(.listItem, text, value: text) }
                }
                return
            }
            if elements.allSatisfy(Renderer.isFlatRecord) {
                // A table: one `k: v; k: v` line per element, as a CSV's or Markdown table's rows.
                for case .object(let members) in elements {
                    var parts: [String] = []
                    var words: String?
                    for member in members {
                        guard let text = Renderer.scalarText(member.value) else { continue }
                        parts.append(Renderer.row(readableKey(member.key), text))
                        if case .string = member.value, words == nil, text.contains(where: \.isLetter) { words = text }
                    }
                    if !parts.isEmpty { add(.tableRow, parts.joined(separator: "; "), value: words) }
                }
                return
            }
            var level = level
            if let key, !key.isEmpty {
                heading(key, level: level)
                level += 1
            }
            for element in elements {
                switch element {
                case .object(let members): object(members, level: level)
                case .array(let inner): array(inner, key: nil, level: level)
                default:
                    if let text = Renderer.scalarText(element) { add(.listItem, text, value: text) }
                }
            }
        }

        /// A long string's paragraphs (split at blank lines).
        mutating func paragraphs(_ text: String) {
            for block in JSONDocument.longTextBlocks(text) { add(block.kind, block.text, value: block.text) }
        }

        /// `key: value`, or the value alone under an empty key.
        static func row(_ key: String, _ value: String) -> String {
            key.isEmpty ? value : key + ": " + value
        }

        /// An object of short scalar values only (no lists, no objects, no long text).
        static func isFlatRecord(_ value: Value) -> Bool {
            guard case .object(let members) = value else { return false }
            return members.allSatisfy { member in
                switch member.value {
                case .object, .array: return false
                case .string(let s): return !JSONDocument.isLongText(s)
                default: return true
                }
            }
        }

        static func isContainer(_ value: Value) -> Bool {
            switch value {
            case .object, .array: return true
            default: return false
            }
        }

        static func scalarText(_ value: Value) -> String? {
            switch value {
            case .string(let s): return s
            case .number(let n): return String(n)
            case .bool(let b): return b ? "true" : "false"
            default: return nil
            }
        }
    }
}
