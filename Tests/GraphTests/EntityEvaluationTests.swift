import XCTest
import Foundation
import KnowledgeModel
@testable import Graph

/// Entity linking on the default knowledge's evaluation set: micro-averaged precision and
/// recall of the set of linked lexicon entity ids per sentence.
final class EntityEvaluationTests: XCTestCase {
    struct EvalLine: Decodable {
        struct Expected: Decodable { var id: String }
        var text: String
        var entities: [Expected]
    }

    static let knowledge = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().appendingPathComponent("../../Knowledge").standardizedFileURL

    static func loadLines<T: Decodable>(_ relative: String, as: T.Type) throws -> [T] {
        let data = try Data(contentsOf: knowledge.appendingPathComponent(relative))
        let decoder = JSONDecoder()
        return try String(decoding: data, as: UTF8.self).split(separator: "\n")
            .filter { !$0.allSatisfy(\.isWhitespace) }
            .map { try decoder.decode(T.self, from: Data($0.utf8)) }
    }

    func testPrecisionAndRecallOnEvalSet() throws {
        let lexicon = try Self.loadLines("lexicon/entities.jsonl", as: LexiconEntity.self)
        let eval = try Self.loadLines("eval/entities.jsonl", as: EvalLine.self)
        XCTAssertEqual(eval.count, 95)
        let matcher = EntityMatcher(entities: lexicon)
        var tp = 0, fp = 0, fn = 0
        var misses: [String] = []
        for line in eval {
            let got = Set(matcher.mentions(in: line.text).filter { $0.source == .lexicon }.map(\.entityID))
            let want = Set(line.entities.map(\.id))
            tp += got.intersection(want).count
            fp += got.subtracting(want).count
            fn += want.subtracting(got).count
            if got != want {
                misses.append("\(line.text)  +\(got.subtracting(want).sorted()) -\(want.subtracting(got).sorted())")
            }
        }
        let precision = Double(tp) / Double(max(tp + fp, 1))
        let recall = Double(tp) / Double(max(tp + fn, 1))
        print(String(format: "entity eval: precision %.3f recall %.3f (tp %d fp %d fn %d, %d conflicts)",
                     precision, recall, tp, fp, fn, matcher.conflicts.count))
        for c in matcher.conflicts { print("conflict:", c.surface, c.entityIDs) }
        let codes = eval.flatMap { matcher.mentions(in: $0.text).filter { $0.source == .pattern } }
        print("code-pattern mentions in the eval set:", codes.map(\.surface))
        for m in misses { print("diff:", m) }
        XCTAssertGreaterThanOrEqual(precision, 0.9)
        XCTAssertGreaterThanOrEqual(recall, 0.9)
    }
}
