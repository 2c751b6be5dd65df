import XCTest
import KnowledgeModel
@testable import Graph

/// Near-duplicate proposals: n-gram similarity over names and aliases, same type only, the
/// reason recorded, and the optional embedding hook blended in.
final class EntityResolutionTests: XCTestCase {
    typealias C = EntityResolution.Candidate

    func testNormalizeAndNgrams() {
        XCTAssertEqual(EntityResolution.normalizeName("Lanto-Pilot  PRO"), "lanto pilot pro")
        XCTAssertEqual(EntityResolution.normalizeName("澜途Ｅ７"), "澜途e7")
        let g = EntityResolution.ngrams("ab")
        XCTAssertEqual(g, ["^a": 1, "ab": 1, "b$": 1, "^ab": 1, "ab$": 1])
        XCTAssertEqual(EntityResolution.cosine(g, g), 1, accuracy: 1e-12)
        XCTAssertEqual(EntityResolution.jaccard(g, [:]), 0)
    }

    func testProposesNearDuplicatesOfSameTypeOnly() {
        let entities = [
            C(id: "feature_pilot", name: "Lanto Pilot", aliases: ["澜途领航", "LP"], type: "feature"),
            C(id: "feature_pilot_dup", name: "Lanto-Pilot", type: "feature"),
            C(id: "feature_pilot_pro", name: "Lanto Pilot Pro", type: "feature"),
            C(id: "model_pilot", name: "Lanto Pilot", type: "model"),           // other type
            C(id: "city_bj", name: "Beijing", aliases: ["北京"], type: "city"),
            C(id: "city_bj2", name: "北京市", type: "city"),
        ]
        let ps = EntityResolution(threshold: 0.8).proposals(entities)
        XCTAssertEqual(ps.first?.keep, "feature_pilot")
        XCTAssertEqual(ps.first?.merge, "feature_pilot_dup")
        XCTAssertEqual(ps.first?.similarity ?? 0, 1, accuracy: 1e-9)
        XCTAssertTrue(ps.first?.reason.contains("\"lanto pilot\" ~ \"lanto pilot\"") ?? false, ps.first?.reason ?? "")
        XCTAssertFalse(ps.contains { $0.keep == "model_pilot" || $0.merge == "model_pilot" })
        XCTAssertFalse(ps.contains { [$0.keep, $0.merge].contains("feature_pilot_pro") })  // "Pro" is another thing
        XCTAssertFalse(ps.contains { $0.merge == "city_bj2" })   // 北京 vs 北京市: below 0.8 by n-grams alone
    }

    func testEmbeddingHookIsBlended() {
        let entities = [C(id: "city_bj", name: "Beijing", aliases: ["北京"], type: "city"),
                        C(id: "city_bj2", name: "北京市", type: "city")]
        let lexicalOnly = EntityResolution(threshold: 0).proposals(entities)
        let lexical = lexicalOnly.first?.similarity ?? 0
        let hooked = EntityResolution(threshold: 0.6, embeddingWeight: 0.5,
                                      embeddingSimilarity: { a, b in a == "Beijing" && b == "北京市" ? 0.98 : nil })
        let ps = hooked.proposals(entities)
        XCTAssertEqual(ps.count, 1)
        XCTAssertEqual(ps[0].similarity, 0.5 * lexical + 0.5 * 0.98, accuracy: 1e-9)
        XCTAssertEqual(ps[0].keep, "city_bj")
        XCTAssertTrue(ps[0].reason.contains("embedding cosine 0.98"))
        // A hook with no opinion leaves the lexical score alone.
        let silent = EntityResolution(threshold: 0, embeddingSimilarity: { _, _ in nil }).proposals(entities)
        XCTAssertEqual(silent.first?.similarity ?? -1, lexical, accuracy: 1e-12)
    }

    func testLexiconEntitiesConvenience() {
        let es = [LexiconEntity(id: "a", name: "Wallbox 11kW", type: "part"),
                  LexiconEntity(id: "b", name: "Wallbox 11 kW", type: "part", aliases: ["wall box"])]
        let ps = EntityResolution().proposals(es)
        XCTAssertEqual(ps.map(\.keep), ["b"])
        XCTAssertEqual(ps.map(\.merge), ["a"])
    }

    func testEachPairOnceAndThresholdAndOrder() {
        let entities = [C(id: "b", name: "Wallbox", type: "part"), C(id: "a", name: "Wall-box", type: "part"),
                        C(id: "c", name: "Wallbox", aliases: ["wall box"], type: "part")]
        let ps = EntityResolution(threshold: 0.8).proposals(entities)
        XCTAssertEqual(ps.count, 3)                                          // a~b, a~c, b~c, once each
        XCTAssertEqual(Set(ps.map { Set([$0.keep, $0.merge]) }).count, 3)
        XCTAssertTrue(ps.allSatisfy { $0.keep != $0.merge && $0.similarity >= 0.8 })
        XCTAssertEqual(ps.filter { $0.merge == "c" || $0.keep == "c" }.map(\.keep), ["c", "c"])  // more names kept
        XCTAssertEqual(ps.first { Set([$0.keep, $0.merge]) == ["a", "b"] }?.keep, "a")       // tie: smaller id
        XCTAssertEqual(ps.map(\.similarity), ps.map(\.similarity).sorted(by: >))
        XCTAssertTrue(EntityResolution(threshold: 1.01).proposals(entities).isEmpty)
    }

    func testMergeProposalCodable() throws {
        let p = MergeProposal(keep: "a", merge: "b", similarity: 0.9, reason: "char 2-3-gram cosine 0.90")
        let back = try JSONDecoder().decode(MergeProposal.self, from: JSONEncoder().encode(p))
        XCTAssertEqual(back, p)
    }
}
