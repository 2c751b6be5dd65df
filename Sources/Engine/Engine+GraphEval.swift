import Foundation
import Graph
import KnowledgeModel

/// How well the graph reads a knowledge folder, against its own annotations
/// (eval/attribute_questions.jsonl and eval/facts.jsonl).
public struct GraphEvalReport: Codable, Sendable {
    public struct Attributes: Codable, Sendable {
        public var questions: Int
        public var answered: Int
        public var correctValue: Int
        public var correctValueAndSource: Int
        enum CodingKeys: String, CodingKey {
            case questions, answered, correctValue = "correct_value", correctValueAndSource = "correct_value_and_source"
        }
    }
    public struct Relations: Codable, Sendable {
        public var facts: Int
        public var found: Int
        public var judged: Int
        public var correct: Int
        public var precision: Double
        public var recall: Double
    }
    public var attributes: Attributes?
    public var relations: Relations?
}

extension Engine {
    /// Scores attribute answers (the right value, read from the expected document) and relation
    /// extraction (precision over the extracted relations the annotation covers, recall over the
    /// annotated facts) on the files that exist.
    public func evaluateGraph(attributeQuestions: URL?, facts: URL?) throws -> GraphEvalReport {
        let s = try snapshot()
        func documentOfChunk(_ id: String) -> String? { s.chunks[id].flatMap { s.documentNames[$0.documentID] } }
        func rows<T: Decodable>(_ url: URL, _ type: T.Type) throws -> [T] {
            try String(decoding: Data(contentsOf: url), as: UTF8.self).split(separator: "\n")
                .filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
                .map { try JSONDecoder().decode(T.self, from: Data($0.utf8)) }
        }
        var report = GraphEvalReport()
        if let attributeQuestions {
            let qs = try rows(attributeQuestions, AttributeEval.Question.self)
            let score = AttributeEval.score(questions: qs, documentOfChunk: documentOfChunk) { q in
                guard let linker = s.linker else { return nil }
                return s.attributes?.resolver.answer(question: q, matcher: linker)
            }
            report.attributes = .init(questions: score.total, answered: score.answered, correctValue: score.correctValue,
                                      correctValueAndSource: score.correctValueAndSource)
        }
        if let facts {
            let score = RelationEval.score(graph: s.graph, facts: try rows(facts, RelationEval.Fact.self), documentOfChunk: documentOfChunk)
            report.relations = .init(facts: score.facts, found: score.foundByExtraction, judged: score.judged, correct: score.correct,
                                     precision: score.precision, recall: score.recall)
        }
        return report
    }
}
