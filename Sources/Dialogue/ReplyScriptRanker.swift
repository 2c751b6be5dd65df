import Foundation
import KnowledgeModel
import Retrieval
import TextAnalysis

/// Ranks reply scripts for a request: intent first, then stage, then wording.
///
/// * With an intent in the request, only scripts of that intent are candidates and each scores
///   `scriptIntentScore` (1 by default) — above any transcript reply, whose scores stay below 1.
/// * A script whose stage equals the request's adds `scriptStageScore`.
/// * Lexical similarity: BM25 of the customer turn against the script text, divided by the best
///   script's BM25 for that turn (0...1), times `scriptLexicalWeight`.
/// * Without an intent, a script is a candidate only when it matches the stage or some word.
/// * Scripts in another language than the customer turn (`zh`/`en`, when both are known) are skipped.
struct ReplyScriptRanker: Sendable {
    private(set) var scripts: [ReplyScript] = []
    private var index = BM25Index()

    init(scripts: [ReplyScript], analyzer: Analyzer) {
        for s in scripts { add(s, analyzer: analyzer) }
    }

    mutating func add(_ script: ReplyScript, analyzer: Analyzer) {
        let n = scripts.count
        scripts.append(script)
        index.add(IndexedChunk(chunkID: String(n), documentID: script.id, kind: .passage, tags: [script.intent]),
                  fields: [.body: analyzer.terms(script.text)])
    }

    /// The scripts for the customer text `customer`, whose analyzed terms are `terms`, best first.
    func rank(customer: String, terms: [String], intent: String?, stage: String?,
              configuration c: ReplyConfiguration) -> [(script: ReplyScript, score: Double)] {
        guard !scripts.isEmpty else { return [] }
        let language = Self.language(of: customer)
        let p = BM25Parameters(k1: c.k1, b: c.b, titleWeight: 0, sectionWeight: 0, questionWeight: 0, bodyWeight: 1)
        // One pass over the postings scores every script; only the best one is ranked out (the
        // scale), the candidates' own scores are looked up: with an intent they are a few.
        let (top, lexical) = index.searchScored(terms: terms, parameters: p, limit: 1)
        let best = top.first?.score ?? 0
        var out: [(script: ReplyScript, score: Double)] = []
        for (n, s) in scripts.enumerated() {
            if let language, let lang = s.lang, lang != language { continue }
            let intentMatch = intent.map { $0 == s.intent }
            if intentMatch == false { continue }
            let stageMatch = stage != nil && stage == s.stage
            let words = best > 0 ? lexical.score(of: String(n)) / best : 0
            if intentMatch == nil && !stageMatch && words == 0 { continue }
            let score = (intentMatch == true ? c.scriptIntentScore : 0) + (stageMatch ? c.scriptStageScore : 0)
                + c.scriptLexicalWeight * words
            out.append((s, score))
        }
        out.sort { $0.score != $1.score ? $0.score > $1.score : $0.script.id < $1.script.id }
        return out
    }

    /// `zh` or `en` for a clearly Chinese or English text, nil otherwise.
    static func language(of text: String) -> String? {
        switch LanguageDetector.detect(text) {
        case .zh: return "zh"
        case .en: return "en"
        default: return nil
        }
    }
}
