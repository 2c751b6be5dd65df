import Foundation

/// Compares a graph's typed relations with annotated facts (`Knowledge/eval/facts.jsonl`).
///
/// **Matching a fact.** A fact `{subject, relation, attribute, value, source}` is found when an
/// edge read from a chunk of the fact's source document starts at the fact's subject — or at its
/// parent with a key qualifier naming it (a trim's facts sit on its model: "price, max rwd" for
/// "E7 Max RWD") — and either
/// * is of the fact's relation type and ends at the entity the value names (`located_in` →
///   "Beijing"), or
/// * is a `has_spec` whose key matches the attribute (the attribute's words are in the key, or
///   an ``AttributeVocabulary`` concept covers both: `range` ↔ "续航里程") and whose value starts
///   with the annotated value ("230 kW (313 hp)" for "230 kW").
///
/// **Precision** is over the extracted (structure and pattern) typed relations that the
/// annotation covers: edges read from an annotated document that can state a fact about one of
/// the document's annotated subjects (same entity, or parent with that variant's qualifier), and either a `has_spec` whose key matches one of the
/// subject's annotated attributes there, or of a relation type annotated for that subject there.
/// Such an edge is correct when it matches one of those facts. Everything else (keys nobody
/// annotated, other subjects, `related_to`) is not judged.
///
/// **Recall** is the share of annotated facts found by extracted edges; `recallWithLexicon` also
/// counts editor-declared lexicon relations.
public enum RelationEval {
    /// One row of `facts.jsonl`.
    public struct Fact: Sendable, Hashable, Codable {
        public var subject: String
        public var relation: String
        public var attribute: String?
        public var value: String?
        /// Document name, e.g. `docs/en/e7-specs.md`.
        public var source: String

        public init(subject: String, relation: String, attribute: String?, value: String?, source: String) {
            self.subject = subject; self.relation = relation; self.attribute = attribute
            self.value = value; self.source = source
        }
    }

    /// The counts.
    public struct Score: Sendable {
        public var facts = 0
        /// Facts whose subject names no entity of the graph (they cannot be found).
        public var unresolvedSubjects = 0
        public var foundByExtraction = 0
        public var foundWithLexicon = 0
        public var judged = 0
        public var correct = 0
        public var precision: Double { judged == 0 ? 0 : Double(correct) / Double(judged) }
        public var recall: Double { facts == 0 ? 0 : Double(foundByExtraction) / Double(facts) }
        public var recallWithLexicon: Double { facts == 0 ? 0 : Double(foundWithLexicon) / Double(facts) }
        /// Judged edges that matched no fact: (document, subject, type, attribute, object).
        public var wrong: [String] = []
        /// Facts not found by extraction.
        public var missed: [Fact] = []
    }

    /// Scores `graph` against `facts`; `documentOfChunk` names the document of a chunk id.
    public static func score(graph: KnowledgeGraph, facts: [Fact], documentOfChunk: (String) -> String?) -> Score {
        var s = Score()
        let names = nameIndex(graph)
        var parents: [String: Set<String>] = [:]
        for e in graph.edges where e.type == "has_trim" || e.type == "has_variant" { parents[e.object, default: []].insert(e.subject) }
        func group(_ id: String) -> Set<String> { Set([id]).union(parents[id] ?? []) }
        // A variant's own words (its names without its parent's), for reading a key's qualifier.
        func variantUnits(_ id: String) -> Set<String> {
            guard let e = graph.entities[id] else { return [] }
            var units = Set(([e.name] + e.aliases).flatMap { AttributeText.units(AttributeText.fold($0)) })
            for p in parents[id] ?? [] {
                guard let parent = graph.entities[p] else { continue }
                for form in [parent.name] + parent.aliases { units.subtract(AttributeText.units(AttributeText.fold(form))) }
            }
            return units
        }
        var variantCache: [String: Set<String>] = [:]
        // Whether an edge starting at `e.subject` can state a fact about `factSubject`: the same
        // entity, or its parent with a key qualifier naming the variant ("price, max rwd").
        func fits(_ e: KnowledgeGraph.Edge, _ factSubject: String) -> Bool {
            if e.subject == factSubject { return true }
            guard (parents[factSubject] ?? []).contains(e.subject), let key = e.attribute,
                  let comma = key.range(of: ", ") else { return false }
            if variantCache[factSubject] == nil { variantCache[factSubject] = variantUnits(factSubject) }
            let qualifier = AttributeText.units(AttributeText.fold(String(key[comma.upperBound...])))
            return !qualifier.isDisjoint(with: variantCache[factSubject] ?? [])
        }
        func id(_ name: String) -> String? { names[key(name)] }

        // Edges by document, extracted (structure/pattern) apart from lexicon ones.
        var byDocument: [String: [KnowledgeGraph.Edge]] = [:]
        for e in graph.edges where e.type != "related_to" && e.method != RelationMethod.lexicon.rawValue {
            for doc in Set(e.sources.compactMap(documentOfChunk)) { byDocument[doc, default: []].append(e) }
        }
        let lexiconEdges = graph.edges.filter { $0.method == RelationMethod.lexicon.rawValue }

        func matches(_ e: KnowledgeGraph.Edge, _ f: Fact, subject: String) -> Bool {
            guard fits(e, subject) else { return false }
            if e.type == f.relation, let v = f.value, let target = id(v), e.object == target { return true }
            guard e.type == "has_spec", let value = e.literalValue, let key = e.attribute,
                  let attribute = f.attribute, let expected = f.value else { return false }
            return attributeMatches(attribute, key: key) && AttributeEval.leadingMatch(value, expected)
        }

        var annotated: [String: [(fact: Fact, subject: String)]] = [:]   // document → facts
        for f in facts {
            s.facts += 1
            guard let subject = id(f.subject) else { s.unresolvedSubjects += 1; s.missed.append(f); continue }
            annotated[f.source, default: []].append((f, subject))
            let extracted = (byDocument[f.source] ?? []).contains { matches($0, f, subject: subject) }
            if extracted { s.foundByExtraction += 1 } else { s.missed.append(f) }
            if extracted || lexiconEdges.contains(where: { matches($0, f, subject: subject) }) { s.foundWithLexicon += 1 }
        }

        for (doc, edges) in byDocument {
            guard let docFacts = annotated[doc] else { continue }
            for e in edges {
                let relevant = docFacts.filter { fits(e, $0.subject) }
                guard !relevant.isEmpty else { continue }
                let inScope: Bool
                if e.type == "has_spec", let key = e.attribute {
                    inScope = relevant.contains { $0.fact.attribute.map { attributeMatches($0, key: key) } ?? false }
                } else {
                    inScope = relevant.contains { $0.fact.relation == e.type }
                }
                guard inScope else { continue }
                s.judged += 1
                if relevant.contains(where: { matches(e, $0.fact, subject: $0.subject) }) {
                    s.correct += 1
                } else {
                    s.wrong.append("\(doc)\t\(e.subject)\t\(e.type)\t\(e.attribute ?? "")\t\(e.object)")
                }
            }
        }
        s.wrong.sort()
        return s
    }

    /// Whether an annotated attribute (`battery_capacity`, `dc_fast_charge_10_80`) fits an
    /// extracted key (`"capacity, performance awd"`, `"直流快充10%–80%"`): its words (numbers
    /// left out) are all in the key's base, or a vocabulary concept asked by the words also
    /// covers the key.
    public static func attributeMatches(_ attribute: String, key: String) -> Bool {
        let words = attribute.split(separator: "_").filter { !$0.allSatisfy(\.isNumber) }.joined(separator: " ")
        let base = AttributeText.fold(key.components(separatedBy: ", ")[0])
        let wordUnits = AttributeText.units(words)
        if !wordUnits.isEmpty, wordUnits.isSubset(of: AttributeText.units(base)) { return true }
        return AttributeVocabulary.default.contains {
            AttributeVocabulary.questionMatches(words, $0) && AttributeVocabulary.keyMatches(base, $0)
        }
    }

    /// Folded names and aliases (without spaces) → entity id; the first entity wins.
    static func nameIndex(_ graph: KnowledgeGraph) -> [String: String] {
        var index: [String: String] = [:]
        for e in graph.entities.values.sorted(by: { $0.id < $1.id }) {
            for form in [e.name] + e.aliases where index[key(form)] == nil { index[key(form)] = e.id }
        }
        return index
    }

    static func key(_ name: String) -> String { AttributeText.fold(name).replacingOccurrences(of: " ", with: "") }
}
