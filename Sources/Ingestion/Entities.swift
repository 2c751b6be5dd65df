/// Decoding of HTML and XML character references: the common named entities,
/// decimal `&#123;` and hexadecimal `&#x1F;` references.
enum Entities {
    /// Named entities (case-sensitive). `nbsp` and the typographic spaces become a plain space.
    static let named: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " ",
        "ensp": " ", "emsp": " ", "thinsp": " ", "zwj": "\u{200D}", "zwnj": "\u{200C}", "shy": "",
        "lrm": "", "rlm": "", "copy": "©", "reg": "®", "trade": "™", "hellip": "…", "mdash": "—",
        "ndash": "–", "lsquo": "‘", "rsquo": "’", "ldquo": "“", "rdquo": "”", "sbquo": "‚",
        "bdquo": "„", "bull": "•", "middot": "·", "times": "×", "divide": "÷", "plusmn": "±",
        "deg": "°", "yen": "¥", "euro": "€", "pound": "£", "cent": "¢", "sect": "§", "para": "¶",
        "laquo": "«", "raquo": "»", "iexcl": "¡", "iquest": "¿", "frac12": "½", "frac14": "¼",
        "frac34": "¾", "sup1": "¹", "sup2": "²", "sup3": "³", "micro": "µ", "larr": "←", "rarr": "→",
        "uarr": "↑", "darr": "↓", "harr": "↔", "lArr": "⇐", "rArr": "⇒", "le": "≤", "ge": "≥",
        "ne": "≠", "asymp": "≈", "minus": "−", "prime": "′", "Prime": "″", "permil": "‰",
        "dagger": "†", "Dagger": "‡", "loz": "◊", "hearts": "♥", "star": "☆", "check": "✓",
        "eacute": "é", "egrave": "è", "ecirc": "ê", "agrave": "à", "aacute": "á", "acirc": "â",
        "auml": "ä", "ouml": "ö", "uuml": "ü", "Auml": "Ä", "Ouml": "Ö", "Uuml": "Ü", "szlig": "ß",
        "ccedil": "ç", "ntilde": "ñ", "oacute": "ó", "iacute": "í", "uacute": "ú", "Eacute": "É",
    ]

    /// Names browsers also accept without the final `;`.
    private static let legacy: Set<String> = ["amp", "lt", "gt", "quot", "nbsp", "copy", "reg"]

    /// If an entity starts at `bytes[i]` (which is `&`), appends its UTF-8 to `out` and returns
    /// the index after it; otherwise returns nil and appends nothing.
    static func decode(_ bytes: ArraySlice<UInt8>, at i: Int, into out: inout [UInt8]) -> Int? {
        let end = bytes.endIndex
        var j = i + 1
        guard j < end else { return nil }
        if bytes[j] == UInt8(ascii: "#") {
            j += 1
            var hex = false
            if j < end && (bytes[j] == UInt8(ascii: "x") || bytes[j] == UInt8(ascii: "X")) { hex = true; j += 1 }
            var value: UInt32 = 0
            let digitsStart = j
            while j < end, j - digitsStart < 8, let d = digit(bytes[j], hex: hex) {
                value = value * (hex ? 16 : 10) + d
                j += 1
            }
            guard j > digitsStart else { return nil }
            if j < end && bytes[j] == UInt8(ascii: ";") { j += 1 }
            let scalar = (value == 0 ? nil : Unicode.Scalar(value)) ?? "\u{FFFD}"
            UTF8.encode(scalar) { out.append($0) }
            return j
        }
        let nameStart = j
        while j < end, j - nameStart <= 10, isAlnum(bytes[j]) { j += 1 }
        guard j > nameStart else { return nil }
        let name = String(decoding: bytes[nameStart..<j], as: UTF8.self)
        let hasSemicolon = j < end && bytes[j] == UInt8(ascii: ";")
        guard let value = named[name], hasSemicolon || legacy.contains(name) else { return nil }
        out.append(contentsOf: value.utf8)
        return hasSemicolon ? j + 1 : j
    }

    /// The text with every recognised entity decoded.
    static func decodeAll(_ bytes: ArraySlice<UInt8>, into out: inout [UInt8]) {
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let b = bytes[i]
            if b == UInt8(ascii: "&"), let next = decode(bytes, at: i, into: &out) {
                i = next
            } else {
                out.append(b)
                i += 1
            }
        }
    }

    private static func digit(_ b: UInt8, hex: Bool) -> UInt32? {
        switch b {
        case 0x30...0x39: return UInt32(b - 0x30)
        case 0x61...0x66 where hex: return UInt32(b - 0x61 + 10)
        case 0x41...0x46 where hex: return UInt32(b - 0x41 + 10)
        default: return nil
        }
    }

    private static func isAlnum(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
    }
}
