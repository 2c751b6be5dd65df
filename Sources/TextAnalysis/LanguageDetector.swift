/// Coarse language of a text.
public enum Language: String, Sendable, Codable, CaseIterable {
    /// Mostly Chinese (Han characters).
    case zh
    /// Mostly English / Latin script.
    case en
    /// Substantial amounts of both.
    case mixed
    /// Neither: no letters at all (digits, emoji, punctuation), or mostly another
    /// script (Cyrillic, Arabic, Japanese kana, Korean Hangul...).
    case other
}

/// Detects `Language` from the share of CJK characters versus Latin letters.
///
/// Counting: each Han character weighs 3 (a Chinese word is 1–2 characters, an English
/// word about 5 letters, so raw counts would under-weight Chinese), each Latin letter 1,
/// each letter of another script 1. Text where Kana or Hangul make up at least 10% of
/// the CJK characters is Japanese or Korean and counts as another script.
/// Then: no letters, or other scripts above half the weight → `.other`; otherwise with
/// `share = han / (han + latin)` (weighted): ≥ 0.7 → `.zh`, ≤ 0.3 → `.en`, else `.mixed`.
/// So "蓝图X5 Pro的OTA升级失败怎么办" is zh and "Please book a 保养 appointment" is en.
public enum LanguageDetector {
    /// Weight of one Han character relative to one Latin letter.
    static let hanWeight = 3

    /// Detects the language of `text`.
    public static func detect(_ text: String) -> Language {
        var counts = Counts()
        counts.add(text)
        return counts.language
    }

    /// The letters of a text by script, as `detect` weighs them. Counts of several texts add up,
    /// so a live call counts each turn once and detects on the sum.
    public struct Counts: Sendable, Hashable {
        var han = 0, kanaHangul = 0, latin = 0, otherLetters = 0

        public init() {}

        /// Counts the letters of `text` in.
        public mutating func add(_ text: String) {
            for u in text.unicodeScalars {
                let s = u.value
                if s < 0x80 {
                    if isASCIILetter(s) { latin += 1 }
                    continue
                }
                if s >= 0xFF21 && s <= 0xFF5A {   // full-width Latin letters
                    if s <= 0xFF3A || s >= 0xFF41 { latin += 1 }
                    continue
                }
                if let script = cjkScript(s) {
                    if script == .han { han += 1 } else { kanaHangul += 1 }
                    continue
                }
                guard u.properties.isAlphabetic else { continue }
                if s <= 0x024F || (s >= 0x1E00 && s <= 0x1EFF) {
                    latin += 1      // Latin-1, Latin Extended A/B, Latin Extended Additional
                } else {
                    otherLetters += 1
                }
            }
        }

        /// No letters counted yet.
        public var isEmpty: Bool { han + kanaHangul + latin + otherLetters == 0 }

        /// The language of the letters counted.
        public var language: Language {
            var han = han, otherLetters = otherLetters
            let cjk = han + kanaHangul
            if cjk > 0 && kanaHangul * 10 >= cjk {
                otherLetters += cjk * LanguageDetector.hanWeight
                han = 0
            }
            let hanW = han * LanguageDetector.hanWeight
            let total = hanW + latin + otherLetters
            guard total > 0 else { return .other }
            if otherLetters * 2 > total { return .other }
            let share = Double(hanW) / Double(hanW + latin)
            if share >= 0.7 { return .zh }
            if share <= 0.3 { return .en }
            return .mixed
        }
    }
}
