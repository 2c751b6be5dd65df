import KnowledgeModel
import TextAnalysis

/// One structural unit of a prose document, as the prose importers produce it and the `Chunker` consumes it.
public struct TextBlock: Sendable, Hashable {
    /// What the block is.
    public enum Kind: Sendable, Hashable {
        /// A heading of level 1...9 (Markdown `#`, HTML `h1`, DOCX "heading 1" or Title).
        case heading(level: Int)
        /// Running text.
        case paragraph
        /// One item of a bulleted or numbered list.
        case listItem
        /// One table row, already rendered as `key: value` or `header: value; header: value`.
        case tableRow
        /// Preformatted text (fenced code, `<pre>`), line breaks kept.
        case code
    }

    /// What the block is.
    public var kind: Kind
    /// The block's text, inline markup removed, trimmed.
    public var text: String

    /// Creates a block.
    public init(_ kind: Kind, _ text: String) {
        self.kind = kind
        self.text = text
    }

    /// The heading level, or nil when the block is not a heading.
    public var headingLevel: Int? {
        if case .heading(let level) = kind { return level }
        return nil
    }
}

/// The result of a prose parser: a title when the content names one, and the blocks.
struct ProseDocument: Sendable {
    var title: String?
    var blocks: [TextBlock]
}

/// Renders table rows the same way for Markdown, HTML and DOCX.
enum TableRows {
    /// `rows[0]` is the header. With two columns each row becomes `"key: value"`, after one line
    /// `"header1 | header2"` when both header cells are filled and the second says what the
    /// values are ("Model | Engine oil quantity", not "Item | Value": `Chunk.isGenericValueColumn`;
    /// the graph reads it, see `RelationExtractor.structuralRelations`);
    /// with more, `"header1: v1; header2: v2; ..."` (empty cells left out); with one, the cell.
    static func render(_ rows: [[String]]) -> [String] {
        guard let header = rows.first else { return [] }
        let columns = max(header.count, rows.dropFirst().map(\.count).max() ?? 0)
        var out: [String] = []
        out.reserveCapacity(rows.count)
        let names = header.map { $0.trimmedSpaces() }
        if columns == 2, header.count == 2, rows.count > 1 {
            if !names[0].isEmpty, !names[1].isEmpty, !Chunk.isGenericValueColumn(names[1]) {
                out.append(names[0] + Chunk.tableHeaderSeparator + names[1])
            }
        }
        for row in rows.dropFirst() {
            let cells = row.map { $0.trimmedSpaces() }
            guard cells.contains(where: { !$0.isEmpty }) else { continue }
            if columns <= 1 {
                out.append(cells.joined(separator: " "))
            } else if columns == 2 {
                let key = cells[0]
                let value = cells.count > 1 ? cells[1] : ""  // at most two cells when `columns` is 2
                if key.isEmpty { out.append(value) } else if value.isEmpty { out.append(key) } else { out.append(key + ": " + value) }
            } else {
                var parts: [String] = []
                for (i, cell) in cells.enumerated() where !cell.isEmpty {
                    let name = i < names.count ? names[i] : ""
                    parts.append(name.isEmpty ? cell : name + ": " + cell)
                }
                out.append(parts.joined(separator: "; "))
            }
        }
        return out
    }
}

/// Small text helpers shared by the parsers.
enum TextUtil {
    /// `"warranty-policy_2026.md"` → `"Warranty policy 2026"`: last path component, extension removed,
    /// `-` and `_` turned into spaces, runs of spaces collapsed, first letter capitalised.
    static func readableName(_ name: String) -> String {
        var base = Substring(name.split(separator: "/").last ?? Substring(name))
        if let dot = base.lastIndex(of: "."), dot != base.startIndex { base = base[..<dot] }
        let words = base.split(whereSeparator: { $0 == "-" || $0 == "_" || $0 == " " })
        var title = words.joined(separator: " ")
        if let first = title.first, first.isLowercase {
            title = first.uppercased() + title.dropFirst()
        }
        return title.isEmpty ? name : title
    }

    /// The lowercased extension of a name, without the dot ("" when none).
    static func fileExtension(_ name: String) -> String {
        let last = name.split(separator: "/").last ?? Substring(name)
        guard let dot = last.lastIndex(of: "."), dot != last.startIndex else { return "" }
        return last[last.index(after: dot)...].lowercased()
    }

    /// Whether a scalar is a CJK character (CJK radicals to ideographs, hangul, compatibility ideographs,
    /// full-width forms, supplementary ideographs).
    static func isCJK(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return (v >= 0x2E80 && v <= 0x9FFF) || (v >= 0xAC00 && v <= 0xD7AF) || (v >= 0xF900 && v <= 0xFAFF)
            || (v >= 0xFF00 && v <= 0xFFEF) || (v >= 0x20000 && v <= 0x3FFFF)
    }

    /// The separator to put between two pieces of text joined on one line: nothing between
    /// CJK characters, a space otherwise.
    static func joiner(after left: String, before right: String) -> String {
        guard let l = left.unicodeScalars.last, let r = right.unicodeScalars.first else { return "" }
        if l.properties.isWhitespace || r.properties.isWhitespace { return "" }
        return isCJK(l) && isCJK(r) ? "" : " "
    }
}

extension String {
    /// The string without leading and trailing whitespace (ASCII, no-break, ideographic and other
    /// Unicode spaces). Scans only the ends, so it costs nothing for text that is already trimmed.
    func trimmedSpaces() -> String {
        let scalars = unicodeScalars
        var lo = scalars.startIndex, hi = scalars.endIndex
        while lo < hi, Self.isSpace(scalars[lo]) { lo = scalars.index(after: lo) }
        while hi > lo {
            let before = scalars.index(before: hi)
            guard Self.isSpace(scalars[before]) else { break }
            hi = before
        }
        if lo == scalars.startIndex && hi == scalars.endIndex { return self }
        return String(scalars[lo..<hi])
    }

    @inline(__always)
    private static func isSpace(_ scalar: Unicode.Scalar) -> Bool { UnicodeSpaces.isWhitespace(scalar) }
}
