import Dialogue
import Foundation
import KnowledgeModel
import TextAnalysis

/// `POST /v1/answer` body.
public struct AnswerRequest: Codable, Sendable {
    public var question: String
    /// Keeps context across turns (entities, last intent, sentiment); a new one is made when absent.
    public var sessionID: String?
    /// web, app, wechat, phone ... (recorded with the question).
    public var channel: String?
    /// `zh` or `en`; detected from the question when absent.
    public var language: String?

    public init(question: String, sessionID: String? = nil, channel: String? = nil, language: String? = nil) {
        self.question = question; self.sessionID = sessionID; self.channel = channel; self.language = language
    }

    enum CodingKeys: String, CodingKey {
        case question, sessionID = "session_id", channel, language
    }
}

/// Where an answer comes from.
public struct AnswerSource: Codable, Sendable, Equatable {
    public var documentID: String
    public var documentName: String?
    public var chunkID: String
    public var section: String
    public var faqID: String?

    enum CodingKeys: String, CodingKey {
        case documentID = "document_id", documentName = "document_name", chunkID = "chunk_id", section, faqID = "faq_id"
    }
}

/// `POST /v1/answer` response.
public struct AnswerResponse: Codable, Sendable {
    /// The answer text; nil when handing off without one.
    public var answer: String?
    /// How sure the answer is, 0...1 (see `Engine.answerConfidence`).
    public var confidence: Double
    public var sources: [AnswerSource]
    /// Questions the knowledge can answer next (other FAQs close to this one).
    public var followUps: [String]
    /// True when a human should take over.
    public var handoff: Bool
    /// `customer_asked_for_human`, `negative_sentiment`, `low_confidence` or `no_answer`.
    public var handoffReason: String?
    public var sessionID: String
    /// `faq` (a FAQ's answer), `fact` (a graph fact), `passage` (sentences from documents) or `none`.
    public var kind: String
    /// The intent of the question when an intent model is trained.
    public var intent: String?
    /// The logged question's id: `POST /v1/feedback` rates this answer with it.
    public var questionID: String?
    /// The question answered when `question` only named another entity than the session's
    /// previous question ("What about the L3?" → "What is the range of the L3?"); nil otherwise.
    public var resolvedQuestion: String? = nil

    enum CodingKeys: String, CodingKey {
        case answer, confidence, sources, followUps = "follow_ups", handoff, handoffReason = "handoff_reason"
        case sessionID = "session_id", kind, intent, questionID = "question_id", resolvedQuestion = "resolved_question"
    }
}

extension Engine {
    /// Phrases that ask for a person, used when no intent model recognizes `request_human`.
    static let humanRequestPhrases = ["转人工", "人工客服", "找人工", "真人", "人工服务", "接人工",
                                      "human agent", "real person", "talk to a human", "speak to a human", "speak to someone",
                                      "talk to someone", "customer service agent", "live agent", "a human"]
    /// Intent labels that mean "let me talk to a person".
    static let humanIntents: Set<String> = ["request_human", "human_agent", "transfer_to_agent"]

    /// Answers a bot's question: a graph fact for an attribute question, a FAQ's answer when a FAQ
    /// matches well, otherwise the sentences of the best passages that answer it; with sources,
    /// a confidence, follow-up questions, and a hand-off to a human when confidence is low, the
    /// customer asks for one, or the customer's sentiment is falling.
    public func answer(_ request: AnswerRequest) throws(EngineError) -> AnswerResponse {
        let question = try Self.utterance(request.question)
        let sessionID = request.sessionID.map(Self.trimmed).flatMap { $0.isEmpty ? nil : $0 } ?? UUID().uuidString
        guard sessionID.count <= 200 else { throw EngineError.badRequest("invalid_session_id", "session_id is longer than 200 characters") }
        let language = try Self.answerLanguage(request.language) ?? Self.language(of: question)

        // The question as answered: "What about the L3?" asks the previous question about the L3.
        var (search, queryVector, analyzed) = try searchEncoded(SearchRequest(query: question, limit: 5, sessionID: sessionID))
        let resolved = search.resolvedQuery ?? question
        let intent = try? classifyIntent(resolved)
        let mood = try? sentiment(text: question, turns: nil)
        var escalate = false
        sessions.update(sessionID) { c in
            if let intent, !intent.outOfScope { c.lastIntent = intent.intent }
            if let mood {
                // The trend looks at the recent questions only; older scores are dropped.
                c.sentiments.append(mood.score)
                if c.sentiments.count > 20 { c.sentiments.removeFirst(c.sentiments.count - 20) }
            }
            escalate = c.sentiments.count >= 2 && SentimentTrend().analyze(c.sentiments).escalate
        }
        let lowered = Normalizer.normalize(question)
        let asksForHuman = (intent.map { Self.humanIntents.contains($0.intent) && !$0.outOfScope } ?? false)
            || Self.humanRequestPhrases.contains { ByteSearch.contains(lowered, $0) }

        let s = try snapshot()
        if let language { search.hits = Self.preferring(language, search.hits, in: s) }
        var response = AnswerResponse(answer: nil, confidence: 0, sources: [], followUps: [], handoff: false, handoffReason: nil,
                                      sessionID: sessionID, kind: "none", intent: intent.map { $0.outOfScope ? "oos" : $0.intent })
        response.resolvedQuestion = search.resolvedQuery
        var confidence = answerConfidence(search, question: resolved, terms: analyzed.terms, in: s, queryVector: queryVector)
        if let top = search.hits.first, let chunk = s.chunks[top.chunkID], isAboutAnotherEntity(chunk, than: search.entities ?? [], in: s) {
            confidence *= Self.anotherEntityFactor
        }
        if let fact = search.fact {
            response.kind = "fact"
            response.answer = "\(fact.heading): \(fact.value)"
            response.confidence = max(confidence, min(1, fact.confidence))
            response.sources = fact.sources.compactMap { src in s.chunks[src.chunkID].map { answerSource($0, in: s) } }
        } else if let top = search.hits.first, let chunk = s.chunks[top.chunkID] {
            response.confidence = confidence
            if chunk.kind == .faq {
                response.kind = "faq"
                response.answer = chunk.text
                response.sources = [answerSource(chunk, in: s)]
            } else {
                response.kind = "passage"
                let passages = search.hits.prefix(3).compactMap { s.chunks[$0.chunkID] }.filter { $0.kind != .faq }
                let (text, used) = extract(question: resolved, from: passages, in: s)
                response.answer = text
                response.sources = used.map { answerSource($0, in: s) }
            }
            response.followUps = search.hits.dropFirst().compactMap { s.chunks[$0.chunkID]?.question }.filter { $0 != chunk.question }
                .reduce(into: [String]()) { if !$0.contains($1) && $0.count < 3 { $0.append($1) } }
        }
        if asksForHuman {
            response.handoff = true
            response.handoffReason = "customer_asked_for_human"
        } else if escalate {
            response.handoff = true
            response.handoffReason = "negative_sentiment"
        } else if response.answer == nil {
            response.handoff = true
            response.handoffReason = "no_answer"
        } else if response.confidence < config.handoffThreshold || intent?.outOfScope == true && response.kind != "fact" {
            response.handoff = true
            response.handoffReason = "low_confidence"
        }
        response.questionID = recordQuestion(resolved, sessionID: sessionID, channel: request.channel, answered: response.answer != nil && !response.handoff,
                                             confidence: response.confidence, handoff: response.handoff,
                                             sources: response.sources.map(\.chunkID), intent: response.intent, sentiment: mood?.label)
        return response
    }

    /// The language an answer is wanted in: `zh` or `en`, or a BCP 47 tag read by its first part
    /// ("zh-TW", "zh-Hans", "en_US", "EN"); nil when none is given. Exactly what the OpenAPI
    /// pattern admits.
    static func answerLanguage(_ raw: String?) throws(EngineError) -> String? {
        guard let raw else { return nil }
        let parts = raw.lowercased()
            .split(omittingEmptySubsequences: false, whereSeparator: { $0 == "-" || $0 == "_" })
        let subtagsFit = parts.dropFirst().allSatisfy { $0.count >= 1 && $0.count <= 8 && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } }
        guard let primary = parts.first, primary == "zh" || primary == "en", subtagsFit else {
            throw EngineError.badRequest("invalid_language", "language must be zh or en (or a tag such as zh-TW or en-US); got '\(raw)'")
        }
        return String(primary)
    }

    /// The language of a question when it is clearly one (nil for mixed or letterless text).
    static func language(of question: String) -> String? {
        switch LanguageDetector.detect(question) {
        case .zh: return "zh"
        case .en: return "en"
        case .mixed, .other: return nil
        }
    }

    /// The hits with the best one in `language` first, when the best hit is in the other language
    /// and that one scores at least `sameLanguageShare` of it: a bilingual knowledge base often
    /// says the same thing in both languages, and a customer wants the answer in theirs. A hit's
    /// language is its question's (a FAQ) or its text's.
    static func preferring(_ language: String, _ hits: [SearchHit], in s: KnowledgeSnapshot) -> [SearchHit] {
        func isIn(_ hit: SearchHit) -> Bool? {
            guard let chunk = s.chunks[hit.chunkID] else { return nil }
            return Self.language(of: chunk.question ?? chunk.text).map { $0 == language }
        }
        guard let top = hits.first, isIn(top) == false else { return hits }
        guard let i = hits.indices.dropFirst().first(where: { isIn(hits[$0]) == true }),
              hits[i].score >= sameLanguageShare * top.score else { return hits }
        var out = hits
        out.insert(out.remove(at: i), at: 0)
        return out
    }

    /// How close (as a share of the best hit's score) a hit in the customer's language must come
    /// to be answered from instead of a better one in the other language.
    static let sameLanguageShare = 0.8

    /// The weight of the question's IDF coverage in an answer's confidence (the cosine has the
    /// rest). Measured 2026-11-27 with `switchboard eval answers` on Knowledge/ and on StackFAQ as
    /// the only knowledge with CLINC150's 1,000 out-of-scope texts (`Benchmarks/eval-answers.sh`):
    /// at weight 0.25 and `handoff_threshold` 0.45, FAQ questions answered right 0.718 → 0.725 and
    /// 0.728 → 0.768, out-of-scope questions handed off 0.882 → 0.902 and 0.859 → 0.846, against
    /// the cosine alone at 0.5. See ARCHITECTURE.md.
    static let coverageWeight = 0.25

    /// How much of its confidence an answer keeps when it is a FAQ asking about another entity
    /// of a type the question names ("What is the range of the L3?" and the FAQ "What's the
    /// range of the E5?"): the words fit, the subject does not, so it is handed off.
    static let anotherEntityFactor = 0.5

    /// Whether `chunk` is a FAQ whose question names an entity of the type of one of `linked`
    /// (or a variant of one: "E5 Long Range" stands for the E5 too) while the FAQ names that one
    /// nowhere. (Only FAQs: a document section's headings name broader topics, and on
    /// Knowledge/eval the same rule for sections handed off a right answer and caught no wrong one.)
    func isAboutAnotherEntity(_ chunk: Chunk, than linked: [LinkedEntityView], in s: KnowledgeSnapshot) -> Bool {
        guard !linked.isEmpty, let all = s.chunkEntities[chunk.id], !all.questionList.isEmpty else { return false }
        var asked = Set(all.questionList)
        let variantRelations = s.attributes?.resolver.variantRelations ?? []
        for id in asked {
            for e in s.graph.relations(of: id) where e.object == id && variantRelations.contains(e.type) { asked.insert(e.subject) }
        }
        return linked.contains { e in
            !all.allList.contains(e.id) && asked.contains { $0 != e.id && s.entityTypes[$0] == e.type }
        }
    }

    /// The answer's confidence from the best hit: mostly the encoder's cosine between the question
    /// and the hit's best wording (how close a paraphrase it is), lowered when the runner-up is
    /// just as close (an ambiguous question); for a quarter, the share of the question's IDF mass
    /// the hit holds (`BM25Index.idfCoverage`: a word no chunk has counts as the rarest), which
    /// off-topic questions lack. Without an encoder, the share of the question's terms the hit
    /// contains. `terms` and `queryVector`, the search's analysis and encoding of the question,
    /// save doing them again.
    func answerConfidence(_ search: SearchResponse, question: String, terms: [String], in s: KnowledgeSnapshot, queryVector: [Float]? = nil) -> Double {
        guard let top = search.hits.first else { return 0 }
        if let semantic = s.semantic {
            let q = queryVector ?? semantic.encoder.encode(question)
            let c1 = Double(semantic.index.similarity(q, chunkID: top.chunkID) ?? 0)
            let c2 = search.hits.dropFirst().first.flatMap { semantic.index.similarity(q, chunkID: $0.chunkID) }.map(Double.init) ?? 0
            let ambiguity = c1 > 0 ? max(0, c2 / c1 - 0.9) * 2 : 0
            let closeness = max(0, min(1, c1 - 0.1 * ambiguity))
            let coverage = s.index.idfCoverage(of: terms, chunkID: top.chunkID)
            return (1 - Self.coverageWeight) * closeness + Self.coverageWeight * coverage
        }
        let asked = Set(terms)
        guard !asked.isEmpty, let chunk = s.chunks[top.chunkID] else { return 0 }
        let have = Set(s.analyzer.terms([chunk.title, chunk.question ?? "", chunk.text].joined(separator: "\n")))
        return Double(asked.intersection(have).count) / Double(asked.count)
    }

    /// The sentences of the passages that share the most terms with the question (at most two,
    /// in reading order), and the chunks they came from. A sentence that ends with a table's
    /// header line brings the next one, the table's rows (a line break after Chinese text ends a
    /// sentence, so "车型 | 标准冷胎胎压" and its rows are two).
    func extract(question: String, from passages: [Chunk], in s: KnowledgeSnapshot) -> (String?, [Chunk]) {
        let q = Set(s.analyzer.terms(question))
        var scored: [(score: Double, chunk: Int, order: Int, text: String)] = []
        var sentencesOf: [[String]] = []
        for (ci, chunk) in passages.enumerated() {
            let sentences = SentenceSplitter.split(chunk.text)
            sentencesOf.append(sentences)
            for (si, sentence) in sentences.enumerated() {
                let terms = Set(s.analyzer.terms(sentence))
                guard !terms.isEmpty else { continue }
                let overlap = Double(terms.intersection(q).count)
                guard overlap > 0 else { continue }
                // Earlier passages rank higher; long sentences are not favoured for their length.
                scored.append((overlap / Double(terms.count).squareRoot() / Double(ci + 1), ci, si, sentence))
            }
        }
        let best = scored.sorted { $0.score > $1.score }.prefix(2).sorted { ($0.chunk, $0.order) < ($1.chunk, $1.order) }
        guard !best.isEmpty else { return (passages.first.map { String($0.text.prefix(300)) }, Array(passages.prefix(1))) }
        let used = Array(Set(best.map(\.chunk))).sorted().map { passages[$0] }
        var parts: [String] = []
        for b in best {
            parts.append(b.text)
            let next = b.order + 1, sentences = sentencesOf[b.chunk]
            if next < sentences.count, Self.endsWithTableHeader(b.text),
               !best.contains(where: { $0.chunk == b.chunk && $0.order == next }) {
                parts.append(sentences[next])
            }
        }
        return (parts.joined(separator: " "), used)
    }

    /// Whether the last line of `sentence` is a two-column table's header line ("Model | Price",
    /// `Chunk.tableHeaderSeparator`).
    static func endsWithTableHeader(_ sentence: String) -> Bool {
        Chunk.tableHeaderCells(sentence.split(whereSeparator: \.isNewline).last ?? Substring(sentence)) != nil
    }

    func answerSource(_ c: Chunk, in s: KnowledgeSnapshot) -> AnswerSource {
        AnswerSource(documentID: c.documentID, documentName: s.documentNames[c.documentID], chunkID: c.id,
                     section: c.sectionPath.last ?? c.title, faqID: c.faqID)
    }
}
