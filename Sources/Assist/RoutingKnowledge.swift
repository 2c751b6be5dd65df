import Foundation

/// A department a ticket can go to, as the knowledge describes it (`service/routing.jsonl`,
/// records with `"kind": "department"`).
public struct DepartmentSpec: Sendable, Hashable, Codable {
    /// Stable id, e.g. `after_sales`.
    public var id: String
    public var nameZh: String?
    public var nameEn: String?
    /// Intent labels that usually belong to this department.
    public var intents: [String]
    /// Words and phrases (any language) that point to this department.
    public var keywords: [String]

    public init(id: String, nameZh: String? = nil, nameEn: String? = nil, intents: [String] = [], keywords: [String] = []) {
        self.id = id; self.nameZh = nameZh; self.nameEn = nameEn; self.intents = intents; self.keywords = keywords
    }

    /// The department's name in `language` (`zh` or `en`), falling back to the other and the id.
    public func name(in language: String) -> String {
        (language == "zh" ? (nameZh ?? nameEn) : (nameEn ?? nameZh)) ?? id
    }
}

/// Ticket priority, ordered from `low` to `urgent`.
public enum TicketPriority: String, Sendable, Codable, CaseIterable, Comparable {
    case low, medium, high, urgent

    var rank: Int { Self.allCases.firstIndex(of: self) ?? 0 }
    public static func < (a: TicketPriority, b: TicketPriority) -> Bool { a.rank < b.rank }
}

/// One priority rule (`"kind": "priority"`): the rule fires when any of its matchers hits in the
/// call (entities of any turn; intents and keywords of customer turns), and, when
/// `requiresIntents` is set, one of those intents was seen too. The ticket gets the highest level
/// of the rules that fired.
public struct PriorityRule: Sendable, Hashable, Codable {
    public var level: TicketPriority
    public var reasonEn: String
    public var reasonZh: String?
    /// Entity ids (e.g. a red warning light).
    public var entities: [String]
    /// Entity types (e.g. `fault`).
    public var entityTypes: [String]
    /// Intent labels.
    public var intents: [String]
    /// Phrases matched in the customer's words (`re:` prefix: a regular expression).
    public var keywords: [String]
    /// Intents of which one must also be present for the rule to fire.
    public var requiresIntents: [String]

    public init(level: TicketPriority, reasonEn: String, reasonZh: String? = nil, entities: [String] = [], entityTypes: [String] = [],
                intents: [String] = [], keywords: [String] = [], requiresIntents: [String] = []) {
        self.level = level; self.reasonEn = reasonEn; self.reasonZh = reasonZh; self.entities = entities
        self.entityTypes = entityTypes; self.intents = intents; self.keywords = keywords; self.requiresIntents = requiresIntents
    }

    public func reason(in language: String) -> String { language == "zh" ? (reasonZh ?? reasonEn) : reasonEn }
}

/// Phrases of one language that mark what an agent did (`"kind": "cues"`): actions taken,
/// escalations, tickets/cases, time promises, and inability to help. A phrase starting with `re:`
/// is a regular expression.
public struct LanguageCues: Sendable, Hashable, Codable {
    public var lang: String
    public var action: [String]
    public var escalation: [String]
    public var ticket: [String]
    public var promise: [String]
    /// Promises that commit someone to act later (a deadline or a call back); only these make a
    /// resolved call need a ticket (an appointment time does not).
    public var deadline: [String]
    public var unresolved: [String]

    public init(lang: String, action: [String] = [], escalation: [String] = [], ticket: [String] = [], promise: [String] = [],
                deadline: [String] = [], unresolved: [String] = []) {
        self.lang = lang; self.action = action; self.escalation = escalation; self.ticket = ticket
        self.promise = promise; self.deadline = deadline; self.unresolved = unresolved
    }
}

/// What is wrong with a routing knowledge file.
public enum RoutingKnowledgeError: Error, Sendable, Equatable, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    case invalidRecord(line: Int, reason: String)
    case unknownKind(line: Int, kind: String)
    case unknownLevel(line: Int, level: String)
    case noDepartments

    public var description: String {
        switch self {
        case let .unreadable(path, reason): "cannot read routing knowledge \(path): \(reason)"
        case let .invalidRecord(line, reason): "routing knowledge line \(line): \(reason)"
        case let .unknownKind(line, kind): "routing knowledge line \(line): unknown kind '\(kind)' (department, priority, cues)"
        case let .unknownLevel(line, level): "routing knowledge line \(line): unknown priority level '\(level)' (low, medium, high, urgent)"
        case .noDepartments: "routing knowledge defines no department"
        }
    }
}

/// Departments, priority rules and language cues of one knowledge base (`service/routing.jsonl`).
///
/// One JSON object per line, told apart by `kind` (keys in snake_case, lists may be omitted):
/// * `{"kind":"department","id","name_zh","name_en","intents":[...],"keywords":[...]}` — where
///   tickets go; the intents that usually belong there and words that point there;
/// * `{"kind":"priority","level":"low|medium|high|urgent","reason_en","reason_zh","entities",
///   "entity_types","intents","keywords","requires_intents"}` — see `PriorityRule`;
/// * `{"kind":"cues","lang","action","escalation","ticket","promise","deadline","unresolved"}` —
///   phrases (or `re:` expressions) of one language, see `LanguageCues`.
/// Another knowledge base defines its own departments, rules and cues; nothing of them is in code.
public struct RoutingKnowledge: Sendable, Hashable {
    public var departments: [DepartmentSpec]
    public var priorityRules: [PriorityRule]
    public var cues: [LanguageCues]

    public init(departments: [DepartmentSpec], priorityRules: [PriorityRule] = [], cues: [LanguageCues] = []) {
        self.departments = departments; self.priorityRules = priorityRules; self.cues = cues
    }

    /// The cues of `language`, or empty cues.
    public func cues(for language: String) -> LanguageCues {
        cues.first { $0.lang == language } ?? LanguageCues(lang: language)
    }

    /// Every language's cues merged (for text whose language is unclear).
    public var allCues: LanguageCues {
        cues.reduce(into: LanguageCues(lang: "any")) { m, c in
            m.action += c.action; m.escalation += c.escalation; m.ticket += c.ticket
            m.promise += c.promise; m.deadline += c.deadline; m.unresolved += c.unresolved
        }
    }

    /// The departments an intent belongs to (several when the knowledge lists it more than once).
    public func departments(of intent: String) -> [String] {
        departments.filter { $0.intents.contains(intent) }.map(\.id)
    }

    /// Intents that belong to some department: the business intents (greetings, thanks and
    /// identity checks belong to none).
    public var businessIntents: Set<String> { Set(departments.flatMap(\.intents)) }

    /// Reads a JSONL file.
    public static func load(from url: URL) throws(RoutingKnowledgeError) -> RoutingKnowledge {
        let data: Data
        do { data = try Data(contentsOf: url) } catch { throw .unreadable(path: url.path, reason: error.localizedDescription) }
        return try parse(data)
    }

    /// Parses JSONL: one `department`, `priority` or `cues` record per line.
    public static func parse(_ data: Data) throws(RoutingKnowledgeError) -> RoutingKnowledge {
        var result = RoutingKnowledge(departments: [])
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        for (i, raw) in lines.enumerated() {
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !line.isEmpty else { continue }
            let record: RawRecord
            do { record = try JSONDecoder().decode(RawRecord.self, from: Data(line.utf8)) } catch {
                throw .invalidRecord(line: i + 1, reason: "\(error)")
            }
            switch record.kind {
            case "department":
                guard let id = record.id, !id.isEmpty else { throw .invalidRecord(line: i + 1, reason: "a department needs an id") }
                result.departments.append(DepartmentSpec(id: id, nameZh: record.name_zh, nameEn: record.name_en,
                                                         intents: record.intents ?? [], keywords: record.keywords ?? []))
            case "priority":
                let raw = record.level ?? ""
                guard let level = TicketPriority(rawValue: raw) else { throw .unknownLevel(line: i + 1, level: raw) }
                result.priorityRules.append(PriorityRule(
                    level: level, reasonEn: record.reason_en ?? level.rawValue, reasonZh: record.reason_zh,
                    entities: record.entities ?? [], entityTypes: record.entity_types ?? [], intents: record.intents ?? [],
                    keywords: record.keywords ?? [], requiresIntents: record.requires_intents ?? []))
            case "cues":
                guard let lang = record.lang else { throw .invalidRecord(line: i + 1, reason: "cues need a lang") }
                result.cues.append(LanguageCues(lang: lang, action: record.action ?? [], escalation: record.escalation ?? [],
                                                ticket: record.ticket ?? [], promise: record.promise ?? [],
                                                deadline: record.deadline ?? [], unresolved: record.unresolved ?? []))
            default:
                throw .unknownKind(line: i + 1, kind: record.kind)
            }
        }
        guard !result.departments.isEmpty else { throw .noDepartments }
        return result
    }

    /// One line as written (snake_case keys, every field optional but `kind`).
    private struct RawRecord: Decodable {
        var kind: String
        var id: String?
        var name_zh: String?
        var name_en: String?
        var intents: [String]?
        var keywords: [String]?
        var level: String?
        var reason_en: String?
        var reason_zh: String?
        var entities: [String]?
        var entity_types: [String]?
        var requires_intents: [String]?
        var lang: String?
        var action: [String]?
        var escalation: [String]?
        var ticket: [String]?
        var promise: [String]?
        var deadline: [String]?
        var unresolved: [String]?
    }
}
