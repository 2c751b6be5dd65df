import Foundation

/// How a source text writes an attribute key. Keys are stored normalized ("price, max rwd"); an
/// answer shows them as the knowledge wrote them ("Price, Max RWD").
public enum AttributeLabel {
    /// Each comma part of the normalized `key` found as a whole phrase in `text`, ignoring case,
    /// and copied as the text writes it; a part not found stays as it is. Nil when the key has no
    /// Latin letters (nothing to restore) or nothing changed.
    ///
    /// "price, max rwd" in "Trim: Max RWD; Price: ¥289,800" → "Price, Max RWD"; "range" in
    /// "Range (CLTC): 650 km" → "Range".
    public static func restoringCase(of key: String, in text: String) -> String? {
        guard key.unicodeScalars.contains(where: { $0.isASCII && $0.properties.isAlphabetic }) else { return nil }
        let parts = key.components(separatedBy: ", ").map { part in phrase(part, in: text) ?? part }
        let label = parts.joined(separator: ", ")
        return label == key ? nil : label
    }

    /// The first occurrence of `phrase` in `text`, ignoring case, that is not inside a longer word.
    static func phrase(_ phrase: String, in text: String) -> String? {
        guard !phrase.isEmpty else { return nil }
        var from = text.startIndex
        while let r = text.range(of: phrase, options: [.caseInsensitive], range: from..<text.endIndex) {
            let before = r.lowerBound == text.startIndex ? nil : text[text.index(before: r.lowerBound)]
            let after = r.upperBound == text.endIndex ? nil : text[r.upperBound]
            if !isWordCharacter(before) && !isWordCharacter(after) { return String(text[r]) }
            from = text.index(after: r.lowerBound)
        }
        return nil
    }

    static func isWordCharacter(_ c: Character?) -> Bool {
        guard let c else { return false }
        return c.isLetter || c.isNumber
    }
}
