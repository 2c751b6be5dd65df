import KnowledgeModel
import Synchronization
import TextAnalysis

/// What ``AttributeQuestionResolver`` computes once per graph so that answering a question does
/// not fold or analyze the same keys, vocabulary terms and values again: every fact key's folded
/// parts and comparison units, the vocabulary's folded terms, each entity's facts, and (filled
/// as questions ask for them) which value shapes each value fits.
struct PreparedAttributes: Sendable {
    /// One fact key, analyzed (a class: every fact of the key shares one copy).
    final class Key: Sendable {
        /// The folded part before the first ", " ("price, pro rwd" → "price").
        let base: String
        /// The folded rest ("pro rwd").
        let qualifier: String
        /// `AttributeText.units(qualifier)`.
        let qualifierUnits: Set<String>
        /// The folded text after the first ", " when it has two or more units: a variant name
        /// that a question may name ("long range").
        let variantPhrase: String?
        /// Whether the key has a CJK ideograph (a Chinese key).
        let isChinese: Bool
        /// The CJK characters of `base`, in order.
        let cjk: String
        /// How many characters `cjk` has (counted once: `String.count` walks the string).
        let cjkCount: Int
        /// The units of `base` without its CJK characters.
        let latinUnits: Set<String>
        /// `latinUnits` without those holding a digit (conditions such as "10-80%").
        let latinWords: Set<String>
        /// Indices of the vocabulary concepts whose terms the base contains (`keyMatches`).
        let concepts: Set<Int>

        init(_ key: String, concepts vocabulary: [Concept]) {
            let parts = key.components(separatedBy: ", ")
            let base = AttributeText.fold(parts[0])
            self.base = base
            qualifier = AttributeText.fold(parts.dropFirst().joined(separator: " "))
            qualifierUnits = AttributeText.units(qualifier)
            if let comma = key.range(of: ", ") {
                let phrase = AttributeText.fold(String(key[comma.upperBound...]))
                variantPhrase = AttributeText.units(phrase).count >= 2 ? phrase : nil
            } else {
                variantPhrase = nil
            }
            isChinese = AttributeText.hasCJK(key)
            cjk = String(base.filter(AttributeText.isCJKCharacter))
            cjkCount = cjk.count
            let latinUnits = AttributeText.units(String(base.map { AttributeText.isCJKCharacter($0) ? " " : $0 }))
            self.latinUnits = latinUnits
            latinWords = latinUnits.filter { !$0.contains(where: \.isNumber) }
            concepts = Set(vocabulary.indices.filter { vocabulary[$0].matchesKey(base) })
        }
    }

    /// One fact of a subject with its key analyzed (nil for an edge without an attribute) and
    /// the entity its key names, if any. A class: answering walks every fact of a subject, and
    /// a reference is one retain where the edge's strings would be a dozen.
    final class Fact: Sendable {
        let edge: KnowledgeGraph.Edge
        let key: Key?
        /// The entity whose folded name or alias is exactly the key's base.
        let namedEntity: String?

        init(edge: KnowledgeGraph.Edge, key: Key?, namedEntity: String?) {
            self.edge = edge
            self.key = key
            self.namedEntity = namedEntity
        }
    }

    /// One vocabulary concept with its terms folded.
    struct Concept: Sendable {
        /// `terms`, folded with `AttributeText.foldTerm`.
        var keyTerms: [String]
        /// `terms + questionCues`, folded.
        var questionTerms: [String]
        /// The units of every key term.
        var termUnits: Set<String>
        /// `questionTerms` made ready for matching, without single CJK characters (too
        /// ambiguous to ask for a concept on their own).
        var questionNeedles: [AttributeText.Needle]

        init(_ concept: AttributeConcept) {
            keyTerms = concept.terms.map(AttributeText.foldTerm)
            questionTerms = (concept.terms + concept.questionCues).map(AttributeText.foldTerm)
            termUnits = keyTerms.reduce(into: Set<String>()) { $0.formUnion(AttributeText.units($1)) }
            questionNeedles = questionTerms.filter { !AttributeText.isSingleCJK($0) }.map(AttributeText.Needle.init)
        }

        /// `AttributeVocabulary.keyMatches` with the terms folded already.
        func matchesKey(_ key: String) -> Bool {
            keyTerms.contains { t in AttributeText.isSingleCJK(t) ? key == t : AttributeText.contains(key, t) }
        }

        /// `AttributeVocabulary.questionMatches` with the terms folded already.
        func matchesQuestion(_ text: String) -> Bool {
            questionNeedles.contains { $0.found(in: text) }
        }
    }

    var concepts: [Concept]
    var keys: [String: Key]
    /// Facts (`has_spec` edges with a literal) by subject, in extraction order.
    var facts: [String: [Fact]]
    /// Per subject, per concept: the positions (in `facts`) of the facts whose key holds the
    /// concept. A question that asks for concepts only considers facts whose key holds them all
    /// (or whose key names an entity, `keyedFacts`), so it reads these few instead of every fact.
    var factsByConcept: [String: [Int: [Int]]]
    /// Per subject: the positions of the facts whose key names an entity.
    var keyedFacts: [String: [Int]]
    /// The distinct variant phrases of each subject's fact keys, longest first.
    var variantPhrases: [String: [String]]
    /// Folded cues of each value shape, ready for matching.
    var shapeCues: [[AttributeText.Needle]]
    /// The question form's `asking` words, folded, and the words they were folded from (the
    /// form is a `var`: when it changes, the folded copy is not used).
    var asking: (source: [String], folded: [String])
    /// Which shapes each value fits, by value (filled on first use).
    let fits: ValueFits

    init(graph: KnowledgeGraph, vocabulary: [AttributeConcept], valueShapes: [ValueShape], questionForm: QuestionForm,
         names: [String: String], facts factsOf: (String) -> [KnowledgeGraph.Edge]) {
        let concepts = vocabulary.map(Concept.init)
        self.concepts = concepts
        var keys: [String: Key] = [:]
        var subjects = Set<String>()
        for e in graph.edges {
            if let key = e.attribute, keys[key] == nil { keys[key] = Key(key, concepts: concepts) }
            if e.type == "has_spec", e.literalValue != nil { subjects.insert(e.subject) }
        }
        self.keys = keys
        var facts: [String: [Fact]] = [:], variantPhrases: [String: [String]] = [:]
        var factsByConcept: [String: [Int: [Int]]] = [:], keyedFacts: [String: [Int]] = [:]
        for id in subjects {
            var f: [Fact] = []
            for edge in factsOf(id) {
                let key = edge.attribute.map { keys[$0] ?? Key($0, concepts: concepts) }
                f.append(Fact(edge: edge, key: key, namedEntity: key.flatMap { names[$0.base] }))
            }
            guard !f.isEmpty else { continue }
            facts[id] = f
            var byConcept: [Int: [Int]] = [:], keyed: [Int] = []
            for (i, fact) in f.enumerated() {
                for c in fact.key?.concepts ?? [] { byConcept[c, default: []].append(i) }
                if fact.namedEntity != nil { keyed.append(i) }
            }
            factsByConcept[id] = byConcept
            keyedFacts[id] = keyed
            var phrases: [String] = []
            for fact in f { if let q = fact.key?.variantPhrase, !phrases.contains(q) { phrases.append(q) } }
            // Stable: phrases of one length stay in the order their facts come.
            variantPhrases[id] = phrases.enumerated().sorted { ($0.element.count, $1.offset) > ($1.element.count, $0.offset) }.map(\.element)
        }
        self.facts = facts
        self.factsByConcept = factsByConcept
        self.keyedFacts = keyedFacts
        self.variantPhrases = variantPhrases
        shapeCues = valueShapes.map { $0.cues.map { AttributeText.Needle(AttributeText.foldTerm($0)) } }
        asking = (questionForm.asking, questionForm.asking.map(AttributeText.foldTerm))
        fits = ValueFits(valueShapes)
    }
}

/// Which value shapes each literal value fits, remembered per value (`ValueShape.fits` runs a
/// regular expression). Shared by the copies of a resolver; bounded by the graph's values.
final class ValueFits: Sendable {
    private let shapes: [ValueShape]
    private let known = Mutex<[String: [Bool]]>([:])

    init(_ shapes: [ValueShape]) { self.shapes = shapes }

    /// Whether `value` fits the shape at `index` of the resolver's `valueShapes`.
    func fits(_ value: String, shape index: Int) -> Bool {
        if let row = known.withLock({ $0[value] }) { return row[index] }
        let row = shapes.map { $0.fits(value) }
        known.withLock { $0[value] = row }
        return row[index]
    }
}
