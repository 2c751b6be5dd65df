/// One token of the campaign condition language.
struct ConditionToken: Sendable, Hashable {
    enum Kind: Sendable, Hashable {
        case identifier(String)
        case number(Double)
        case string(String)
        case keyword(String)      // and or not in contains true false
        case op(String)           // == != < <= > >=
        case punct(Character)     // ( ) [ ] ,
        case end
    }
    var kind: Kind
    /// Character offset of the token's first character.
    var offset: Int
    /// The token as written (for messages).
    var text: String
}

/// Splits a condition into tokens; character offsets count `Character`s from 0.
enum ConditionLexer {
    static let keywords: Set<String> = ["and", "or", "not", "in", "contains", "true", "false"]

    static func tokenize(_ source: String) throws(ConditionError) -> [ConditionToken] {
        let chars = Array(source)
        var tokens: [ConditionToken] = []
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c.isWhitespace { i += 1; continue }
            let start = i
            if c.isLetter || c == "_" {
                while i < chars.count, chars[i].isLetter || chars[i].isNumber || chars[i] == "_" || chars[i] == "." { i += 1 }
                let word = String(chars[start..<i])
                if keywords.contains(word) {
                    tokens.append(ConditionToken(kind: .keyword(word), offset: start, text: word))
                } else {
                    if word.hasSuffix(".") || word.contains("..") {
                        throw ConditionError(offset: start, "malformed variable name '\(word)'")
                    }
                    tokens.append(ConditionToken(kind: .identifier(word), offset: start, text: word))
                }
            } else if c.isASCII, c.isNumber || (c == "-" && i + 1 < chars.count && chars[i + 1].isASCII && chars[i + 1].isNumber) || (c == "." && i + 1 < chars.count && chars[i + 1].isNumber) {
                i += 1
                var dots = c == "." ? 1 : 0
                while i < chars.count, (chars[i].isASCII && chars[i].isNumber) || chars[i] == "." {
                    if chars[i] == "." { dots += 1 }
                    i += 1
                }
                let text = String(chars[start..<i])
                guard dots <= 1, let value = Double(text) else {
                    throw ConditionError(offset: start, "malformed number '\(text)'")
                }
                tokens.append(ConditionToken(kind: .number(value), offset: start, text: text))
            } else if c == "'" {
                i += 1
                var value = ""
                var closed = false
                while i < chars.count {
                    if chars[i] == "\\", i + 1 < chars.count { value.append(chars[i + 1]); i += 2; continue }
                    if chars[i] == "'" { closed = true; i += 1; break }
                    value.append(chars[i]); i += 1
                }
                guard closed else { throw ConditionError(offset: start, "unterminated string (missing closing ')") }
                tokens.append(ConditionToken(kind: .string(value), offset: start, text: String(chars[start..<i])))
            } else if "=!<>".contains(c) {
                let two = i + 1 < chars.count ? String([c, chars[i + 1]]) : String(c)
                if ["==", "!=", "<=", ">="].contains(two) {
                    tokens.append(ConditionToken(kind: .op(two), offset: start, text: two)); i += 2
                } else if c == "<" || c == ">" {
                    tokens.append(ConditionToken(kind: .op(String(c)), offset: start, text: String(c))); i += 1
                } else {
                    throw ConditionError(offset: start, "unexpected '\(c)' (did you mean '\(c)=')")
                }
            } else if "()[],".contains(c) {
                tokens.append(ConditionToken(kind: .punct(c), offset: start, text: String(c))); i += 1
            } else {
                throw ConditionError(offset: start, "unexpected character '\(c)'")
            }
        }
        tokens.append(ConditionToken(kind: .end, offset: chars.count, text: "end of condition"))
        return tokens
    }
}
