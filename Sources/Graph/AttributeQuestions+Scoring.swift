import Foundation
import TextAnalysis

/// How a fact key fits a question: the attribute score (concepts and key words) and the
/// qualifier's fit, read by ``AttributeQuestionResolver/candidates(subject:rank:reading:)``.
extension AttributeQuestionResolver {
    /// The words of a question as key scoring reads them: the folded text and what is left of it
    /// without the entity mentions, with their units (computed once per subject, not per key).
    struct Words {
        var question: String
        var rest: String
        var restUnits: Set<String>
        /// The units of `question` (read by the penalty only, so not kept).
        var questionUnits: Set<String> { AttributeText.units(question) }

        init(question: String, rest: String, restUnits: Set<String>? = nil) {
            self.question = question
            self.rest = rest
            self.restUnits = restUnits ?? AttributeText.units(rest)
        }
    }

    /// How well a key's base (its part before the first comma) fits the question.
    ///
    /// * 1 for the first concept question and key share, 0.5 for each further one;
    /// * 1 more when every word of the key occurs in the question outside the entity mentions or
    ///   is a term of a shared concept, and at least one occurs literally (Chinese keys: the key,
    ///   or what is left of it without the shared concept's term, is a substring or a single
    ///   character such as "后"). Without a
    ///   shared concept only specific keys count (two or more words, three or more Chinese
    ///   characters): "engine" alone is too vague;
    /// * a partial credit for a common Chinese substring of two or more characters with what is
    ///   left of a Chinese key without the shared concept's term;
    /// * a penalty (returned apart) of 0.2 per key word that neither the question nor a shared
    ///   concept explains, so "combined range" loses to "range" for "how far" (Chinese keys: 0.1
    ///   per character of the remainder outside the common substring). Key words with digits
    ///   ("10–80%") are conditions, never required.
    ///
    /// Returns the evidence (what the minimum applies to) and the ranking score (evidence minus
    /// the penalty).
    func attributeScore(key: PreparedAttributes.Key, words: Words, asked: [Int]) -> (evidence: Double, score: Double) {
        if !asked.contains(where: key.concepts.contains) {
            // Without a shared concept only the key's own words can fit, and they fit or not:
            // the branches below reduce to this (most keys of a subject end here, unscored).
            let fits: Bool
            if !key.cjk.isEmpty {
                fits = key.cjkCount >= 3 && key.latinWords.isSubset(of: words.restUnits) && AttributeText.has(words.rest, key.cjk)
            } else {
                fits = key.latinUnits.count >= 2 && !key.latinUnits.isDisjoint(with: words.restUnits)
                    && key.latinUnits.allSatisfy { words.restUnits.contains($0) || $0.contains(where: \.isNumber) }
            }
            return fits ? (1, 1) : (0, 0)
        }
        let sharedConcepts = asked.filter(key.concepts.contains)
        let shared = sharedConcepts.count
        var score = shared > 0 ? 1 + 0.5 * Double(shared - 1) : 0
        var penalty = 0.0
        let rest = words.rest, restUnits = words.restUnits
        let sharedTerms = sharedConcepts.flatMap { prepared.concepts[$0].keyTerms }
        let termUnits = sharedConcepts.reduce(into: Set<String>()) { $0.formUnion(prepared.concepts[$1].termUnits) }
        let cjk = key.cjk
        let latinUnits = key.latinUnits
        let latinExplained = key.latinWords.isSubset(of: restUnits.union(termUnits))
        if !cjk.isEmpty {
            var remainder = cjk
            for t in sharedTerms.filter(AttributeText.hasCJK).sorted(by: { $0.count > $1.count }) {
                remainder = AttributeText.replacing(t, with: "", in: remainder)
            }
            let literal = key.cjkCount >= 2 && AttributeText.has(rest, cjk)
            let explained = shared > 0 && remainder != cjk && (remainder.count <= 1 || AttributeText.has(rest, remainder))
                && sharedTerms.contains { AttributeText.hasCJK($0) && AttributeText.has(rest, $0) }
            if latinExplained && ((literal && (shared > 0 || key.cjkCount >= 3)) || explained) {
                score += 1
            } else if remainder.count >= 2 && shared > 0 {
                let common = AttributeText.longestCommonSubstring(remainder, rest)
                if common >= 2 { score += 0.5 * Double(common) / Double(remainder.count) }
                // As for Latin words: 0.1 per character the question does not explain (about
                // 0.2 a word), so "锁单后交付周期" does not beat "delivery time after locking"
                // for an English question.
                penalty = 0.1 * Double(remainder.count - (common >= 2 ? common : 0))
            }
        } else if !latinUnits.isEmpty {
            let literal = latinUnits.intersection(restUnits)
            // Numbers in a key are test conditions ("10–80%", "0–100"); a question need not repeat them.
            let unexplained = latinUnits.subtracting(restUnits).subtracting(termUnits).filter { !$0.contains(where: \.isNumber) }
            if unexplained.isEmpty && !literal.isEmpty && (shared > 0 || latinUnits.count >= 2) {
                score += 1
            } else if shared > 0 {
                penalty = 0.2 * Double(unexplained.subtracting(words.questionUnits).count)
            }
        }
        return (score, score - penalty)
    }

    /// The qualifier's fit in -1...1: with a trim named, the best share of a trim form's units
    /// found in the qualifier (mapped so that no overlap is -1, unqualified keys 0); without one,
    /// the share of the qualifier's units the question mentions, or -0.1 for an unmentioned one.
    func qualifierScore(_ units: Set<String>, subject: Subject, questionUnits: Set<String>) -> Double {
        guard !units.isEmpty else { return 0 }
        if !subject.qualifiers.isEmpty {
            let best = subject.qualifiers.map { form -> Double in
                let f = AttributeText.units(form)
                return f.isEmpty ? 0 : Double(f.intersection(units).count) / Double(f.count)
            }.max() ?? 0
            return 2 * best - 1
        }
        let overlap = units.intersection(questionUnits).count
        return overlap > 0 ? Double(overlap) / Double(units.count) : -0.1
    }
}
