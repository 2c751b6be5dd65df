import Foundation
import TextAnalysis

/// Scores the attribute resolver against annotated questions, and the graph's relations against
/// annotated facts (`Knowledge/eval/attribute_questions.jsonl`, `questions.jsonl`, `facts.jsonl`).
///
/// No I/O: the caller decodes the rows and says which document each chunk came from.
public enum AttributeEval {
    /// One row of `attribute_questions.jsonl`.
    public struct Question: Sendable, Hashable, Codable {
        public var question: String
        public var subject: String
        public var attribute: String
        public var expectedValue: String
        /// Document name, e.g. `docs/en/e7-specs.md`.
        public var source: String
        public var lang: String?

        enum CodingKeys: String, CodingKey {
            case question, subject, attribute, source, lang
            case expectedValue = "expected_value"
        }

        public init(question: String, subject: String, attribute: String, expectedValue: String, source: String, lang: String? = nil) {
            self.question = question; self.subject = subject; self.attribute = attribute
            self.expectedValue = expectedValue; self.source = source; self.lang = lang
        }
    }

    /// The outcome for one question.
    public struct Outcome: Sendable, Hashable {
        public var question: Question
        public var answer: AttributeAnswer?
        /// Normalized equality of the values.
        public var correctValue: Bool
        /// The value starts with the expected one ("185 kW (252 hp)" for "185 kW").
        public var leadingValue: Bool
        /// One of the answer's source chunks belongs to the expected document.
        public var correctSource: Bool
    }

    /// Counts over a question set.
    public struct Score: Sendable, Hashable {
        public var total = 0
        public var answered = 0
        /// Value equal to the expected one (normalized).
        public var correctValue = 0
        /// Value equal and a source chunk in the expected document.
        public var correctValueAndSource = 0
        /// Value starting with the expected one (remarks after it allowed).
        public var leadingValue = 0
        /// Leading value and a source chunk in the expected document.
        public var leadingValueAndSource = 0
        public var outcomes: [Outcome] = []
    }

    /// Case-, width- and space-insensitive form of a value: NFKC + case folding, white space
    /// removed, dashes unified ("650 km" = "650km", "８５ｋＷｈ" = "85 kWh").
    public static func normalizeValue(_ value: String) -> String {
        String(Normalizer.normalize(value).filter { !$0.isWhitespace }.map { "–—−~～".contains($0) ? "-" : $0 })
    }

    /// Whether `value` starts with `expected` (both normalized) and what follows is not a digit.
    public static func leadingMatch(_ value: String, _ expected: String) -> Bool {
        let v = normalizeValue(value), e = normalizeValue(expected)
        guard !e.isEmpty, v.hasPrefix(e) else { return false }
        return v.count == e.count || !(v[v.index(v.startIndex, offsetBy: e.count)].isNumber)
    }

    /// Answers every question with `resolve` and counts answered / correct value / correct source.
    /// - Parameters:
    ///   - documentOfChunk: the document name of a chunk id.
    ///   - resolve: the resolver call (for example `{ resolver.answer(question: $0, matcher: matcher) }`).
    public static func score(questions: [Question], documentOfChunk: (String) -> String?,
                             resolve: (String) -> AttributeAnswer?) -> Score {
        var s = Score()
        for q in questions {
            s.total += 1
            let answer = resolve(q.question)
            var outcome = Outcome(question: q, answer: answer, correctValue: false, leadingValue: false, correctSource: false)
            if let a = answer {
                s.answered += 1
                outcome.correctValue = normalizeValue(a.value) == normalizeValue(q.expectedValue)
                outcome.leadingValue = leadingMatch(a.value, q.expectedValue)
                outcome.correctSource = a.sources.contains { documentOfChunk($0) == q.source }
                if outcome.correctValue { s.correctValue += 1 }
                if outcome.correctValue && outcome.correctSource { s.correctValueAndSource += 1 }
                if outcome.leadingValue { s.leadingValue += 1 }
                if outcome.leadingValue && outcome.correctSource { s.leadingValueAndSource += 1 }
            }
            s.outcomes.append(outcome)
        }
        return s
    }

    /// Answers given to FAQ-style questions (mostly not attribute questions).
    public struct FalseAnswerReport: Sendable {
        public var total = 0
        /// Questions that got an answer at all.
        public var answered = 0
        /// Answers whose leading figure does not occur in the reference answer: the false answers.
        public var inconsistent = 0
        /// (question, answer, consistent with the reference) for every answered question.
        public var examples: [(question: String, answer: AttributeAnswer, consistent: Bool)] = []
    }

    /// Runs FAQ-style questions through the resolver. An answer counts as *consistent* when its
    /// leading figure (the value up to a bracket, ", " or "，") occurs in the reference answer
    /// (the expected FAQ's answer text), normalized; otherwise it is a false answer.
    public static func falseAnswers(questions: [(question: String, reference: String)],
                                    resolve: (String) -> AttributeAnswer?) -> FalseAnswerReport {
        var r = FalseAnswerReport()
        for (q, reference) in questions {
            r.total += 1
            guard let a = resolve(q) else { continue }
            r.answered += 1
            let consistent = normalizeValue(reference).contains(normalizeValue(leadingFigure(a.value)))
            if !consistent { r.inconsistent += 1 }
            r.examples.append((q, a, consistent))
        }
        return r
    }

    /// The value up to the first bracket, ", " or "，": "85 kWh (NCM)" → "85 kWh".
    public static func leadingFigure(_ value: String) -> String {
        var end = value.endIndex
        for mark in ["(", "（", ", ", "，", "; ", "；"] {
            if let r = value.range(of: mark), r.lowerBound < end { end = r.lowerBound }
        }
        return String(value[..<end]).trimmingCharacters(in: .whitespaces)
    }
}
