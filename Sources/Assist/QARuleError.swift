import Foundation

/// Why a QA rule cannot be compiled: the rule, the field and what is wrong, in one line.
///
/// `description` is what `POST /v1/qa/rules` answers with (status 400), for example
/// `rule QA-012, patterns[0]: invalid regular expression at position 8: '[' is never closed ("re:1[3-9][0-9")`.
public struct QARuleError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The id of the rule (empty when the rule has none).
    public var ruleID: String
    /// The field at fault: `id`, `type`, `severity`, `patterns[3]`, `trigger.patterns[0]`, `before[2]`,
    /// `after[1]`, `within_turns`, `seconds`, `trigger`.
    public var field: String
    /// What is wrong.
    public var reason: String
    /// For a regular expression that does not compile: the 0-based character offset of the fault in the
    /// pattern as written (including its `re:` prefix), when it could be located.
    public var position: Int?

    /// Creates an error.
    public init(ruleID: String, field: String, reason: String, position: Int? = nil) {
        self.ruleID = ruleID; self.field = field; self.reason = reason; self.position = position
    }

    /// One line: `rule <id>, <field>: <reason>`.
    public var description: String {
        let rule = ruleID.isEmpty ? "rule without id" : "rule \(ruleID)"
        return "\(rule), \(field): \(reason)"
    }
}

/// A syntax pre-check for the regular expressions of QA rules. Swift's regex parser reports errors
/// without a usable offset, so the common mistakes are located here first: a trailing backslash, an
/// unbalanced `(` or `)`, an unclosed `[`, and a quantifier with nothing to repeat.
enum QARegexSyntax {
    /// A located syntax fault: 0-based character offset into the regex source and what is wrong.
    struct Fault: Equatable {
        var offset: Int
        var reason: String
    }

    /// The first fault in `source`, or nil when none of the checked mistakes is present.
    static func check(_ source: String) -> Fault? {
        let chars = Array(source)
        var openGroups: [Int] = []
        var i = 0
        // Whether the previous token can take a quantifier (an atom or a closed group).
        var canRepeat = false
        // Whether the previous token was a quantifier (so one more `?` or `+` is a lazy/possessive mark).
        var afterQuantifier = false
        while i < chars.count {
            let c = chars[i]
            switch c {
            case "\\":
                guard i + 1 < chars.count else { return Fault(offset: i, reason: "trailing backslash escapes nothing") }
                i += 2; canRepeat = true; afterQuantifier = false; continue
            case "[":
                let first = i + 1 < chars.count && chars[i + 1] == "^" ? i + 2 : i + 1
                if first < chars.count, chars[first] == "]" { return Fault(offset: i, reason: "empty character class") }
                guard let end = classEnd(chars, from: i) else { return Fault(offset: i, reason: "'[' is never closed") }
                i = end + 1; canRepeat = true; afterQuantifier = false; continue
            case "(":
                openGroups.append(i); canRepeat = false; afterQuantifier = false
                // Skip a group prefix such as `?:`, `?=`, `?!`, `?<name>`, `?<=`, `?i:` so its `?` is no quantifier.
                if i + 1 < chars.count, chars[i + 1] == "?" { i = groupPrefixEnd(chars, from: i + 2); continue }
            case ")":
                guard openGroups.popLast() != nil else { return Fault(offset: i, reason: "')' has no matching '('") }
                canRepeat = true; afterQuantifier = false
            case "|":
                canRepeat = false; afterQuantifier = false
            case "*", "+", "?":
                if afterQuantifier && c != "*" { afterQuantifier = false; canRepeat = false; break }
                guard canRepeat else { return Fault(offset: i, reason: "quantifier '\(c)' has nothing to repeat") }
                canRepeat = false; afterQuantifier = true
            case "{":
                if let end = boundedQuantifierEnd(chars, from: i) {
                    guard canRepeat else { return Fault(offset: i, reason: "quantifier '{' has nothing to repeat") }
                    i = end + 1; canRepeat = false; afterQuantifier = true; continue
                }
                canRepeat = true; afterQuantifier = false
            case "^", "$":
                canRepeat = false; afterQuantifier = false
            default:
                canRepeat = true; afterQuantifier = false
            }
            i += 1
        }
        if let open = openGroups.last { return Fault(offset: open, reason: "'(' is never closed") }
        return nil
    }

    /// The index just after a group prefix whose text starts at `start` (after `(?`).
    private static func groupPrefixEnd(_ chars: [Character], from start: Int) -> Int {
        var i = start
        guard i < chars.count else { return i }
        switch chars[i] {
        case ":", "=", "!", ">": return i + 1
        case "<", "P", "'":
            if chars[i] == "<", i + 1 < chars.count, chars[i + 1] == "=" || chars[i + 1] == "!" { return i + 2 }
            let close: Character = chars[i] == "'" ? "'" : ">"
            i += 1
            while i < chars.count, chars[i] != close { i += 1 }
            return min(i + 1, chars.count)
        default:
            // Inline options such as `i`, `-i` or `i:`; a `)` right after them ends the group in the main loop.
            while i < chars.count, chars[i].isLetter || chars[i] == "-" || chars[i] == "^" { i += 1 }
            if i < chars.count, chars[i] == ":" { i += 1 }
            return i
        }
    }

    /// The index of the `]` closing the class opened at `start`, or nil.
    private static func classEnd(_ chars: [Character], from start: Int) -> Int? {
        var i = start + 1
        if i < chars.count, chars[i] == "^" { i += 1 }
        while i < chars.count {
            switch chars[i] {
            case "\\": i += 2; continue
            case "[":
                // A nested class (`[a-z&&[^x]]`) or a POSIX class (`[:alpha:]`).
                guard let inner = classEnd(chars, from: i) else { return nil }
                i = inner + 1; continue
            case "]": return i
            default: i += 1
            }
        }
        return nil
    }

    /// The index of the `}` of a `{n}`, `{n,}` or `{n,m}` quantifier starting at `start`, or nil when the
    /// brace is a literal.
    private static func boundedQuantifierEnd(_ chars: [Character], from start: Int) -> Int? {
        var i = start + 1
        var digits = 0
        while i < chars.count, chars[i].isASCII, chars[i].isNumber { i += 1; digits += 1 }
        guard digits > 0, i < chars.count else { return nil }
        if chars[i] == "}" { return i }
        guard chars[i] == "," else { return nil }
        i += 1
        while i < chars.count, chars[i].isASCII, chars[i].isNumber { i += 1 }
        return i < chars.count && chars[i] == "}" ? i : nil
    }
}
