import Foundation
import KnowledgeModel

/// One labelled line of `eval/tickets.jsonl`: a recorded session or a single customer text.
public struct TicketLabel: Sendable, Hashable, Codable {
    public var session: String?
    public var text: String?
    public var department: String
    public var category: String?
    public var priority: String
    public var lang: String?
}

/// A labelled call ready for evaluation.
public struct RoutingEvalCase: Sendable {
    /// The session id, or `text#<line>`.
    public var id: String
    /// `session` or `text`.
    public var kind: String
    public var language: String
    public var context: CallContext
    public var department: String
    public var priority: String

    public init(id: String, kind: String, language: String, context: CallContext, department: String, priority: String) {
        self.id = id; self.kind = kind; self.language = language; self.context = context
        self.department = department; self.priority = priority
    }
}

/// Accuracies over one group of cases.
public struct RoutingScores: Sendable, Codable, Hashable {
    public var cases = 0
    public var department = 0.0
    public var departmentTop3 = 0.0
    public var baselineDepartment = 0.0
    public var baselineTop3 = 0.0
    public var priority = 0.0
    /// Priority off by at most one level.
    public var priorityWithinOne = 0.0
}

/// What `RoutingEval.run` measured.
public struct RoutingEvalReport: Sendable, Codable {
    /// Groups: `all`, `session`, `text`, `zh`, `en`.
    public var groups: [String: RoutingScores]
    /// Gold department → predicted department → count (the router).
    public var confusion: [String: [String: Int]]
    /// Gold priority → predicted priority → count.
    public var priorityConfusion: [String: [String: Int]]
    /// Per case: id, gold, router, baseline, gold priority, predicted priority.
    public var rows: [[String]]
}

/// What is wrong with the evaluation input.
public enum RoutingEvalError: Error, Sendable, CustomStringConvertible {
    case unreadable(String, String)
    case invalidLine(String, Int, String)
    case unknownSession(String)

    public var description: String {
        switch self {
        case let .unreadable(path, why): "cannot read \(path): \(why)"
        case let .invalidLine(path, line, why): "\(path) line \(line): \(why)"
        case let .unknownSession(id): "eval/tickets.jsonl names session \(id), which transcripts/ does not have"
        }
    }
}

/// Department routing and priority on `eval/tickets.jsonl`, the trained router beside the
/// keyword baseline in the same run.
public enum RoutingEval {
    /// Decodes a JSONL file of `T`.
    public static func readJSONL<T: Decodable>(_ url: URL, as: T.Type) throws(RoutingEvalError) -> [T] {
        let data: Data
        do { data = try Data(contentsOf: url) } catch { throw .unreadable(url.path, error.localizedDescription) }
        var out: [T] = []
        let decoder = JSONDecoder()
        for (i, line) in String(decoding: data, as: UTF8.self).split(separator: "\n").enumerated() {
            guard !line.allSatisfy(\.isWhitespace) else { continue }
            do { out.append(try decoder.decode(T.self, from: Data(line.utf8))) } catch {
                throw .invalidLine(url.lastPathComponent, i + 1, "\(error)")
            }
        }
        return out
    }

    /// The recorded sessions of a knowledge folder as annotated calls, by session id.
    public static func sessionContexts(knowledge dir: URL, annotator: CallAnnotator) throws(RoutingEvalError) -> [String: CallContext] {
        let sessions = try readJSONL(dir.appendingPathComponent("transcripts/sessions.jsonl"), as: TranscriptSession.self)
        let turns = try readJSONL(dir.appendingPathComponent("transcripts/turns.jsonl"), as: TranscriptTurn.self)
        let customers = try readJSONL(dir.appendingPathComponent("customers/customers.jsonl"), as: CustomerProfile.self)
        let byCustomer = Dictionary(customers.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let bySession = Dictionary(grouping: turns, by: \.session)
        var out: [String: CallContext] = [:]
        for s in sessions {
            out[s.session] = annotator.context(turns: bySession[s.session] ?? [], session: s,
                                               customer: s.customerId.flatMap { byCustomer[$0] })
        }
        return out
    }

    /// The labelled cases: sessions replayed from `contexts`, texts as one-turn calls.
    public static func cases(labels: [TicketLabel], contexts: [String: CallContext],
                             annotator: CallAnnotator) throws(RoutingEvalError) -> [RoutingEvalCase] {
        var out: [RoutingEvalCase] = []
        for (i, l) in labels.enumerated() {
            if let s = l.session {
                guard let c = contexts[s] else { throw .unknownSession(s) }
                out.append(RoutingEvalCase(id: s, kind: "session", language: l.lang ?? CallSummarizer.language(of: c), context: c,
                                           department: l.department, priority: l.priority))
            } else if let text = l.text {
                let c = annotator.context(customerText: text, language: l.lang)
                out.append(RoutingEvalCase(id: "text#\(i + 1)", kind: "text", language: l.lang ?? CallSummarizer.language(of: c),
                                           context: c, department: l.department, priority: l.priority))
            }
        }
        return out
    }

    /// Routes and prioritizes every case with the router and the baseline.
    public static func run(_ cases: [RoutingEvalCase], router: DepartmentRouter, baseline: KeywordRouter,
                           assessor: PriorityAssessor) -> RoutingEvalReport {
        var sums: [String: RoutingScores] = [:]
        var confusion: [String: [String: Int]] = [:]
        var pConfusion: [String: [String: Int]] = [:]
        var rows: [[String]] = []
        for c in cases {
            let r = router.route(c.context)
            let b = baseline.route(c.context)
            let p = assessor.assess(c.context, language: c.language).priority
            let gold = TicketPriority(rawValue: c.priority)
            confusion[c.department, default: [:]][r.department, default: 0] += 1
            pConfusion[c.priority, default: [:]][p.rawValue, default: 0] += 1
            rows.append([c.id, c.department, r.department, b.department, c.priority, p.rawValue])
            for g in ["all", c.kind, c.language] {
                var s = sums[g] ?? RoutingScores()
                s.cases += 1
                if r.department == c.department { s.department += 1 }
                if r.top.contains(where: { $0.department == c.department }) { s.departmentTop3 += 1 }
                if b.department == c.department { s.baselineDepartment += 1 }
                if b.top.contains(where: { $0.department == c.department }) { s.baselineTop3 += 1 }
                if p == gold { s.priority += 1 }
                if let gold, abs(p.rank - gold.rank) <= 1 { s.priorityWithinOne += 1 }
                sums[g] = s
            }
        }
        for (g, s) in sums {
            let n = Double(max(1, s.cases))
            sums[g] = RoutingScores(cases: s.cases, department: s.department / n, departmentTop3: s.departmentTop3 / n,
                                    baselineDepartment: s.baselineDepartment / n, baselineTop3: s.baselineTop3 / n,
                                    priority: s.priority / n, priorityWithinOne: s.priorityWithinOne / n)
        }
        return RoutingEvalReport(groups: sums, confusion: confusion, priorityConfusion: pConfusion, rows: rows)
    }
}
