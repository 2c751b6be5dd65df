import KnowledgeModel
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

    static func build(from store: Store, options: AnalyzerOptions) throws(EngineError) -> KnowledgeSnapshot {
        do {
            let lexicon = try LexiconLoader.lexicon(from: store)
            var s = KnowledgeSnapshot(analyzer: Analyzer(lexicon: lexicon, options: options), index: BM25Index(), chunks: [:], documentNames: [:])
            for d in try store.documents() { s.documentNames[d.id] = d.name }
            for c in try store.allChunks() { s.add(c) }
            return s
        } catch {
            throw Engine.storageError(error)
        }
    }

    mutating func add(_ chunk: Chunk) {
        index.add(ChunkFields.entry(chunk), fields: ChunkFields.analyze(chunk, with: analyzer))
        chunks[chunk.id] = chunk
    }

    mutating func removeDocument(_ id: String) {
        index.remove(documentID: id)
        for (cid, c) in chunks where c.documentID == id { chunks[cid] = nil }
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
