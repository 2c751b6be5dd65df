import KnowledgeModel
import TextAnalysis

/// The answer to an attribute question ("What's the range of the E7?"), read from one
/// `has_spec` edge of the graph.
public struct AttributeAnswer: Sendable, Hashable, Codable {
    /// Another fact that fitted the question almost as well (a different edge).
    public struct Alternative: Sendable, Hashable, Codable {
        public var entityID: String
        /// The edge's attribute key, e.g. `"range, performance awd"`.
        public var attribute: String
        public var value: String
        public var score: Double
        public var sources: [String]
    }

    /// The entity the fact belongs to (for a trim asked about, usually its model).
    public var entityID: String
    public var entityName: String
    /// The edge's attribute key as extracted, e.g. `"price, max rwd"` or `"续航里程"`.
    public var attribute: String
    /// The literal value, e.g. `"650 km"`.
    public var value: String
    /// 0...1: the edge's confidence scaled by how well question and key fitted.
    public var confidence: Double
    /// Chunk ids the fact was read from.
    public var sources: [String]
    /// Runner-up facts with a different value, best first (at most three).
    public var alternatives: [Alternative]
    /// The entity the key names, when the fact is a row of a table keyed by entities ("L3: 2.3
    /// bar" in a tyre-pressure table: key "l3", the L3's id), so a reader can show its name.
    public var keyEntityID: String? = nil
}

/// Decides whether a question asks for an attribute of an entity, and answers it from the graph's
/// `has_spec` edges.
///
/// 1. **Subjects.** The entities linked in the question that have facts; an entity without facts
///    that is the object of a `has_trim`/`has_variant` edge (a trim) stands for its parent with
///    a *qualifier*: the trim's names without the parent's name ("E7 Performance AWD" → E7,
///    "performance awd"). Only when the question names no such entity are the context entities
///    (earlier turns of a conversation) used.
/// 2. **Attribute.** Every fact key of a subject is scored against the question: concepts of the
///    ``AttributeVocabulary`` shared by question and key, plus the key's own words found in the
///    question (Chinese keys by substring). A key must reach ``minimumAttributeScore``, i.e. a
///    shared concept or all of its words; otherwise there is no answer.
///    Every concept the question asks for must be covered by the key.
/// 3. **Qualifier.** A key "price, max rwd" carries a qualifier. With a trim asked about, the key
///    whose qualifier names the trim wins and keys naming another variant are penalized; without
///    one, qualifier words found in the question count, and unqualified keys are preferred.
///    Keys in the question's language (Chinese or not) come first, then values of the kind the
///    question asks for (``ValueShape``: a duration for "how long"), then surer facts; ties keep
///    document order.
///
/// Returns nil rather than guess: a question that asks for no value or is a yes/no question
/// (``QuestionForm``), no attribute word, no facts for the entities in question, or a question
/// about another named entity (a service, a policy: ``foreignTypes``) that the key does not name.
public struct AttributeQuestionResolver: Sendable {
    /// The graph answered from.
    public let graph: KnowledgeGraph
    /// The attribute concepts (synonyms) used.
    public let vocabulary: [AttributeConcept]
    /// The least attribute score a key needs: 1 = one shared concept or all of its words.
    public var minimumAttributeScore: Double
    /// What kind of value a question wording expects (durations, prices, distances).
    public let valueShapes: [ValueShape]
    /// Value-question and yes/no wordings; a question must ask for a value.
    public var questionForm: QuestionForm
    /// Types of linked entities that, when the question names one besides the subject and the
    /// chosen key does not mention it, make the question about that entity instead ("price of a
    /// major service on my L5" is not the L5's price): no answer then.
    public var foreignTypes: Set<String>
    /// Types of entities whose names key a table of another entity's facts ("E9: 8–12 weeks" in
    /// a delivery-time table): such a key answers when the question names both entities.
    public var tableKeyTypes: Set<String>
    /// Edge types that lead from a parent to a variant whose facts the parent holds.
    public var variantRelations: Set<String>

    /// Parent entity ids by variant id (from `variantRelations` edges).
    private let parents: [String: [String]]
    /// Every fact key analyzed ("price, pro rwd" → "price", "pro rwd", units, concepts), the
    /// vocabulary folded and each entity's facts, computed once: folding and analyzing is most
    /// of the cost of answering.
    let prepared: PreparedAttributes

    /// Creates a resolver over `graph`.
    public init(graph: KnowledgeGraph, vocabulary: [AttributeConcept] = AttributeVocabulary.default,
                minimumAttributeScore: Double = 1.0, valueShapes: [ValueShape] = AttributeVocabulary.valueShapes,
                questionForm: QuestionForm = AttributeVocabulary.questionForm,
                foreignTypes: Set<String> = ["service", "policy", "feature", "fault", "warning_light", "campaign", "app_function"],
                tableKeyTypes: Set<String> = ["model", "trim"],
                variantRelations: Set<String> = ["has_trim", "has_variant"]) {
        self.tableKeyTypes = tableKeyTypes
        self.questionForm = questionForm
        self.foreignTypes = foreignTypes
        self.graph = graph
        self.vocabulary = vocabulary
        self.minimumAttributeScore = minimumAttributeScore
        self.valueShapes = valueShapes
        self.variantRelations = variantRelations
        var parents: [String: [String]] = [:]
        for e in graph.edges where variantRelations.contains(e.type) && e.literalValue == nil {
            if !(parents[e.object] ?? []).contains(e.subject) { parents[e.object, default: []].append(e.subject) }
        }
        self.parents = parents
        // Folded names and aliases → entity id, for keys that name an entity (a name claimed by
        // two entities is left out).
        var names: [String: String] = [:], ambiguous = Set<String>()
        for e in graph.entities.values {
            for form in Set(([e.name] + e.aliases).map(AttributeText.fold)) where !form.isEmpty {
                if let other = names[form], other != e.id { ambiguous.insert(form) } else { names[form] = e.id }
            }
        }
        for form in ambiguous { names[form] = nil }
        self.prepared = PreparedAttributes(graph: graph, vocabulary: vocabulary, valueShapes: valueShapes, questionForm: questionForm,
                                           names: names, facts: { id in graph.relations(of: id).filter { $0.subject == id && $0.type == "has_spec" && $0.literalValue != nil } })
    }

    /// A subject to look facts up on, with the qualifier forms of the entity actually named.
    struct Subject {
        var entityID: String
        var qualifiers: [String]
    }

    /// One scored fact.
    struct Candidate {
        var fact: PreparedAttributes.Fact
        var edge: KnowledgeGraph.Edge { fact.edge }
        var order: Int
        var attributeScore: Double
        var score: Double
    }

    /// The question as the scoring reads it.
    struct Reading {
        /// The folded question.
        var text: String
        /// The folded question without the entity mentions.
        var rest: String
        /// Units of `rest`, for qualifier words.
        var restUnits: Set<String>
        /// The concepts the question asks for (indices into `vocabulary`).
        var asked: [Int]
        /// The kinds of value it asks for (indices into `valueShapes`).
        var shapes: [Int]
        var isChinese: Bool
        var linked: [String]
    }

    /// Answers `question`, or returns nil when it is not an attribute question the graph can answer.
    ///
    /// - Parameters:
    ///   - question: the question text.
    ///   - linkedEntityIDs: entities found in the question (e.g. `EntityMatcher.mentions(in:)`), in order.
    ///   - contextEntityIDs: entities carried from earlier turns, most recent first; used only
    ///     when no linked entity has facts.
    ///   - mentionSurfaces: the surfaces of the mentions, aligned with `linkedEntityIDs`; removed
    ///     from the text before key and qualifier words are read (so "E7" is not a qualifier word).
    public func answer(question: String, linkedEntityIDs: [String], contextEntityIDs: [String] = [],
                       mentionSurfaces: [String] = []) -> AttributeAnswer? {
        // Entities with facts first: a few look-ups, while folding the question is not free.
        var subjects = self.subjects(for: linkedEntityIDs)
        if subjects.isEmpty { subjects = Array(self.subjects(for: contextEntityIDs).prefix(2)) }
        guard !subjects.isEmpty else { return nil }
        let text = AttributeText.fold(question)
        let asksForValue = questionForm.asking == prepared.asking.source
            ? questionForm.asksForValue(text, foldedAsking: prepared.asking.folded) : questionForm.asksForValue(text)
        guard asksForValue else { return nil }
        var rest = text
        for s in mentionSurfaces.map(AttributeText.fold).sorted(by: { $0.count > $1.count }) where !s.isEmpty {
            rest = AttributeText.replacing(s, with: " ", in: rest)
        }
        let reading = Reading(text: text, rest: rest, restUnits: AttributeText.units(rest),
                              asked: askedConcepts(text),
                              shapes: prepared.shapeCues.indices.filter { i in prepared.shapeCues[i].contains { $0.found(in: text) } },
                              isChinese: AttributeText.hasCJK(rest), linked: linkedEntityIDs)
        var candidates: [Candidate] = []
        for (rank, subject) in subjects.enumerated() {
            candidates += self.candidates(subject: subject, rank: rank, reading: reading)
        }
        candidates.sort { $0.score != $1.score ? $0.score > $1.score : $0.order < $1.order }
        guard let best = candidates.first, let value = best.edge.literalValue, let key = best.edge.attribute else { return nil }
        if isAboutForeignEntity(linked: linkedEntityIDs, surfaces: mentionSurfaces, answeredBy: best.edge.subject, key: key) { return nil }
        var seenValues: Set<String> = [AttributeEval.normalizeValue(value)]
        var alternatives: [AttributeAnswer.Alternative] = []
        for c in candidates.dropFirst() where alternatives.count < 3 && c.score >= best.score - 0.6 {
            guard let v = c.edge.literalValue, seenValues.insert(AttributeEval.normalizeValue(v)).inserted else { continue }
            alternatives.append(.init(entityID: c.edge.subject, attribute: c.edge.attribute ?? "", value: v,
                                      score: c.score, sources: c.edge.sources))
        }
        let fit = min(1, max(0, best.attributeScore) / 2 + 0.5)
        return AttributeAnswer(
            entityID: best.edge.subject, entityName: graph.entities[best.edge.subject]?.name ?? best.edge.subject,
            attribute: key, value: value, confidence: best.edge.confidence * fit,
            sources: best.edge.sources, alternatives: alternatives,
            keyEntityID: key.contains(",") ? nil : best.fact.namedEntity)
    }

    /// The facts of one subject that fit the question, scored: attribute fit, plus the
    /// qualifier's fit (×0.8), 0.3 for a key in the question's language, 0.5 for a value of the
    /// kind asked, twice the edge's confidence (a fact read off a row label is less sure than one
    /// of the document's subject), minus 0.05 per subject rank.
    func candidates(subject: Subject, rank: Int, reading r: Reading) -> [Candidate] {
        let facts = prepared.facts[subject.entityID] ?? []
        // Variant names of the subject's facts ("long range", "标准续航版") found in the question
        // name a variant; they do not ask for an attribute ("range").
        let variantPhrases = (prepared.variantPhrases[subject.entityID] ?? []).filter { AttributeText.contains(r.text, $0) }
        var text = r.text, rest = r.rest
        for phrase in variantPhrases {
            text = AttributeText.replacing(phrase, with: " ", in: text)
            rest = AttributeText.replacing(phrase, with: " ", in: rest)
        }
        let asked = variantPhrases.isEmpty ? r.asked : askedConcepts(text)
        let words = variantPhrases.isEmpty ? Words(question: text, rest: rest, restUnits: r.restUnits) : Words(question: text, rest: rest)
        var out: [Candidate] = []
        for order in Self.positions(asking: asked, of: subject.entityID, in: prepared) ?? Array(facts.indices) {
            let fact = facts[order]
            guard let folded = fact.key, fact.edge.attribute?.isEmpty == false, let value = fact.edge.literalValue else { continue }
            var (evidence, attribute) = attributeScore(key: folded, words: words, asked: asked)
            // A key that is the name of another entity in the question ("E9" in a delivery-time
            // table) holds the fact about that pair, if the value has the kind asked for.
            var keyedByEntity = false
            if evidence == 0, let other = fact.namedEntity, other != subject.entityID, r.linked.contains(other),
               let type = graph.entities[other]?.type, tableKeyTypes.contains(type),
               r.shapes.isEmpty || r.shapes.contains(where: { prepared.fits.fits(value, shape: $0) }) {
                evidence += 1; attribute += 1; keyedByEntity = true
            }
            guard evidence >= minimumAttributeScore else { continue }
            // Every attribute the question asks for must be in the key ("price for extending the
            // warranty" is not the car's price).
            if !keyedByEntity, asked.contains(where: { !folded.concepts.contains($0) }) { continue }
            var score = attribute
            score += 0.8 * qualifierScore(folded.qualifierUnits, subject: subject, questionUnits: r.restUnits)
            score += folded.isChinese == r.isChinese ? 0.3 : 0
            score += r.shapes.contains { prepared.fits.fits(value, shape: $0) } ? 0.5 : 0
            score += 2 * fact.edge.confidence - 0.05 * Double(rank)
            out.append(Candidate(fact: fact, order: order, attributeScore: attribute, score: score))
        }
        return out
    }

    /// The positions of the facts of `subject` that can fit a question asking for `asked`, in
    /// fact order: those whose key holds the first asked concept (the loop checks the others) and
    /// those whose key names an entity. Nil (read every fact) when nothing is asked for.
    static func positions(asking asked: [Int], of subject: String, in prepared: PreparedAttributes) -> [Int]? {
        guard let first = asked.first else { return nil }
        let holding = prepared.factsByConcept[subject]?[first] ?? []
        let keyed = prepared.keyedFacts[subject] ?? []
        if keyed.isEmpty { return holding }
        return Array(Set(holding).union(keyed)).sorted()
    }

    /// Convenience: links the entities with `matcher` (lexicon mentions only) and answers.
    public func answer(question: String, matcher: EntityMatcher, contextEntityIDs: [String] = []) -> AttributeAnswer? {
        var ids: [String] = [], surfaces: [String] = []
        for m in matcher.mentions(in: question) where m.source == .lexicon && !ids.contains(m.entityID) {
            ids.append(m.entityID)
            surfaces.append(m.surface)
        }
        return answer(question: question, linkedEntityIDs: ids, contextEntityIDs: contextEntityIDs, mentionSurfaces: surfaces)
    }

    /// Whether a linked entity of a ``foreignTypes`` type, other than the entity answered about
    /// and its variants, is named in the question while the chosen key shares no unit with it.
    func isAboutForeignEntity(linked: [String], surfaces: [String], answeredBy: String, key: String) -> Bool {
        let subjectIDs: Set<String> = [answeredBy]
        let keyUnits = AttributeText.units(AttributeText.fold(key))
        for (i, id) in linked.enumerated() where !subjectIDs.contains(id) {
            guard let e = graph.entities[id], foreignTypes.contains(e.type) else { continue }
            if (parents[id] ?? []).contains(where: subjectIDs.contains) { continue }
            let forms = (i < surfaces.count ? [surfaces[i]] : []) + [e.name] + e.aliases
            if forms.contains(where: { !AttributeText.units(AttributeText.fold($0)).isDisjoint(with: keyUnits) }) { continue }
            return true
        }
        return false
    }

    /// Facts (`has_spec` edges with a literal) of an entity, in extraction order.
    func facts(of id: String) -> [PreparedAttributes.Fact] { prepared.facts[id] ?? [] }

    /// The concepts (indices into `vocabulary`) the folded question text asks for.
    func askedConcepts(_ text: String) -> [Int] {
        prepared.concepts.indices.filter { prepared.concepts[$0].matchesQuestion(text) }
    }

    /// The entities to read facts from: each linked entity with facts, then its parents (for a
    /// trim: its model) with the entity's names minus the parent's as qualifiers.
    func subjects(for ids: [String]) -> [Subject] {
        var out: [Subject] = []
        for id in ids {
            if !facts(of: id).isEmpty, !out.contains(where: { $0.entityID == id && $0.qualifiers.isEmpty }) {
                out.append(Subject(entityID: id, qualifiers: []))
            }
            guard let variant = graph.entities[id] else { continue }
            for parentID in parents[id] ?? [] where !facts(of: parentID).isEmpty {
                guard let parent = graph.entities[parentID] else { continue }
                let parentForms = ([parent.name] + parent.aliases).map(AttributeText.fold)
                    .filter { !$0.isEmpty }.sorted { $0.count > $1.count }
                var qualifiers: [String] = []
                for form in ([variant.name] + variant.aliases).map(AttributeText.fold) {
                    var q = form
                    for p in parentForms where AttributeText.has(q, p) { q = AttributeText.replacing(p, with: " ", in: q) }
                    q = q.split(separator: " ").joined(separator: " ")
                    if !q.isEmpty, !qualifiers.contains(q) { qualifiers.append(q) }
                }
                if !qualifiers.isEmpty { out.append(Subject(entityID: parentID, qualifiers: qualifiers)) }
            }
        }
        return out
    }
}
