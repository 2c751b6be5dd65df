import Foundation

/// Fills `{slot}` placeholders of a reply template.
public enum ReplySlots {
    /// The template with every `{name}` that has a (non-empty) value replaced; placeholders without a
    /// value stay as `{name}` and are listed in `unfilled` (each once, in order of first use).
    /// Braces that do not form a placeholder (`{}`, an unclosed `{`, a name containing `{`) stay as they are.
    public static func fill(_ template: String, with values: [String: String]) -> (text: String, unfilled: [String]) {
        // Most replies have no placeholder: nothing to copy.
        guard template.utf8.contains(UInt8(ascii: "{")) else { return (template, []) }
        var out = ""
        var unfilled: [String] = []
        // Braces are found in the UTF-8 bytes (an ASCII byte never occurs inside another
        // scalar's encoding), without walking the template character by character.
        let openBrace = UInt8(ascii: "{"), closeBrace = UInt8(ascii: "}")
        var rest = template[...]
        while let open = rest.utf8.firstIndex(of: openBrace) {
            out += rest[..<open]
            let afterOpen = rest.utf8.index(after: open)
            guard let close = rest.utf8[afterOpen...].firstIndex(where: { $0 == closeBrace || $0 == openBrace }),
                  rest.utf8[close] == closeBrace, close > afterOpen else {
                out.append("{")
                rest = rest[afterOpen...]
                continue
            }
            let name = String(rest[afterOpen..<close])
            let key = trimmed(name)
            if let value = values[key], !value.isEmpty {
                out += value
            } else {
                out += "{\(name)}"
                if !unfilled.contains(key) { unfilled.append(key) }
            }
            rest = rest[rest.utf8.index(after: close)...]
        }
        out += rest
        return (out, unfilled)
    }

    /// `name` without leading and trailing `CharacterSet.whitespaces`; a name that starts and ends
    /// with an ASCII scalar other than space and tab (the usual `{model}`) is returned as it is.
    static func trimmed(_ name: String) -> String {
        if let first = name.unicodeScalars.first, let last = name.unicodeScalars.last,
           first.isASCII, last.isASCII, first != " ", first != "\t", last != " ", last != "\t" {
            return name
        }
        return name.trimmingCharacters(in: .whitespaces)
    }
}
