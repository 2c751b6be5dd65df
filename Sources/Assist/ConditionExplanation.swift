/// One elementary test of a condition and what it found: `vehicle.age_years >= 3` held because
/// the age is 3.4.
public struct ConditionClause: Sendable, Hashable, Codable {
    /// The test as written, e.g. `vehicle.age_years >= 3`; under `not` it reads `not (...)`.
    public var text: String
    /// Whether the test held (after any `not` above it).
    public var held: Bool
    /// The values of the scalar variables it read, e.g. `["vehicle.age_years": "3.4"]`; "unknown" when missing (list tests carry none).
    public var values: [String: String]
}

extension CampaignCondition {
    /// Every elementary test with its outcome, left to right.
    public func clauses(_ env: ConditionEnvironment) -> [ConditionClause] {
        var out: [ConditionClause] = []
        collect(env, negated: false, into: &out)
        return out
    }

    /// The tests that made the condition hold, in words: for `a and b` both sides' reasons, for
    /// `a or b` only the sides that held. Empty when the condition does not hold.
    public func explain(_ env: ConditionEnvironment) -> [ConditionClause] {
        guard evaluate(env) else { return [] }
        var out: [ConditionClause] = []
        reasons(env, into: &out)
        return out
    }

    private func reasons(_ env: ConditionEnvironment, into out: inout [ConditionClause]) {
        switch self {
        case .and(let a, let b):
            a.reasons(env, into: &out); b.reasons(env, into: &out)
        case .or(let a, let b):
            if a.evaluate(env) { a.reasons(env, into: &out) }
            if b.evaluate(env) { b.reasons(env, into: &out) }
        case .not:
            collect(env, negated: false, into: &out)
        default:
            out.append(leaf(env, negated: false))
        }
    }

    private func collect(_ env: ConditionEnvironment, negated: Bool, into out: inout [ConditionClause]) {
        switch self {
        case .and(let a, let b), .or(let a, let b):
            a.collect(env, negated: negated, into: &out); b.collect(env, negated: negated, into: &out)
        case .not(let a):
            if a.isLeaf {
                out.append(a.leaf(env, negated: !negated))
            } else {
                // A negated group is reported as one clause.
                let held = negated ? a.evaluate(env) : !a.evaluate(env)
                var values: [String: String] = [:]
                for v in a.variables where v.type != .list { values[v.rawValue] = env[v]?.plain ?? "unknown" }
                out.append(ConditionClause(text: negated ? a.text : "not (\(a.text))", held: held, values: values))
            }
        default:
            out.append(leaf(env, negated: negated))
        }
    }

    private var isLeaf: Bool {
        switch self {
        case .and, .or, .not: false
        default: true
        }
    }

    /// A clause's values: those of the scalar variables it reads (a list test says its outcome itself).
    private func leaf(_ env: ConditionEnvironment, negated: Bool) -> ConditionClause {
        var values: [String: String] = [:]
        for v in variables where v.type != .list { values[v.rawValue] = env[v]?.plain ?? "unknown" }
        let held = evaluate(env) != negated
        return ConditionClause(text: negated ? "not (\(text))" : text, held: held, values: values)
    }

    /// The variables the condition reads.
    public var variables: [ConditionVariable] {
        var out: [ConditionVariable] = []
        func add(_ o: ConditionOperand) { if case .variable(let v) = o, !out.contains(v) { out.append(v) } }
        func walk(_ c: CampaignCondition) {
            switch c {
            case .and(let a, let b), .or(let a, let b): walk(a); walk(b)
            case .not(let a): walk(a)
            case .compare(let l, _, let r), .contains(let l, let r): add(l); add(r)
            case .member(let l, _), .truth(let l): add(l)
            }
        }
        walk(self)
        return out
    }

    /// The string literals the condition tests `list`-variable `variable` for (`conversation.intents
    /// contains 'x'` → `x`), used by keyword baselines.
    public func containedLiterals(of variable: ConditionVariable) -> [String] {
        switch self {
        case .and(let a, let b), .or(let a, let b):
            return a.containedLiterals(of: variable) + b.containedLiterals(of: variable)
        case .not(let a):
            return a.containedLiterals(of: variable)
        case .contains(.variable(let v), .literal(.string(let s))) where v == variable:
            return [s]
        default:
            return []
        }
    }
}

extension ConditionValue {
    /// The value without quotes: `3.4`, `E7`, `true`, `a, b`.
    public var plain: String {
        switch self {
        case .string(let s): s
        case .list(let l): l.joined(separator: ", ")
        default: description
        }
    }
}
