import Foundation

/// A small, tolerant XML reader for the graph formats (no DTD processing, no validation): it
/// reads elements, attributes, text and CDATA, the five predefined entities and numeric
/// character references; it skips the XML declaration, processing instructions, comments and a
/// DOCTYPE. Names keep their prefix; ``XMLElementNode/localName`` drops it.
struct XMLElementNode: Sendable {
    /// The qualified name, e.g. `graphml` or `y:ShapeNode`.
    var name: String
    /// Attributes by qualified name, values decoded.
    var attributes: [String: String]
    /// Child elements in order.
    var children: [XMLElementNode]
    /// The element's own text (text and CDATA children concatenated, entities decoded).
    var text: String
    /// The line the start tag is on (1-based).
    var line: Int

    /// The name without a namespace prefix.
    var localName: Substring { name.split(separator: ":").last ?? Substring(name) }

    /// Child elements with this local name.
    func children(named local: String) -> [XMLElementNode] { children.filter { $0.localName == local } }
}

/// A problem reading XML, with the line.
struct XMLSyntaxError: Error, Sendable {
    var message: String
    var line: Int
}

/// Parses one XML document into its root element.
struct MiniXMLParser {
    /// Deeper nesting than this is rejected instead of recursing further.
    static let maxDepth = 256

    private let s: [Unicode.Scalar]
    private var i = 0
    private var line = 1

    init(_ text: String) { s = Array(text.unicodeScalars) }

    /// The root element, or an error naming what is wrong and where.
    static func parse(_ text: String) throws(XMLSyntaxError) -> XMLElementNode {
        var p = MiniXMLParser(text)
        return try p.document()
    }

    private mutating func document() throws(XMLSyntaxError) -> XMLElementNode {
        if peek() == "\u{FEFF}" { advance() }
        try skipMisc()
        guard peek() == "<" else {
            throw fail(i >= s.count ? "empty input: no XML element" : "not XML: expected \"<\" at the start")
        }
        advance()
        let root = try element(depth: 0)
        try skipMisc()
        guard i >= s.count else { throw fail("unexpected content after the root element </\(root.name)>") }
        return root
    }

    /// Skips white space, comments, processing instructions and a DOCTYPE between top-level items.
    private mutating func skipMisc() throws(XMLSyntaxError) {
        while true {
            skipSpace()
            if starts("<?") { try skip(past: "?>", what: "processing instruction") }
            else if starts("<!--") { try skip(past: "-->", what: "comment") }
            else if starts("<!DOCTYPE") { try skipDoctype() }
            else { return }
        }
    }

    private mutating func skipDoctype() throws(XMLSyntaxError) {
        var depth = 0
        while let c = peek() {
            advance()
            if c == "[" { depth += 1 } else if c == "]" { depth -= 1 } else if c == ">" && depth <= 0 { return }
        }
        throw fail("unexpected end of input inside the DOCTYPE")
    }

    /// Reads an element whose "<" has been consumed.
    private mutating func element(depth: Int) throws(XMLSyntaxError) -> XMLElementNode {
        guard depth < Self.maxDepth else { throw fail("elements nested deeper than \(Self.maxDepth) levels") }
        let startLine = line
        let name = try readName(context: "element name")
        var node = XMLElementNode(name: name, attributes: [:], children: [], text: "", line: startLine)
        while true {
            skipSpace()
            guard let c = peek() else { throw fail("unexpected end of input inside the start tag <\(name)> (truncated?)") }
            if c == "/" {
                advance()
                guard peek() == ">" else { throw fail("expected \">\" after \"/\" in <\(name)>") }
                advance()
                return node
            }
            if c == ">" { advance(); break }
            let key = try readName(context: "attribute name in <\(name)>")
            skipSpace()
            guard peek() == "=" else { throw fail("attribute \(key) in <\(name)> has no value") }
            advance()
            skipSpace()
            guard let q = peek(), q == "\"" || q == "'" else { throw fail("attribute \(key) in <\(name)> is not quoted") }
            advance()
            let start = i
            while let c = peek(), c != q {
                guard c != "<" else { throw fail("\"<\" inside the value of attribute \(key)") }
                advance()
            }
            var raw = string(start..<i)
            guard peek() == q else { throw fail("unexpected end of input inside attribute \(key) of <\(name)> (truncated?)") }
            advance()
            guard node.attributes[key] == nil else { throw fail("attribute \(key) appears twice in <\(name)>") }
            // Attribute-value normalization: literal line ends and tabs become spaces (references stay).
            if raw.unicodeScalars.contains(where: { $0 == "\n" || $0 == "\r" || $0 == "\t" }) {
                let spaced = raw.replacingOccurrences(of: "\r\n", with: " ").unicodeScalars
                    .map { $0 == "\n" || $0 == "\r" || $0 == "\t" ? " " : Character($0) }
                raw = String(spaced)
            }
            node.attributes[key] = try decodeEntities(raw)
        }
        // Content.
        while true {
            guard i < s.count else { throw fail("unexpected end of input inside <\(name)> (truncated?)") }
            if starts("</") {
                i += 2
                let end = try readName(context: "end tag name")
                skipSpace()
                guard i < s.count else { throw fail("unexpected end of input inside the end tag </\(end) (truncated?)") }
                guard peek() == ">" else { throw fail("expected \">\" to close </\(end)>") }
                advance()
                guard end == name else { throw fail("end tag </\(end)> does not match <\(name)> opened on line \(startLine)") }
                return node
            } else if starts("<!--") {
                try skip(past: "-->", what: "comment")
            } else if starts("<![CDATA[") {
                i += 9
                let start = i
                while i < s.count, !starts("]]>") { advance() }
                guard i < s.count else { throw fail("unexpected end of input inside a CDATA section (truncated?)") }
                node.text += string(start..<i)
                i += 3
            } else if starts("<?") {
                try skip(past: "?>", what: "processing instruction")
            } else if peek() == "<" {
                advance()
                node.children.append(try element(depth: depth + 1))
            } else {
                let start = i
                while let c = peek(), c != "<" { advance() }
                var raw = string(start..<i)
                // End-of-line normalization, then references.
                if raw.unicodeScalars.contains("\r") {
                    raw = raw.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
                }
                node.text += try decodeEntities(raw)
            }
        }
    }

    /// Decodes `&amp; &lt; &gt; &quot; &apos;` and `&#N;` / `&#xH;`.
    private func decodeEntities(_ text: String) throws(XMLSyntaxError) -> String {
        guard text.contains("&") else { return text }
        var out = ""
        let scalars = Array(text.unicodeScalars)
        var k = 0
        while k < scalars.count {
            let c = scalars[k]
            guard c == "&" else { out.unicodeScalars.append(c); k += 1; continue }
            guard let end = scalars[k...].firstIndex(of: ";"), end - k <= 12 else {
                throw fail("\"&\" not followed by an entity name and \";\" (write &amp;)")
            }
            let ref = String(String.UnicodeScalarView(scalars[(k + 1)..<end]))
            switch ref {
            case "amp": out += "&"
            case "lt": out += "<"
            case "gt": out += ">"
            case "quot": out += "\""
            case "apos": out += "'"
            default:
                let number: UInt32?
                if ref.hasPrefix("#x") || ref.hasPrefix("#X") { number = UInt32(ref.dropFirst(2), radix: 16) }
                else if ref.hasPrefix("#") { number = UInt32(ref.dropFirst(), radix: 10) }
                else { throw fail("unknown entity &\(ref);") }
                guard let n = number, let scalar = Unicode.Scalar(n) else { throw fail("invalid character reference &\(ref);") }
                out.unicodeScalars.append(scalar)
            }
            k = end + 1
        }
        return out
    }

    private mutating func readName(context: String) throws(XMLSyntaxError) -> String {
        let start = i
        while let c = peek(), !c.properties.isWhitespace, !"/>=<\"'".unicodeScalars.contains(c) { advance() }
        let name = string(start..<i)
        guard !name.isEmpty else {
            throw fail(i >= s.count ? "unexpected end of input: expected \(context) (truncated?)" : "expected \(context)")
        }
        return name
    }

    private mutating func skip(past terminator: String, what: String) throws(XMLSyntaxError) {
        while i < s.count, !starts(terminator) { advance() }
        guard i < s.count else { throw fail("unexpected end of input inside a \(what) (truncated?)") }
        i += terminator.unicodeScalars.count
    }

    private mutating func skipSpace() {
        while let c = peek(), c == " " || c == "\t" || c == "\n" || c == "\r" { advance() }
    }

    private func starts(_ prefix: String) -> Bool {
        var k = i
        for p in prefix.unicodeScalars {
            guard k < s.count, s[k] == p else { return false }
            k += 1
        }
        return true
    }

    private func string(_ range: Range<Int>) -> String {
        var out = String.UnicodeScalarView()
        out.append(contentsOf: s[range])
        return String(out)
    }

    private func peek() -> Unicode.Scalar? { i < s.count ? s[i] : nil }

    private mutating func advance() {
        if i < s.count, s[i] == "\n" { line += 1 }
        i += 1
    }

    private func fail(_ message: String) -> XMLSyntaxError { XMLSyntaxError(message: message, line: line) }
}

/// Escaping for the XML the graph formats write.
enum XMLEscape {
    /// Escapes text content: `& < >`, and line breaks / control characters as character
    /// references so that they survive end-of-line normalization.
    static func text(_ s: String) -> String { escape(s, quotes: false) }

    /// Escapes an attribute value (double-quoted): as ``text(_:)`` plus `"` and `'`, with tab and
    /// line feed as references too (attribute-value normalization would turn them into spaces).
    static func attribute(_ s: String) -> String { escape(s, quotes: true) }

    private static func escape(_ s: String, quotes: Bool) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where quotes: out += "&quot;"
            case "'" where quotes: out += "&apos;"
            case "\n" where !quotes: out += "\n"
            case "\t" where !quotes: out += "\t"
            default:
                if c.value < 0x20 || c.value == 0x7F || c.value == 0xFFFE || c.value == 0xFFFF {
                    out += "&#\(c.value);"
                } else {
                    out.unicodeScalars.append(c)
                }
            }
        }
        return out
    }
}
