import Foundation
import Synchronization

/// What Switchboard remembers of a conversation between two questions: the entities it named
/// (newest last), so that "how much does it cost?" after "tell me about the E7" is about the E7.
///
/// Kept in memory only, per `session_id`, forgotten after `ttl` seconds without a turn; the
/// oldest sessions are dropped first when more than `capacity` are open.
public struct SessionContext: Sendable, Codable, Equatable {
    /// One remembered entity.
    public struct Entity: Sendable, Codable, Equatable {
        public var id: String
        public var type: String
        /// The turn it was last named in (1 = the first question of the session).
        public var turn: Int
    }

    public var entities: [Entity] = []
    public var turns = 0
    /// The last intent seen in the session, when a classifier gave one.
    public var lastIntent: String?
    /// Slot values collected so far (e.g. a city or a plate).
    public var slots: [String: String] = [:]
    /// The customer's sentiment score per question, oldest first.
    public var sentiments: [Double] = []
    /// The analyzed terms of the session's topic: the last question's, plus those it carried
    /// when it referred back ("and how far can it go?"). See `Engine.followUpTerms`.
    var topicTerms: [String] = []
    /// The last question as answered, for the next one to ask it again about another entity
    /// ("What about the L3?"). See `EllipticalQuestion`.
    var previous: EllipticalQuestion.Previous?
    var touched: Double = 0

    /// Entities to carry into a question that named `linked`: for each entity type the question
    /// did not name, the most recently named entity of that type.
    public func carried(into linked: Set<String>, types: [String: String]) -> [Entity] {
        let namedTypes = Set(linked.compactMap { types[$0] })
        var seen = Set<String>()
        var out: [Entity] = []
        for e in entities.reversed() where !namedTypes.contains(e.type) && !linked.contains(e.id) && seen.insert(e.type).inserted {
            out.append(e)
        }
        return out
    }

    /// Records a turn that named `linked` (ids with their types).
    mutating func record(_ linked: [(id: String, type: String)]) {
        turns += 1
        for (id, type) in linked {
            entities.removeAll { $0.id == id }
            entities.append(Entity(id: id, type: type, turn: turns))
        }
        if entities.count > 32 { entities.removeFirst(entities.count - 32) }
    }
}

/// The open sessions, keyed by id.
final class SessionStore: Sendable {
    let ttl: Double
    let capacity: Int
    private let sessions = Mutex<[String: SessionContext]>([:])

    init(ttl: Double, capacity: Int = 100_000) {
        self.ttl = ttl
        self.capacity = capacity
    }

    /// The live context of a session (a new, empty one when unknown or expired).
    func context(_ id: String, now: Double = Date().timeIntervalSince1970) -> SessionContext {
        sessions.withLock { all in
            guard let c = all[id], now - c.touched <= ttl else { return SessionContext() }
            return c
        }
    }

    /// Stores a session's context after a turn.
    func update(_ id: String, now: Double = Date().timeIntervalSince1970, _ change: (inout SessionContext) -> Void) {
        sessions.withLock { all in
            var c = all[id].flatMap { now - $0.touched <= ttl ? $0 : nil } ?? SessionContext()
            change(&c)
            c.touched = now
            all[id] = c
            if all.count > capacity { evict(&all, now: now) }
        }
    }

    /// Number of sessions held (live or not yet swept).
    var count: Int { sessions.withLock { $0.count } }

    /// Drops expired sessions, then the least recently used until under capacity.
    private func evict(_ all: inout [String: SessionContext], now: Double) {
        all = all.filter { now - $0.value.touched <= ttl }
        guard all.count > capacity else { return }
        let oldest = all.sorted { $0.value.touched < $1.value.touched }.prefix(all.count - capacity * 9 / 10)
        for (id, _) in oldest { all[id] = nil }
    }
}
