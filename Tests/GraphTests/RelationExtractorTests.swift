import XCTest
import KnowledgeModel
@testable import Graph

/// Mentions of the given (surface, entity id) pairs, every occurrence, UTF-16 offsets into `text`.
func testMentions(_ text: String, _ entities: [(String, String)]) -> [EntityMention] {
    var out: [EntityMention] = []
    let utf16 = text.utf16
    for (surface, id) in entities {
        var from = text.startIndex
        while let r = text.range(of: surface, range: from..<text.endIndex) {
            let s = utf16.distance(from: utf16.startIndex, to: r.lowerBound)
            let e = utf16.distance(from: utf16.startIndex, to: r.upperBound)
            out.append(EntityMention(entityID: id, surface: surface, start: s, end: e, source: .lexicon))
            from = r.upperBound
        }
    }
    return out
}

final class RelationExtractorTests: XCTestCase {
    let extractor = RelationExtractor(entityTypes: ["model_e7": "model", "feature_pilot": "feature"])

    func chunk(_ text: String, section: [String] = []) -> Chunk {
        Chunk(id: "doc#1", documentID: "doc", ordinal: 1, title: "Lanto E7 Specifications",
              sectionPath: section, text: text)
    }

    func testTableRowGivesSpecWithNormalizedKey() {
        let c = chunk("Range (CLTC): 650 km\nWheelbase: 3000 mm")
        let rs = extractor.structuralRelations(chunk: c, documentSubjects: ["model_e7"])
        XCTAssertEqual(rs.count, 2)
        XCTAssertEqual(rs[0], ExtractedRelation(subject: "model_e7", type: "has_spec", object: "value:650 km",
                                                attribute: "range", confidence: 0.9, chunkID: "doc#1",
                                                method: "structure"))
        XCTAssertEqual(rs[1].attribute, "wheelbase")
        XCTAssertEqual(rs[1].literalValue, "3000 mm")
    }

    func testQualifierAndChineseKeys() {
        XCTAssertEqual(RelationExtractor.normalizeKey("Range (CLTC), Performance AWD"), "range, performance awd")
        XCTAssertEqual(RelationExtractor.normalizeKey("续航里程（CLTC），Pro/Max后驱版"), "续航里程, pro/max后驱版")
        XCTAssertEqual(RelationExtractor.normalizeKey("AC charging 0–100% (11 kW)"), "ac charging 0–100%")
        let rs = extractor.structuralRelations(chunk: chunk("直流快充10%–80%：18分钟"), documentSubjects: ["model_e7"])
        XCTAssertEqual(rs.map(\.attribute), ["直流快充10%–80%"])
        XCTAssertEqual(rs.map(\.object), ["value:18分钟"])
    }

    func testWideRowUsesFirstCellAsLabel() {
        let c = chunk("Trim: Pro RWD; Price: ¥259,800; Highlights: 85 kWh, 650 km")
        let rs = extractor.structuralRelations(chunk: c, documentSubjects: ["model_e7"])
        XCTAssertEqual(rs.map(\.attribute), ["price, pro rwd", "highlights, pro rwd"])
        XCTAssertEqual(rs.first?.literalValue, "¥259,800")
    }

    func testProseAndMissingSubjectGiveNoSpecs() {
        let prose = chunk("Note: the 18-minute figure is measured at a Lanto SuperCharge station. It varies: a lot.")
        XCTAssertTrue(extractor.structuralRelations(chunk: prose, documentSubjects: ["model_e7"]).isEmpty)
        XCTAssertTrue(extractor.structuralRelations(chunk: chunk("Seats: 5"), documentSubjects: []).isEmpty)
    }

    func testHeadingFeature() {
        let c = chunk("Works on motorways.", section: ["Lanto Pilot"])
        let heading = testMentions("Lanto Pilot", [("Lanto Pilot", "feature_pilot")])
        let rs = extractor.relations(chunk: c, mentions: [], documentSubjects: ["model_e7"], headingMentions: heading)
        XCTAssertEqual(rs.map(\.type), ["has_feature"])
        XCTAssertEqual(rs.first?.object, "feature_pilot")
        XCTAssertEqual(rs.first?.confidence, 0.8)
    }

    func testChinesePatterns() {
        let text = "E7配备澜途领航。延保适用于E9。北京朝阳中心位于北京。"
        let ms = testMentions(text, [("E7", "model_e7"), ("澜途领航", "feature_pilot"), ("延保", "policy_ext"),
                                     ("E9", "model_e9"), ("北京朝阳中心", "dealer_bj"), ("北京", "city_bj")])
            .filter { !($0.entityID == "city_bj" && $0.start == 15) }   // "北京" inside the dealer name
        let rs = extractor.patternRelations(chunk: chunk(text), mentions: ms)
        let triples = Set(rs.map { "\($0.subject) \($0.type) \($0.object)" })
        XCTAssertEqual(triples, ["model_e7 has_feature feature_pilot", "policy_ext applies_to model_e9",
                                 "dealer_bj located_in city_bj"])
        XCTAssertTrue(rs.allSatisfy { $0.method == "pattern" && $0.confidence == 0.85 })
    }

    func testEnglishPatternsRespectOrderAndSentence() {
        let text = "The battery is covered by the three-electric warranty. Lanto Pilot Pro requires Lanto Pilot. "
            + "The E7 comes with a wallbox. Wallbox. The E9 is great"
        let ms = testMentions(text, [("battery", "part_battery"), ("three-electric warranty", "policy_3e"),
                                     ("Lanto Pilot Pro", "feature_pro"), ("Lanto Pilot.", "feature_pilot"),
                                     ("E7", "model_e7"), ("wallbox", "part_wallbox"), ("E9", "model_e9")])
        let rs = extractor.patternRelations(chunk: chunk(text), mentions: ms)
        let triples = Set(rs.map { "\($0.subject) \($0.type) \($0.object)" })
        XCTAssertEqual(triples, ["part_battery covered_by policy_3e", "feature_pro requires feature_pilot",
                                 "model_e7 has_feature part_wallbox"])
    }

    func testPatternTableMatching() {
        XCTAssertEqual(RelationPatterns.match(between: " is equipped with the ")?.type, "has_feature")
        XCTAssertEqual(RelationPatterns.match(between: " is located in ")?.type, "located_in")
        XCTAssertNil(RelationPatterns.match(between: " is sold in many markets and often requires a ")) // too long
        XCTAssertNil(RelationPatterns.match(between: " prerequires "))
    }

    func testLexiconRelations() {
        let e = LexiconEntity(id: "model_e7", name: "E7", type: "model",
                              relations: [EntityRelationRef(type: "has_trim", target: "trim_e7_pro")])
        XCTAssertEqual(RelationExtractor.lexiconRelations([e]),
                       [ExtractedRelation(subject: "model_e7", type: "has_trim", object: "trim_e7_pro",
                                          confidence: 1.0, chunkID: "lexicon", method: "lexicon")])
    }
}
