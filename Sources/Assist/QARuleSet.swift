import Foundation
import KnowledgeModel
import TextAnalysis

/// The QA rule types of `Knowledge/README.md` ("QA rule types").
public enum QARuleType: String, Sendable, Codable, CaseIterable {
    case forbidden
    case requiredOpening = "required_opening"
    case requiredClosing = "required_closing"
    case requiredWhen = "required_when"
    case order
    case maxSilence = "max_silence"
    case talkOver = "talk_over"

    /// Whether the rule reads turn timestamps (`ts`).
    public var needsTimestamps: Bool { self == .maxSilence || self == .talkOver }
}

/// How bad a violation is; each severity has a weight in the scorecard (`QAScoring`).
public enum QASeverity: String, Sendable, Codable, CaseIterable {
    case low, medium, high, critical
}

/// A set of QA rules compiled once: validated, every literal pattern normalized (NFKC, width and case
/// folding via `Normalizer.normalize`) into one multi-pattern matcher per side (agent lists, customer
/// triggers), every `re:` pattern compiled once (case-insensitive, run on the normalized text).
///
/// Build it when the rules change and share it; `QAInspector` (one per call) only reads it.
public struct QARuleSet: Sendable {
    /// The rules, in the order given.
    public let rules: [QARule]
    /// Per rule: its type, parsed.
    public let types: [QARuleType]
    /// Per rule: its severity, parsed.
    public let severities: [QASeverity]
    /// Per rule: the intents that trigger it (`required_when`), empty otherwise.
    let triggerIntents: [Set<String>]
    /// Patterns read on agent turns: `patterns`, `before`, `after`.
    let agentMatcher: QAMatcher
    /// Patterns read on customer turns: `trigger.patterns`.
    let customerMatcher: QAMatcher

    /// Compiles `rules`; throws the first problem found (rule id, field, position of a regex fault).
    /// Rule ids must be unique.
    public init(_ rules: [QARule]) throws(QARuleError) {
        var types: [QARuleType] = [], severities: [QASeverity] = [], intents: [Set<String>] = []
        var agentLiterals: [(text: String, key: QAFieldKey)] = [], customerLiterals: [(text: String, key: QAFieldKey)] = []
        var agentRegexes: [QACompiledRegex] = [], customerRegexes: [QACompiledRegex] = []
        var seen: Set<String> = []
        for (index, rule) in rules.enumerated() {
            let checked = try Self.check(rule)
            guard seen.insert(rule.id).inserted else {
                throw QARuleError(ruleID: rule.id, field: "id", reason: "duplicate rule id (rules[\(index)])")
            }
            types.append(checked.type); severities.append(checked.severity)
            intents.append(Set(rule.trigger?.intents ?? []))
            for (field, list) in Self.lists(of: rule, type: checked.type) {
                for (i, raw) in list.enumerated() {
                    let key = QAFieldKey(rule: index, field: field)
                    let compiled = try Self.compile(raw, rule: rule.id, field: "\(field.name)[\(i)]")
                    switch (compiled, field) {
                    case (.literal(let text), .trigger): customerLiterals.append((text, key))
                    case (.literal(let text), _): agentLiterals.append((text, key))
                    case (.regex(let regex), .trigger): customerRegexes.append(QACompiledRegex(key: key, regex: regex))
                    case (.regex(let regex), _): agentRegexes.append(QACompiledRegex(key: key, regex: regex))
                    }
                }
            }
        }
        self.rules = rules; self.types = types; self.severities = severities; self.triggerIntents = intents
        agentMatcher = QAMatcher(literals: agentLiterals, regexes: agentRegexes)
        customerMatcher = QAMatcher(literals: customerLiterals, regexes: customerRegexes)
    }

    /// Checks one rule the way `init` does (for an editor adding a single rule).
    public static func validate(_ rule: QARule) throws(QARuleError) {
        _ = try QARuleSet([rule])
    }

    /// Compiles the rules that are valid and reports the others, so one bad stored rule does not stop
    /// every check (for the engine, which reads rules from several documents). Of rules sharing an id,
    /// the first is kept.
    public static func compiling(_ rules: [QARule]) -> (ruleSet: QARuleSet, errors: [QARuleError]) {
        var kept: [QARule] = [], errors: [QARuleError] = [], ids: Set<String> = []
        for (index, rule) in rules.enumerated() {
            do { try validate(rule) } catch { errors.append(error); continue }
            guard ids.insert(rule.id).inserted else {
                errors.append(QARuleError(ruleID: rule.id, field: "id", reason: "duplicate rule id (rules[\(index)]); the first one is used"))
                continue
            }
            kept.append(rule)
        }
        do { return (try QARuleSet(kept), errors) } catch { return (QARuleSet(), errors + [error]) }
    }

    /// A set without rules.
    public init() {
        rules = []; types = []; severities = []; triggerIntents = []
        agentMatcher = QAMatcher(literals: [], regexes: [])
        customerMatcher = QAMatcher(literals: [], regexes: [])
    }

    /// The pattern lists a rule of `type` is matched with.
    private static func lists(of rule: QARule, type: QARuleType) -> [(QAPatternField, [String])] {
        switch type {
        case .forbidden, .requiredOpening, .requiredClosing: [(.patterns, rule.patterns ?? [])]
        case .requiredWhen: [(.patterns, rule.patterns ?? []), (.trigger, rule.trigger?.patterns ?? [])]
        case .order: [(.before, rule.before ?? []), (.after, rule.after ?? [])]
        case .maxSilence, .talkOver: []
        }
    }

    /// Field presence and ranges: type, severity, the lists a type needs, `within_turns`, `seconds`.
    private static func check(_ rule: QARule) throws(QARuleError) -> (type: QARuleType, severity: QASeverity) {
        func fail(_ field: String, _ reason: String) -> QARuleError { QARuleError(ruleID: rule.id, field: field, reason: reason) }
        guard !rule.id.trimmingCharacters(in: .whitespaces).isEmpty else { throw fail("id", "missing rule id") }
        guard !rule.name.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw fail("name", "missing rule name") }
        guard let type = QARuleType(rawValue: rule.type) else {
            throw fail("type", "unknown type '\(rule.type)' (expected one of \(QARuleType.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        guard let severity = QASeverity(rawValue: rule.severity.lowercased()) else {
            throw fail("severity", "unknown severity '\(rule.severity)' (expected low, medium, high or critical)")
        }
        func nonEmpty(_ list: [String]?, _ field: String) throws(QARuleError) {
            guard let list, !list.isEmpty else { throw fail(field, "\(type.rawValue) rule needs at least one pattern in '\(field)'") }
        }
        switch type {
        case .forbidden:
            try nonEmpty(rule.patterns, "patterns")
        case .requiredOpening, .requiredClosing, .requiredWhen:
            try nonEmpty(rule.patterns, "patterns")
            guard let n = rule.withinTurns else { throw fail("within_turns", "\(type.rawValue) rule needs 'within_turns' (a number of agent turns)") }
            guard n >= 1 else { throw fail("within_turns", "must be at least 1; got \(n)") }
            if type == .requiredWhen {
                guard let t = rule.trigger else { throw fail("trigger", "required_when rule needs a 'trigger' with 'intents' or 'patterns'") }
                guard !(t.intents ?? []).isEmpty || !(t.patterns ?? []).isEmpty else {
                    throw fail("trigger", "trigger needs at least one intent or pattern")
                }
                for (i, intent) in (t.intents ?? []).enumerated() where intent.trimmingCharacters(in: .whitespaces).isEmpty {
                    throw fail("trigger.intents[\(i)]", "empty intent label")
                }
            }
        case .order:
            try nonEmpty(rule.before, "before")
            try nonEmpty(rule.after, "after")
        case .maxSilence, .talkOver:
            guard let s = rule.seconds else { throw fail("seconds", "\(type.rawValue) rule needs 'seconds'") }
            guard s.isFinite, s > 0 else { throw fail("seconds", "must be a positive number of seconds; got \(s)") }
        }
        return (type, severity)
    }

    private enum Compiled {
        case literal(String)
        case regex(Regex<AnyRegexOutput>)
    }

    /// A literal normalized, or a `re:` pattern pre-checked (fault position) and compiled.
    private static func compile(_ raw: String, rule: String, field: String) throws(QARuleError) -> Compiled {
        guard raw.hasPrefix("re:") else {
            let text = Normalizer.normalize(raw)
            guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                throw QARuleError(ruleID: rule, field: field, reason: "empty pattern (it would match every turn)")
            }
            return .literal(text)
        }
        let source = String(raw.dropFirst(3))
        guard !source.isEmpty else { throw QARuleError(ruleID: rule, field: field, reason: "empty regular expression after 're:'") }
        if let fault = QARegexSyntax.check(source) {
            throw QARuleError(ruleID: rule, field: field,
                              reason: "invalid regular expression at position \(fault.offset + 3): \(fault.reason) (\(quoted(raw)))",
                              position: fault.offset + 3)
        }
        do {
            return .regex(try Regex(source).ignoresCase())
        } catch {
            let detail = String(describing: error).replacingOccurrences(of: "\n", with: " ")
            throw QARuleError(ruleID: rule, field: field, reason: "invalid regular expression: \(detail) (\(quoted(raw)))")
        }
    }

    /// A pattern quoted for a one-line message (newlines escaped).
    private static func quoted(_ s: String) -> String {
        "\"" + s.replacingOccurrences(of: "\n", with: "\\n") + "\""
    }
}
