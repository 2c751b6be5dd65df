/// Hand-written scanners for the codes agents and customers type that a lexicon cannot list
/// exhaustively. They run on normalized (lower-cased, half-width) scalars.
///
/// A *candidate token* is a maximal run of ASCII letters, digits and inner dashes that is not
/// glued to another Latin letter or digit on either side (CJK text around it is fine, so
/// "故障码P0A80亮了" yields "p0a80"). Each token is then classified, first rule wins:
///
/// | kind | shape (on the lower-cased token) | example |
/// |---|---|---|
/// | `faultCode` | `[pbcu][0-3][0-9a-f]{3}` — SAE J2012 DTC: system letter, then 4 hex digits whose first is 0–3 | `P0A80`, `U0100` |
/// | `campaignCode` | `[a-z]{1,3}-?(19\|20)\d{2}-\d{2,3}` — letter prefix, a year, a dash and a serial | `R2026-01`, `SC-2026-03` |
/// | `vin` | 17 characters from `[a-hj-npr-z0-9]` (no I, O, Q) with at least one letter and three digits | `LNBSCB3F5JW123456` |
/// | `partNumber` | `[a-z]{2,4}-\d{3,8}(-[a-z0-9]{1,4})?` — letter prefix, dash, digits, optional revision | `BMS-12345`, `TPMS-4411-A` |
public enum CodePatterns {
    /// What a code looks like.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// An on-board diagnostic trouble code, e.g. P0A80.
        case faultCode
        /// A recall or service-campaign number, e.g. R2026-01, SC-2026-03.
        case campaignCode
        /// A 17-character vehicle identification number.
        case vin
        /// A part number, e.g. BMS-12345.
        case partNumber
    }

    /// One code found in a scalar sequence: `start..<end` are scalar offsets, `code` is the
    /// normalized (lower-cased) token.
    public struct Match: Sendable, Hashable {
        /// What kind of code this is.
        public var kind: Kind
        /// The normalized token.
        public var code: String
        /// First scalar offset.
        public var start: Int
        /// Scalar offset just past the token.
        public var end: Int
    }

    /// Classifies one token (any case; it is lower-cased first), or nil if it is no code.
    public static func classify(_ token: String) -> Kind? {
        classify(Array(token.lowercased().utf8))
    }

    /// Finds all codes in normalized `scalars`.
    public static func scan(_ scalars: [UInt32]) -> [Match] {
        var out: [Match] = []
        let n = scalars.count
        var i = 0
        while i < n {
            guard isAlnum(scalars[i]), i == 0 || !ScriptClass.isWord(scalars[i - 1]) && scalars[i - 1] != 0x2D else {
                i += 1; continue
            }
            var j = i, hasDigit = false
            while j < n && (isAlnum(scalars[j]) || (scalars[j] == 0x2D && j + 1 < n && isAlnum(scalars[j + 1]))) {
                if scalars[j] <= 0x39 && scalars[j] >= 0x30 { hasDigit = true }
                j += 1
            }
            defer { i = max(j, i + 1) }
            // Every code kind has digits and 5 to 19 characters.
            guard hasDigit, (5...19).contains(j - i) else { continue }
            if j < n && ScriptClass.isWord(scalars[j]) { continue }
            let bytes = scalars[i..<j].map { UInt8($0) }
            if let kind = classify(bytes) {
                out.append(Match(kind: kind, code: String(decoding: bytes, as: UTF8.self), start: i, end: j))
            }
        }
        return out
    }

    @inline(__always)
    static func isAlnum(_ s: UInt32) -> Bool { (s >= 0x30 && s <= 0x39) || (s >= 0x61 && s <= 0x7A) }

    @inline(__always)
    private static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
    @inline(__always)
    private static func isLetter(_ b: UInt8) -> Bool { b >= 0x61 && b <= 0x7A }
    @inline(__always)
    private static func isHex(_ b: UInt8) -> Bool { isDigit(b) || (b >= 0x61 && b <= 0x66) }

    static func classify(_ t: [UInt8]) -> Kind? {
        if isFaultCode(t) { return .faultCode }
        if isCampaignCode(t) { return .campaignCode }
        if isVIN(t) { return .vin }
        if isPartNumber(t) { return .partNumber }
        return nil
    }

    /// `[pbcu][0-3][0-9a-f]{3}`.
    static func isFaultCode(_ t: [UInt8]) -> Bool {
        t.count == 5 && "pbcu".utf8.contains(t[0]) && t[1] >= 0x30 && t[1] <= 0x33
            && isHex(t[2]) && isHex(t[3]) && isHex(t[4])
    }

    /// `[a-z]{1,3}-?(19|20)\d{2}-\d{2,3}`.
    static func isCampaignCode(_ t: [UInt8]) -> Bool {
        var i = 0
        while i < t.count && isLetter(t[i]) { i += 1 }
        guard (1...3).contains(i) else { return false }
        if i < t.count && t[i] == 0x2D { i += 1 }
        guard i + 4 < t.count, t[i..<i + 4].allSatisfy(isDigit) else { return false }
        guard (t[i] == 0x31 && t[i + 1] == 0x39) || (t[i] == 0x32 && t[i + 1] == 0x30) else { return false }
        i += 4
        guard t[i] == 0x2D else { return false }
        let serial = t.count - i - 1
        return (2...3).contains(serial) && t[(i + 1)...].allSatisfy(isDigit)
    }

    /// 17 of `[a-hj-npr-z0-9]`, at least one letter and three digits.
    static func isVIN(_ t: [UInt8]) -> Bool {
        guard t.count == 17 else { return false }
        var letters = 0, digits = 0
        for b in t {
            if isDigit(b) { digits += 1 } else if isLetter(b) && b != 0x69 && b != 0x6F && b != 0x71 { letters += 1 } else { return false }
        }
        return letters >= 1 && digits >= 3
    }

    /// `[a-z]{2,4}-\d{3,8}(-[a-z0-9]{1,4})?`.
    static func isPartNumber(_ t: [UInt8]) -> Bool {
        var i = 0
        while i < t.count && isLetter(t[i]) { i += 1 }
        guard (2...4).contains(i), i < t.count, t[i] == 0x2D else { return false }
        i += 1
        let digitStart = i
        while i < t.count && isDigit(t[i]) { i += 1 }
        guard (3...8).contains(i - digitStart) else { return false }
        if i == t.count { return true }
        guard t[i] == 0x2D else { return false }
        let rest = t.count - i - 1
        return (1...4).contains(rest) && t[(i + 1)...].allSatisfy { isDigit($0) || isLetter($0) }
    }
}
