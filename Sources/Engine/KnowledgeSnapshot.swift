import Foundation
import Graph
import KnowledgeModel
import Logging
import Learning
import Retrieval
import Storage
import TextAnalysis

/// Everything a query needs, built from the store: the analyzer (with the lexicon), the
/// BM25 index and the chunks by id. A value: readers keep their copy while writers make the next.
struct KnowledgeSnapshot: Sendable {
    var analyzer: Analyzer
    var index: BM25Index
    var chunks: [String: Chunk]
    var documentNames: [String: String]
    /// The encoder and chunk vectors; nil until an encoder has been trained.
    var semantic: SemanticLayer?
    /// Links lexicon entities in queries and chunks; nil without a lexicon.
    var linker: EntityMatcher?
    /// The lexicon entities each chunk mentions.
    var chunkEntities: [String: ChunkEntities] = [:]
    /// The type of every lexicon entity (model, part, city, ...).
    var entityTypes: [String: String] = [:]
    /// The domain graph: the entities (lexicon and editors' changes) and every document's facts.
    var graph = KnowledgeGraph()
    /// The entities and edits the graph is built from.
    var graphInput = GraphInput()
    /// Reads facts out of new chunks; nil without entities.
    var factExtractor: GraphFactExtractor?
    /// Each document's graph facts, by document id.
    var graphFacts: [String: DocumentGraphFacts] = [:]
    /// Answers attribute questions from `graph` (built with it: it indexes every name).
    var attributes: AttributeResolverBox?
    /// The knowledge's Latin words, for mending query words it does not know.
    var spelling = SpellingVocabulary()

    static func build(from store: Store, options: AnalyzerOptions, encoder: SentenceEncoder?,
                      vectorIndex: VectorIndexKind, vectorFile: URL, logger: Logger) throws(EngineError) -> KnowledgeSnapshot {
        let all: [Chunk]
        let graphInput: GraphInput
        var s: KnowledgeSnapshot
        do {
            graphInput = try GraphInput.load(from: store)
            let lexicon = Lexicon(words: try store.lexiconWords() + graphInput.extraWords)
            s = KnowledgeSnapshot(analyzer: Analyzer(lexicon: lexicon, options: options), index: BM25Index(), chunks: [:], documentNames: [:])
            for d in try store.documents() { s.documentNames[d.id] = d.name }
            all = try store.allChunks()
        } catch {
            throw Engine.storageError(error)
        }
        s.graphInput = graphInput
        if !graphInput.entities.isEmpty {
            let extractor = GraphFactExtractor(entities: graphInput.entities)
            s.factExtractor = extractor
            s.linker = extractor.matcher
        }
        for e in graphInput.entities { s.entityTypes[e.id] = e.type }
        for c in all { s.addLexical(c) }
        s.graphFacts = try GraphInput.facts(store: store, chunks: all, input: graphInput, extractor: s.factExtractor, logger: logger)
        s.assembleGraph()
        if let encoder {
            let tag = SemanticLayer.tag(encoder: encoder, generation: (try? store.generation()) ?? 0)
            if let (saved, savedTag) = try? SemanticIndex.load(from: vectorFile), savedTag == tag {
                s.semantic = SemanticLayer(encoder: encoder, index: saved)
                logger.info("vector index loaded", metadata: ["vectors": "\(saved.vectorCount)", "backend": "\(saved.backendName)"])
            } else {
                logger.info("vector index rebuilt", metadata: ["chunks": "\(all.count)", "reason": "missing, stale or unreadable saved index"])
                do {
                    s.semantic = try SemanticLayer.build(encoder: encoder, chunks: all, kind: vectorIndex)
                } catch {
                    throw EngineError(.internal, code: "vector_index_failed", "building the vector index failed: \(error)")
                }
                do {
                    try FileManager.default.createDirectory(at: vectorFile.deletingLastPathComponent(), withIntermediateDirectories: true)
                    try s.semantic!.index.save(to: vectorFile, tag: tag)
                } catch {
                    logger.warning("could not save the vector index; it will be rebuilt at next start", metadata: ["error": "\(error)"])
                }
            }
        }
        return s
    }

    private mutating func addLexical(_ chunk: Chunk) {
        index.add(ChunkFields.entry(chunk), fields: ChunkFields.analyze(chunk, with: analyzer))
        if let old = chunks[chunk.id] { spelling.remove(Self.words(of: old)) }
        spelling.add(Self.words(of: chunk))
        chunks[chunk.id] = chunk
        if let linker {
            let heading = ([chunk.title] + chunk.sectionPath + [chunk.question ?? ""] + chunk.similarQuestions).joined(separator: "\n")
            // A FAQ answer is short and about its question: all of it counts as its subject.
            let inText = linker.entityIDs(in: chunk.text)
            let subjects = linker.entityIDs(in: heading).union(chunk.kind == .faq ? inText : [])
            let body = inText.subtracting(subjects)
            let asked = chunk.question.map { linker.entityIDs(in: $0) } ?? []
            chunkEntities[chunk.id] = subjects.isEmpty && body.isEmpty ? nil
                : ChunkEntities(subjects: subjects, body: body, question: asked, types: entityTypes)
        }
    }

    /// Adds chunks to every index (the vectors are computed with the current encoder).
    mutating func add(_ new: [Chunk]) throws {
        for c in new { addLexical(c) }
        try semantic?.add(new)
    }

    /// The text of a chunk whose words the spelling vocabulary counts: its title, headings, FAQ
    /// question and similar questions, and body.
    static func words(of chunk: Chunk) -> String {
        ([chunk.title] + chunk.sectionPath + [chunk.question ?? ""] + chunk.similarQuestions + [chunk.text]).joined(separator: "\n")
    }

    /// Rebuilds `graph` from the entities, the documents' facts and the relation edits.
    mutating func assembleGraph() {
        let documents = graphFacts.keys.sorted().compactMap { graphFacts[$0] }
        graph = graphInput.applyRelationEdits(KnowledgeGraph.assemble(entities: graphInput.entities, declared: graphInput.declared, documents: documents))
        var terms: [String: [String]] = [:]
        for e in graph.edges { if let a = e.attribute, terms[a] == nil { terms[a] = analyzer.terms(a) } }
        attributes = graph.entities.isEmpty ? nil : AttributeResolverBox(AttributeQuestionResolver(graph: graph), attributeTerms: terms,
                                                                         relations: RelationRow.table(graph, attributeTerms: terms, analyzer: analyzer))
    }

    mutating func removeDocument(_ id: String) {
        semantic?.index.remove(documentID: id)
        index.remove(documentID: id)
        for (cid, c) in chunks where c.documentID == id {
            spelling.remove(Self.words(of: c))
            chunks[cid] = nil
            chunkEntities[cid] = nil
        }
        documentNames[id] = nil
        if graphFacts.removeValue(forKey: id) != nil { assembleGraph() }
        if index.needsCompaction { index = index.compacted() }
    }
}

/// The entities a chunk names: in its title, headings or FAQ question (what it is about), and
/// only in its body (often examples or asides).
final class ChunkEntities: Sendable {
    /// Short sorted arrays, not sets: search checks every candidate chunk against the linked
    /// entities, a chunk names a few, and scanning a few strings is cheaper than hashing each probe.
    /// The subjects (title, headings, FAQ question).
    let subjectList: [String]
    /// Subjects and body mentions.
    let allList: [String]
    /// Each subject with a type, with it (the snapshot's types do not change while it lives).
    let typedSubjects: [(type: String, id: String)]
    /// How many of all the entities have each type (nil: no type).
    let typeCountList: [(type: String?, count: Int)]
    /// The entities a FAQ's main question names (read by `Engine.isAboutAnotherEntity` on every
    /// answer, so found once here).
    let questionList: [String]

    init(subjects: Set<String>, body: Set<String>, question: Set<String> = [], types: [String: String] = [:]) {
        subjectList = subjects.sorted()
        questionList = question.sorted()
        allList = subjects.union(body).sorted()
        typedSubjects = subjectList.compactMap { id in types[id].map { (type: $0, id: id) } }
        var counts: [String?: Int] = [:]
        for e in allList { counts[types[e], default: 0] += 1 }
        typeCountList = counts.map { (type: $0.key, count: $0.value) }
    }

    /// How many of the chunk's entities have `type` (nil: no type).
    func count(ofType type: String?) -> Int {
        for entry in typeCountList where entry.type == type { return entry.count }
        return 0
    }
}

/// The attribute resolver behind a reference: it holds a copy of the graph and its indexes, and
/// the snapshot (kept inside a `Mutex`) stays small and cheap to copy.
final class AttributeResolverBox: Sendable {
    let resolver: AttributeQuestionResolver
    /// Every relation attribute's analyzed terms (search checks them against the question's).
    let attributeTerms: [String: [String]]
    /// Each entity's relations as search reads them.
    let relations: [String: EntityRelations]
    init(_ resolver: AttributeQuestionResolver, attributeTerms: [String: [String]], relations: [String: EntityRelations]) {
        self.resolver = resolver
        self.attributeTerms = attributeTerms
        self.relations = relations
    }
}
