import KnowledgeModel
import TextAnalysis

/// What one document contributes to the graph: the typed relations read from its chunks, and the
/// entity sets of its sentences (the raw material of co-occurrence statistics).
///
/// Facts are extracted per document so that an import or a delete touches only that document's
/// rows; the graph is then assembled from every document's facts, which is cheap (no text is read).
public struct DocumentGraphFacts: Sendable, Hashable, Codable {
    /// Typed relations (structure and pattern), each with its chunk.
    public var relations: [ExtractedRelation]
    /// One entry per sentence that mentions at least one entity.
    public var sentences: [SentenceEntities]

    /// Creates facts.
    public init(relations: [ExtractedRelation] = [], sentences: [SentenceEntities] = []) {
        self.relations = relations
        self.sentences = sentences
    }
}

/// The entities one sentence of a chunk mentions.
public struct SentenceEntities: Sendable, Hashable, Codable {
    /// The chunk the sentence is in.
    public var chunkID: String
    /// Ids of the entities mentioned, sorted, without repeats.
    public var entityIDs: [String]

    /// Creates an entry; ids are sorted and deduplicated.
    public init(chunkID: String, entityIDs: [String]) {
        self.chunkID = chunkID
        self.entityIDs = Array(Set(entityIDs)).sorted()
    }
}

/// Reads facts out of chunks with one entity set (lexicon entities after editors' changes).
public struct GraphFactExtractor: Sendable {
    /// The entities facts are about.
    public let entities: [LexiconEntity]
    public let matcher: EntityMatcher
    let extractor: RelationExtractor

    /// Prepares the automaton and the extractor for `entities`.
    public init(entities: [LexiconEntity], matcher: EntityMatcher? = nil) {
        self.entities = entities
        self.matcher = matcher ?? EntityMatcher(entities: entities, includeCodePatterns: false)
        var types: [String: String] = [:]
        for e in entities { types[e.id] = e.type }
        extractor = RelationExtractor(entityTypes: types)
    }

    /// The facts of one document's chunks. The document's subject, per chunk, is the first
    /// entity its title names; a section heading's entities feed `has_feature`.
    public func facts(of chunks: [Chunk]) -> DocumentGraphFacts {
        var out = DocumentGraphFacts()
        for chunk in chunks {
            let mentions = matcher.mentions(in: chunk.text).filter { $0.source == .lexicon }
            let subjects = Array(matcher.mentions(in: chunk.title).filter { $0.source == .lexicon }.map(\.entityID).prefix(1))
            let heading = chunk.sectionPath.last.map { matcher.mentions(in: $0).filter { $0.source == .lexicon } } ?? []
            out.relations += extractor.relations(chunk: chunk, mentions: mentions, documentSubjects: subjects, headingMentions: heading)
            for sentence in SentenceRanges.group(mentions, in: chunk.text) {
                out.sentences.append(SentenceEntities(chunkID: chunk.id, entityIDs: sentence.map(\.entityID)))
            }
        }
        return out
    }
}

extension KnowledgeGraph {
    /// Assembles the graph from the entities and every document's facts: lexicon relations and
    /// `declared` ones (an imported graph's), then the documents' typed relations, then
    /// `related_to` for sentence co-occurrences (NPMI) of pairs no typed relation links.
    /// Documents are read in the order given, which fixes the order of sources.
    public static func assemble(entities: [LexiconEntity], declared: [ExtractedRelation] = [],
                                documents: [DocumentGraphFacts]) -> KnowledgeGraph {
        var graph = KnowledgeGraph()
        for e in entities {
            graph.entities[e.id] = Entity(id: e.id, name: e.name, type: e.type, aliases: e.aliases)
        }
        var extracted = RelationExtractor.lexiconRelations(entities) + declared
        var cooccurrence = CooccurrenceStatistics()
        for doc in documents {
            extracted += doc.relations
            for s in doc.sentences { cooccurrence.addSentence(entityIDs: s.entityIDs, chunkID: s.chunkID) }
        }
        extracted += cooccurrence.relatedTo(minCount: 2, minPMI: 0, existing: extracted)
        graph.merge(extracted)
        return graph
    }
}
