/// One side of a comparison: a variable or a literal.
public enum ConditionOperand: Sendable, Hashable, CustomStringConvertible {
    case variable(ConditionVariable)
    case literal(ConditionValue)

    /// As written in a condition.
    public var description: String {
        switch self {
        case .variable(let v): v.rawValue
        case .literal(let l): l.description
        }
    }

    /// The operand's kind.
    public var type: ConditionValueType {
        switch self {
        case .variable(let v): v.type
        case .literal(let l): l.type
        }
    }

    func resolve(_ env: ConditionEnvironment) -> ConditionValue? {
        switch self {
        case .variable(let v): env[v]
        case .literal(let l): l
        }
    }
}

/// A comparison operator.
public enum ComparisonOperator: String, Sendable, Hashable {
    case equal = "==", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
}

/// A parsed campaign condition (see Knowledge/README.md, "Campaign condition language").
///
/// Parse once with `parse(_:)` (unknown variables, malformed syntax and type mismatches are
/// errors with a character offset), then `evaluate(_:)` against each call's environment. A
/// comparison that reads a variable without a value is false (so `not` of it is true).
public indirect enum CampaignCondition: Sendable, Hashable {
    case and(CampaignCondition, CampaignCondition)
    case or(CampaignCondition, CampaignCondition)
    case not(CampaignCondition)
    /// `left op right`.
    case compare(ConditionOperand, ComparisonOperator, ConditionOperand)
    /// `left in [values]`.
    case member(ConditionOperand, [ConditionValue])
    /// `list contains value`.
    case contains(ConditionOperand, ConditionOperand)
    /// A bare truth value: `true`, `false` or a boolean variable.
    case truth(ConditionOperand)

    /// Parses a condition.
    /// - Throws: `ConditionError` with the character offset of the problem.
    public static func parse(_ source: String) throws(ConditionError) -> CampaignCondition {
        var parser = ConditionParser(tokens: try ConditionLexer.tokenize(source))
        return try parser.parseAll()
    }

    /// Whether the condition holds in `env`.
    public func evaluate(_ env: ConditionEnvironment) -> Bool {
        switch self {
        case .and(let a, let b): return a.evaluate(env) && b.evaluate(env)
        case .or(let a, let b): return a.evaluate(env) || b.evaluate(env)
        case .not(let a): return !a.evaluate(env)
        case .compare(let l, let op, let r):
            guard let a = l.resolve(env), let b = r.resolve(env) else { return false }
            return Self.compare(a, op, b)
        case .member(let l, let values):
            guard let a = l.resolve(env) else { return false }
            return values.contains(a)
        case .contains(let l, let r):
            guard case .list(let items)? = l.resolve(env), case .string(let s)? = r.resolve(env) else { return false }
            return items.contains(s)
        case .truth(let o):
            if case .bool(true)? = o.resolve(env) { return true }
            return false
        }
    }

    static func compare(_ a: ConditionValue, _ op: ComparisonOperator, _ b: ConditionValue) -> Bool {
        switch (a, b) {
        case (.number(let x), .number(let y)):
            switch op {
            case .equal: return x == y
            case .notEqual: return x != y
            case .less: return x < y
            case .lessOrEqual: return x <= y
            case .greater: return x > y
            case .greaterOrEqual: return x >= y
            }
        case (.string(let x), .string(let y)):
            switch op {
            case .equal: return x == y
            case .notEqual: return x != y
            default: return false
            }
        case (.bool(let x), .bool(let y)):
            switch op {
            case .equal: return x == y
            case .notEqual: return x != y
            default: return false
            }
        default:
            return false
        }
    }

    /// The condition as text (normalized spacing, parentheses where needed).
    public var text: String {
        switch self {
        case .and(let a, let b): "\(a.wrapped(for: .and)) and \(b.wrapped(for: .and))"
        case .or(let a, let b): "\(a.text) or \(b.text)"
        case .not(let a): "not (\(a.text))"
        case .compare(let l, let op, let r): "\(l) \(op.rawValue) \(r)"
        case .member(let l, let values): "\(l) in [" + values.map(\.description).joined(separator: ",") + "]"
        case .contains(let l, let r): "\(l) contains \(r)"
        case .truth(let o): o.description
        }
    }

    private enum Context { case and }
    private func wrapped(for context: Context) -> String {
        if case .or = self { return "(\(text))" }
        return text
    }
}
