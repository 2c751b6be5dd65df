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
        var rest = template[...]
        while let open = rest.firstIndex(of: "{") {
            out += rest[..<open]
            let afterOpen = rest.index(after: open)
            guard let close = rest[afterOpen...].firstIndex(where: { $0 == "}" || $0 == "{" }),
                  rest[close] == "}", close > afterOpen else {
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
            rest = rest[rest.index(after: close)...]
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
