import KnowledgeModel
import Storage

/// What the encoder learns from, read from the store: every text of the knowledge (corpus),
/// the paraphrase groups editors wrote (a FAQ's question with its similar questions), and the
/// intent examples grouped by label (weaker: same intent, not the same words).
struct TrainingSet {
    var corpus: [String] = []
    var groups: [[String]] = []
    var weakGroups: [[String]] = []

    static func load(from store: Store, chunks: [Chunk]) throws(StorageError) -> TrainingSet {
        var set = TrainingSet()
        for c in chunks {
            set.corpus.append(contentsOf: Wordings.of(c))
            if c.kind == .faq, let q = c.question {
                let group = [q] + c.similarQuestions
                if group.count > 1 { set.groups.append(group) }
            }
        }
        var byLabel: [String: [String]] = [:]
        var labels: [String] = []
        for ex in try store.intentExamples() {
            if byLabel[ex.label] == nil { labels.append(ex.label) }
            byLabel[ex.label, default: []].append(ex.text)
            set.corpus.append(ex.text)
        }
        for label in labels where label != IntentExample.outOfScopeLabel {
            if let texts = byLabel[label], texts.count > 1 { set.weakGroups.append(texts) }
        }
        return set
    }
}

/// The texts a chunk is matched by in vector search: a passage by its heading context and text;
/// a FAQ by its question, each similar question and its answer.
enum Wordings {
    static func of(_ c: Chunk) -> [String] {
        switch c.kind {
        case .faq:
            var out: [String] = []
            if let q = c.question { out.append(q) }
            out.append(contentsOf: c.similarQuestions)
            if !c.text.isEmpty { out.append(c.text) }
            return out
        case .passage:
            let context = ([c.title] + c.sectionPath).joined(separator: " ")
            return [context + "\n" + c.text]
        }
    }
}
