/// Recursive descent over the condition grammar:
///
/// ```
/// condition  := or END
/// or         := and ('or' and)*
/// and        := unary ('and' unary)*
/// unary      := 'not' unary | '(' or ')' | predicate
/// predicate  := operand (compare operand | 'in' list | 'contains' operand)?
/// operand    := variable | number | 'string' | true | false
/// list       := '[' (literal (',' literal)*)? ']'
/// ```
///
/// `and` binds tighter than `or`; `not` binds tighter than both. A predicate without an
/// operator must be a truth value (`true`, `false` or a boolean variable).
struct ConditionParser {
    let tokens: [ConditionToken]
    var position = 0

    init(tokens: [ConditionToken]) { self.tokens = tokens }

    var current: ConditionToken { tokens[min(position, tokens.count - 1)] }

    mutating func advance() -> ConditionToken {
        let t = current
        if position < tokens.count - 1 { position += 1 }
        return t
    }

    mutating func parseAll() throws(ConditionError) -> CampaignCondition {
        if case .end = current.kind { throw ConditionError(offset: 0, "empty condition") }
        let c = try parseOr()
        guard case .end = current.kind else {
            throw ConditionError(offset: current.offset, "unexpected '\(current.text)' (expected 'and', 'or' or the end)")
        }
        return c
    }

    mutating func parseOr() throws(ConditionError) -> CampaignCondition {
        var left = try parseAnd()
        while case .keyword("or") = current.kind {
            let op = advance()
            try expectOperandStart(after: op)
            left = .or(left, try parseAnd())
        }
        return left
    }

    mutating func parseAnd() throws(ConditionError) -> CampaignCondition {
        var left = try parseUnary()
        while case .keyword("and") = current.kind {
            let op = advance()
            try expectOperandStart(after: op)
            left = .and(left, try parseUnary())
        }
        return left
    }

    mutating func parseUnary() throws(ConditionError) -> CampaignCondition {
        if case .keyword("not") = current.kind {
            let op = advance()
            try expectOperandStart(after: op)
            return .not(try parseUnary())
        }
        if case .punct("(") = current.kind {
            let open = advance()
            try expectOperandStart(after: open)
            let inner = try parseOr()
            guard case .punct(")") = current.kind else {
                throw ConditionError(offset: current.offset, "expected ')' to close '(' at offset \(open.offset), found '\(current.text)'")
            }
            _ = advance()
            return inner
        }
        return try parsePredicate()
    }

    /// Fails with "expected a condition after 'and'" when the next token cannot start one.
    func expectOperandStart(after token: ConditionToken) throws(ConditionError) {
        switch current.kind {
        case .end, .keyword("and"), .keyword("or"), .punct(")"), .punct(","), .punct("]"), .op:
            throw ConditionError(offset: current.offset, "expected a condition after '\(token.text)', found '\(current.text)'")
        default: return
        }
    }

    mutating func parsePredicate() throws(ConditionError) -> CampaignCondition {
        let leftToken = current
        let left = try parseOperand(after: nil)
        switch current.kind {
        case .op(let raw):
            let opToken = advance()
            guard let op = ComparisonOperator(rawValue: raw) else {
                throw ConditionError(offset: opToken.offset, "unknown operator '\(raw)'")
            }
            let rightToken = current
            let right = try parseOperand(after: opToken)
            try checkComparison(left, op, right, leftToken: leftToken, rightToken: rightToken, opToken: opToken)
            return .compare(left, op, right)
        case .keyword("in"):
            let inToken = advance()
            if left.type == .list {
                throw ConditionError(offset: leftToken.offset, "'\(leftToken.text)' is a list: use 'contains', not 'in'")
            }
            return .member(left, try parseList(after: inToken))
        case .keyword("contains"):
            let containsToken = advance()
            guard left.type == .list else {
                throw ConditionError(offset: leftToken.offset, "'contains' needs a list on its left; '\(leftToken.text)' is a \(left.type.rawValue)")
            }
            let rightToken = current
            let right = try parseOperand(after: containsToken)
            guard right.type == .string else {
                throw ConditionError(offset: rightToken.offset, "'contains' needs a string on its right, found '\(rightToken.text)'")
            }
            return .contains(left, right)
        default:
            guard left.type == .bool else {
                throw ConditionError(offset: current.offset, "expected a comparison, 'in' or 'contains' after '\(leftToken.text)', found '\(current.text)'")
            }
            return .truth(left)
        }
    }

    mutating func parseOperand(after previous: ConditionToken?) throws(ConditionError) -> ConditionOperand {
        let t = current
        switch t.kind {
        case .identifier(let name):
            guard let v = ConditionVariable(rawValue: name) else {
                throw ConditionError(offset: t.offset, "unknown variable '\(name)'")
            }
            _ = advance()
            return .variable(v)
        case .number(let n): _ = advance(); return .literal(.number(n))
        case .string(let s): _ = advance(); return .literal(.string(s))
        case .keyword("true"): _ = advance(); return .literal(.bool(true))
        case .keyword("false"): _ = advance(); return .literal(.bool(false))
        default:
            if let previous {
                throw ConditionError(offset: t.offset, "expected a value after '\(previous.text)', found '\(t.text)'")
            }
            throw ConditionError(offset: t.offset, "expected a variable or a value, found '\(t.text)'")
        }
    }

    mutating func parseList(after inToken: ConditionToken) throws(ConditionError) -> [ConditionValue] {
        guard case .punct("[") = current.kind else {
            throw ConditionError(offset: current.offset, "expected '[' after 'in', found '\(current.text)'")
        }
        let open = advance()
        var values: [ConditionValue] = []
        if case .punct("]") = current.kind { _ = advance(); return values }
        while true {
            let t = current
            switch try parseOperand(after: values.isEmpty ? open : tokens[position - 1]) {
            case .literal(let v): values.append(v)
            case .variable(let v): throw ConditionError(offset: t.offset, "a list holds values, not variables ('\(v.rawValue)')")
            }
            if case .punct(",") = current.kind { _ = advance(); continue }
            if case .punct("]") = current.kind { _ = advance(); return values }
            throw ConditionError(offset: current.offset, "expected ',' or ']' in the list opened at offset \(open.offset), found '\(current.text)'")
        }
    }

    func checkComparison(_ l: ConditionOperand, _ op: ComparisonOperator, _ r: ConditionOperand,
                         leftToken: ConditionToken, rightToken: ConditionToken, opToken: ConditionToken) throws(ConditionError) {
        if l.type == .list || r.type == .list {
            let t = l.type == .list ? leftToken : rightToken
            throw ConditionError(offset: t.offset, "'\(t.text)' is a list: use 'contains' instead of '\(op.rawValue)'")
        }
        if l.type != r.type {
            throw ConditionError(offset: rightToken.offset, "cannot compare \(l.type.rawValue) '\(leftToken.text)' with \(r.type.rawValue) '\(rightToken.text)'")
        }
        if l.type != .number, op != .equal, op != .notEqual {
            throw ConditionError(offset: opToken.offset, "'\(op.rawValue)' needs numbers; '\(leftToken.text)' is a \(l.type.rawValue)")
        }
    }
}
