import KnowledgeModel

/// One occurrence of an entity in a text: which entity, where (UTF-16 offsets into the original
/// text), the surface form found, and how it was found.
public struct EntityMention: Sendable, Hashable, Codable {
    public enum Source: String, Sendable, Codable {
        /// A lexicon name or alias matched by the automaton.
        case lexicon
        /// A code pattern (model code, fault code, part number, VIN-like id).
        case pattern
    }

    public var entityID: String
    public var surface: String
    /// UTF-16 offsets into the original text, `start..<end`.
    public var start: Int
    public var end: Int
    public var source: Source

    public init(entityID: String, surface: String, start: Int, end: Int, source: Source) {
        self.entityID = entityID
        self.surface = surface
        self.start = start
        self.end = end
        self.source = source
    }
}
