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
    var chunkEntities: [String: Set<String>] = [:]
    /// The type of every lexicon entity (model, part, city, ...).
    var entityTypes: [String: String] = [:]
    /// The domain graph read from the lexicon and the chunks (rebuilt with the snapshot).
    var graph = KnowledgeGraph()

    static func build(from store: Store, options: AnalyzerOptions, encoder: Encoder?,
                      vectorIndex: VectorIndexKind, vectorFile: URL, logger: Logger) throws(EngineError) -> KnowledgeSnapshot {
        let all: [Chunk]
        let entities: [LexiconEntity]
        var s: KnowledgeSnapshot
        do {
            let lexicon = try LexiconLoader.lexicon(from: store)
            s = KnowledgeSnapshot(analyzer: Analyzer(lexicon: lexicon, options: options), index: BM25Index(), chunks: [:], documentNames: [:])
            for d in try store.documents() { s.documentNames[d.id] = d.name }
            all = try store.allChunks()
            entities = try store.records(kind: .entity, as: LexiconEntity.self)
            if !entities.isEmpty { s.linker = EntityMatcher(entities: entities, includeCodePatterns: false) }
            for e in entities { s.entityTypes[e.id] = e.type }
        } catch {
            throw Engine.storageError(error)
        }
        for c in all { s.addLexical(c) }
        if let linker = s.linker {
            s.graph = KnowledgeGraph.build(lexicon: entities, chunks: all, matcher: linker)
        }
        if let encoder {
            let tag = SemanticLayer.tag(encoder: encoder, generation: (try? store.generation()) ?? 0)
            if let (saved, savedTag) = try? SemanticIndex.load(from: vectorFile), savedTag == tag {
                s.semantic = SemanticLayer(encoder: encoder, index: saved)
                logger.info("vector index loaded", metadata: ["vectors": "\(saved.vectorCount)", "backend": "\(saved.backendName)"])
            } else {
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
        chunks[chunk.id] = chunk
        if let linker {
            let text = ([chunk.title] + chunk.sectionPath + [chunk.question ?? ""] + chunk.similarQuestions + [chunk.text]).joined(separator: "\n")
            let ids = linker.entityIDs(in: text)
            chunkEntities[chunk.id] = ids.isEmpty ? nil : ids
        }
    }

    /// Adds chunks to every index (the vectors are computed with the current encoder).
    mutating func add(_ new: [Chunk]) throws {
        for c in new { addLexical(c) }
        try semantic?.add(new)
    }

    mutating func removeDocument(_ id: String) {
        semantic?.index.remove(documentID: id)
        index.remove(documentID: id)
        for (cid, c) in chunks where c.documentID == id {
            chunks[cid] = nil
            chunkEntities[cid] = nil
        }
        documentNames[id] = nil
        if index.needsCompaction { index = index.compacted() }
    }
}

/// The lexicon the analyzer uses: entity names and aliases, and synonym terms.
enum LexiconLoader {
    static func lexicon(from store: Store) throws(StorageError) -> Lexicon {
        Lexicon(words: try store.lexiconWords())
    }
}
