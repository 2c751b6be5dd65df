import Foundation

/// Which list of a rule a pattern comes from.
enum QAPatternField: Int, Sendable, Hashable {
    case patterns, trigger, before, after

    /// The field name as written in the rule (`trigger.patterns` for triggers).
    var name: String {
        switch self {
        case .patterns: "patterns"
        case .trigger: "trigger.patterns"
        case .before: "before"
        case .after: "after"
        }
    }
}

/// One list of one rule: what a match is reported against.
struct QAFieldKey: Sendable, Hashable {
    var rule: Int
    var field: QAPatternField
}

/// The earliest match of one rule list in a turn: UTF-8 offset in the normalized text and the matched text.
struct QAFieldMatch: Sendable, Hashable {
    var start: Int
    var text: String
}

/// A compiled regular expression. `Regex` values are immutable once built, so sharing one across
/// threads is safe; the box only tells the compiler so (`AnyRegexOutput` is not `Sendable`).
struct QACompiledRegex: @unchecked Sendable {
    let key: QAFieldKey
    let regex: Regex<AnyRegexOutput>
}

/// Every pattern of one side of a rule set (agent lists or customer triggers) in one matcher:
/// the literal patterns, normalized once, in one Aho-Corasick automaton over UTF-8 bytes, so a turn is
/// scanned once whatever the number of patterns; the `re:` patterns compiled once and run on the
/// normalized text.
struct QAMatcher: Sendable {
    /// Per node: outgoing byte edges, sorted by byte.
    private var edges: [[(byte: UInt8, node: Int32)]] = [[]]
    private var fail: [Int32] = [0]
    /// Per node: the literal ids that end here (own and inherited through failure links).
    private var outputs: [[Int32]] = [[]]
    /// Per literal id: its byte length and the rule lists it belongs to.
    private var literals: [(length: Int, keys: [QAFieldKey])] = []
    private var regexes: [QACompiledRegex] = []

    /// Builds the matcher from normalized literals (several lists may share one literal) and compiled regexes.
    init(literals: [(text: String, key: QAFieldKey)], regexes: [QACompiledRegex]) {
        self.regexes = regexes
        var idOf: [String: Int] = [:]
        for (text, key) in literals {
            if let id = idOf[text] {
                if !self.literals[id].keys.contains(key) { self.literals[id].keys.append(key) }
                continue
            }
            let id = self.literals.count
            idOf[text] = id
            self.literals.append((text.utf8.count, [key]))
            insert(Array(text.utf8), id: Int32(id))
        }
        buildFailureLinks()
    }

    private mutating func insert(_ bytes: [UInt8], id: Int32) {
        var node = 0
        for b in bytes {
            if let next = child(node, b) { node = Int(next); continue }
            let new = Int32(edges.count)
            edges.append([]); fail.append(0); outputs.append([])
            let at = edges[node].firstIndex { $0.byte > b } ?? edges[node].count
            edges[node].insert((b, new), at: at)
            node = Int(new)
        }
        outputs[node].append(id)
    }

    @inline(__always)
    private func child(_ node: Int, _ byte: UInt8) -> Int32? {
        for e in edges[node] {
            if e.byte == byte { return e.node }
            if e.byte > byte { return nil }
        }
        return nil
    }

    private mutating func buildFailureLinks() {
        var queue: [Int] = edges[0].map { Int($0.node) }
        var head = 0
        while head < queue.count {
            let node = queue[head]; head += 1
            for e in edges[node] {
                let next = Int(e.node)
                fail[next] = 0
                if node != 0 {
                    var f = Int(fail[node])
                    while true {
                        if let g = child(f, e.byte) { fail[next] = g; break }
                        if f == 0 { break }
                        f = Int(fail[f])
                    }
                }
                outputs[next] += outputs[Int(fail[next])]
                queue.append(next)
            }
        }
    }

    /// The earliest match of every rule list that matches `normalized` (text already passed through
    /// `Normalizer.normalize`).
    func matches(in normalized: String) -> [QAFieldKey: QAFieldMatch] {
        var found: [QAFieldKey: (start: Int, length: Int)] = [:]
        var node = 0
        var text = normalized
        text.withUTF8 { bytes in
            for (i, b) in bytes.enumerated() {
                while true {
                    if let next = child(node, b) { node = Int(next); break }
                    if node == 0 { break }
                    node = Int(fail[node])
                }
                for id in outputs[node] {
                    let lit = literals[Int(id)]
                    let start = i + 1 - lit.length
                    for key in lit.keys where (found[key]?.start ?? .max) > start { found[key] = (start, lit.length) }
                }
            }
        }
        var result: [QAFieldKey: QAFieldMatch] = [:]
        if !found.isEmpty {
            let utf8 = Array(normalized.utf8)
            for (key, m) in found {
                result[key] = QAFieldMatch(start: m.start, text: String(decoding: utf8[m.start..<(m.start + m.length)], as: UTF8.self))
            }
        }
        for r in regexes {
            guard let m = try? r.regex.firstMatch(in: normalized) else { continue }
            let start = normalized.utf8.distance(from: normalized.startIndex, to: m.range.lowerBound)
            if (result[r.key]?.start ?? .max) > start {
                result[r.key] = QAFieldMatch(start: start, text: String(normalized[m.range]))
            }
        }
        return result
    }

    /// Whether the matcher has any pattern at all.
    var isEmpty: Bool { literals.isEmpty && regexes.isEmpty }
}
