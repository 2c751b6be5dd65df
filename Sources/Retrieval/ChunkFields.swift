import KnowledgeModel
import TextAnalysis

/// How a chunk's text is split into BM25 fields.
public enum ChunkFields {
    /// Analyzes a chunk into its fields: title, section path, FAQ question and similar
    /// questions, and body text.
    public static func analyze(_ chunk: Chunk, with analyzer: Analyzer) -> [SearchField: [String]] {
        var questions: [String] = []
        if let q = chunk.question { questions.append(contentsOf: analyzer.terms(q)) }
        for s in chunk.similarQuestions { questions.append(contentsOf: analyzer.terms(s)) }
        return [
            .title: analyzer.terms(chunk.title),
            .section: analyzer.terms(chunk.sectionPath.joined(separator: " ")),
            .question: questions,
            .body: analyzer.terms(chunk.text),
        ]
    }

    /// The index entry for a chunk.
    public static func entry(_ chunk: Chunk) -> IndexedChunk {
        IndexedChunk(chunkID: chunk.id, documentID: chunk.documentID, kind: chunk.kind, tags: chunk.tags)
    }
}
