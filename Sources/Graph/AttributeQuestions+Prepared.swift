import KnowledgeModel
import Synchronization
import TextAnalysis

/// What ``AttributeQuestionResolver`` computes once per graph so that answering a question does
/// not fold or analyze the same keys, vocabulary terms and values again: every fact key's folded
/// parts and comparison units, the vocabulary's folded terms, each entity's facts, and (filled
/// as questions ask for them) which value shapes each value fits.
struct PreparedAttributes: Sendable {
    /// One fact key, analyzed.
    struct Key: Sendable {
        /// The folded part before the first ", " ("price, pro rwd" → "price").
        var base: String
        /// The folded rest ("pro rwd").
        var qualifier: String
        /// `AttributeText.units(qualifier)`.
        var qualifierUnits: Set<String>
        /// The folded text after the first ", " when it has two or more units: a variant name
        /// that a question may name ("long range").
        var variantPhrase: String?
        /// Whether the key has a CJK ideograph (a Chinese key).
        var isChinese: Bool
        /// The CJK characters of `base`, in order.
        var cjk: String
        /// The units of `base` without its CJK characters.
        var latinUnits: Set<String>
        /// `latinUnits` without those holding a digit (conditions such as "10-80%").
        var latinWords: Set<String>
        /// Indices of the vocabulary concepts whose terms the base contains (`keyMatches`).
        var concepts: Set<Int>

        init(_ key: String, concepts vocabulary: [Concept]) {
            let parts = key.components(separatedBy: ", ")
            base = AttributeText.fold(parts[0])
            qualifier = AttributeText.fold(parts.dropFirst().joined(separator: " "))
            qualifierUnits = AttributeText.units(qualifier)
            if let comma = key.range(of: ", ") {
                let phrase = AttributeText.fold(String(key[comma.upperBound...]))
                variantPhrase = AttributeText.units(phrase).count >= 2 ? phrase : nil
            }
            isChinese = AttributeText.hasCJK(key)
            let base = self.base
            cjk = String(base.filter(AttributeText.isCJKCharacter))
            latinUnits = AttributeText.units(String(base.map { AttributeText.isCJKCharacter($0) ? " " : $0 }))
            latinWords = latinUnits.filter { !$0.contains(where: \.isNumber) }
            concepts = Set(vocabulary.indices.filter { vocabulary[$0].matchesKey(base) })
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

        init(_ concept: AttributeConcept) {
            keyTerms = concept.terms.map(AttributeText.foldTerm)
            questionTerms = (concept.terms + concept.questionCues).map(AttributeText.foldTerm)
            termUnits = keyTerms.reduce(into: Set<String>()) { $0.formUnion(AttributeText.units($1)) }
        }

        /// `AttributeVocabulary.keyMatches` with the terms folded already.
        func matchesKey(_ key: String) -> Bool {
            keyTerms.contains { t in AttributeText.isSingleCJK(t) ? key == t : AttributeText.contains(key, t) }
        }

        /// `AttributeVocabulary.questionMatches` with the terms folded already.
        func matchesQuestion(_ text: String) -> Bool {
            questionTerms.contains { t in !AttributeText.isSingleCJK(t) && AttributeText.contains(text, t) }
        }
    }

    var concepts: [Concept]
    var keys: [String: Key]
    /// Facts (`has_spec` edges with a literal) by subject, in extraction order.
    var facts: [String: [KnowledgeGraph.Edge]]
    /// Folded cues of each value shape.
    var shapeCues: [[String]]
    /// The question form's `asking` words, folded, and the words they were folded from (the
    /// form is a `var`: when it changes, the folded copy is not used).
    var asking: (source: [String], folded: [String])
    /// Which shapes each value fits, by value (filled on first use).
    let fits: ValueFits

    init(graph: KnowledgeGraph, vocabulary: [AttributeConcept], valueShapes: [ValueShape], questionForm: QuestionForm,
         facts factsOf: (String) -> [KnowledgeGraph.Edge]) {
        let concepts = vocabulary.map(Concept.init)
        self.concepts = concepts
        var keys: [String: Key] = [:]
        var subjects = Set<String>()
        for e in graph.edges {
            if let key = e.attribute, keys[key] == nil { keys[key] = Key(key, concepts: concepts) }
            if e.type == "has_spec", e.literalValue != nil { subjects.insert(e.subject) }
        }
        self.keys = keys
        var facts: [String: [KnowledgeGraph.Edge]] = [:]
        for id in subjects {
            let f = factsOf(id)
            if !f.isEmpty { facts[id] = f }
        }
        self.facts = facts
        shapeCues = valueShapes.map { $0.cues.map(AttributeText.foldTerm) }
        asking = (questionForm.asking, questionForm.asking.map(AttributeText.foldTerm))
        fits = ValueFits(valueShapes)
    }

    /// The analyzed key (analyzed now when the graph did not have it).
    func key(_ key: String) -> Key { keys[key] ?? Key(key, concepts: concepts) }
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
