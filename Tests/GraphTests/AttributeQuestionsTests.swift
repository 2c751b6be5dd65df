import XCTest
import KnowledgeModel
@testable import Graph

/// The attribute resolver on a small graph built from literal chunks (an English and a Chinese
/// spec sheet of one model with two trims).
final class AttributeQuestionsTests: XCTestCase {
    static let lexicon: [LexiconEntity] = [
        LexiconEntity(id: "model_e7", name: "E7", type: "model", aliases: ["澜途E7", "Lanto E7"],
                      relations: [EntityRelationRef(type: "has_trim", target: "trim_e7_max"),
                                  EntityRelationRef(type: "has_trim", target: "trim_e7_performance")]),
        LexiconEntity(id: "trim_e7_max", name: "E7 Max", type: "trim", aliases: ["E7 Max RWD", "E7 Max后驱版"], relations: []),
        LexiconEntity(id: "trim_e7_performance", name: "E7 Performance", type: "trim",
                      aliases: ["E7 Performance AWD", "E7四驱性能版"], relations: []),
        LexiconEntity(id: "model_e9", name: "E9", type: "model", aliases: ["澜途E9"], relations: []),
        LexiconEntity(id: "model_l5", name: "L5", type: "model", aliases: [], relations: []),
        LexiconEntity(id: "service_major", name: "major service", type: "service", aliases: ["大保养"], relations: []),
    ]

    static let chunks: [Chunk] = [
        Chunk(id: "en#1", documentID: "en", ordinal: 1, title: "Lanto E7 Specifications", sectionPath: ["Key figures"],
              text: """
              Range (CLTC), Pro RWD and Max RWD: 650 km
              Range (CLTC), Performance AWD: 610 km
              Wheelbase: 3000 mm
              Starting price: ¥259,800
              """),
        Chunk(id: "en#2", documentID: "en", ordinal: 2, title: "Lanto E7 Specifications", sectionPath: ["Trims and prices"],
              text: """
              Trim: Max RWD; Price: ¥289,800
              Trim: Performance AWD; Price: ¥329,800
              """),
        Chunk(id: "zh#1", documentID: "zh", ordinal: 1, title: "澜途E7 参数配置表", sectionPath: ["核心参数"],
              text: """
              续航里程（CLTC），Pro/Max后驱版：650 km
              续航里程（CLTC），Performance四驱版：610 km
              起售价：¥259,800
              """),
        Chunk(id: "l5#1", documentID: "l5", ordinal: 1, title: "Lanto L5 Specifications", sectionPath: ["Key figures"],
              text: "Starting price: ¥159,800\nFuel tank: 60 L"),
    ]

    static let graph = KnowledgeGraph.build(lexicon: lexicon, chunks: chunks, matcher: EntityMatcher(entities: lexicon))
    let matcher = EntityMatcher(entities: AttributeQuestionsTests.lexicon)
    let resolver = AttributeQuestionResolver(graph: AttributeQuestionsTests.graph)

    func ask(_ q: String, context: [String] = []) -> AttributeAnswer? {
        resolver.answer(question: q, matcher: matcher, contextEntityIDs: context)
    }

    func testEnglishQuestionFindsTheSpecWithItsSource() throws {
        let a = try XCTUnwrap(ask("What's the CLTC range of the E7?"))
        XCTAssertEqual(a.entityID, "model_e7")
        XCTAssertEqual(a.entityName, "E7")
        XCTAssertEqual(a.value, "650 km")
        XCTAssertEqual(a.attribute, "range, pro rwd and max rwd")
        XCTAssertEqual(a.sources, ["en#1"])
        XCTAssertGreaterThan(a.confidence, 0.5)
        XCTAssertEqual(a.alternatives.first?.value, "610 km")
        XCTAssertEqual(ask("how far can the E7 go on a charge")?.value, "650 km")
    }

    func testChineseQuestionPrefersTheChineseSheet() throws {
        let a = try XCTUnwrap(ask("E7的续航是多少？"))
        XCTAssertEqual(a.value, "650 km")
        XCTAssertEqual(a.sources, ["zh#1"])
        XCTAssertEqual(ask("澜途E7多少钱")?.sources, ["zh#1"])
    }

    func testTrimIsAQualifierOfItsModelsFacts() throws {
        let range = try XCTUnwrap(ask("how far does the E7 Performance AWD go on a full charge"))
        XCTAssertEqual(range.entityID, "model_e7")
        XCTAssertEqual(range.attribute, "range, performance awd")
        XCTAssertEqual(range.value, "610 km")
        XCTAssertEqual(ask("How much does the E7 Max RWD cost?")?.value, "¥289,800")
        XCTAssertEqual(ask("E7四驱性能版续航多少")?.value, "610 km")
        // Without a trim, the unqualified key wins over variants nobody asked for.
        XCTAssertEqual(ask("what's the price of the E7")?.value, "¥259,800")
    }

    func testNonAttributeQuestionsGetNoAnswer() {
        XCTAssertNil(ask("My E7 makes a strange noise when braking"))
        XCTAssertNil(ask("Does the E7 have a long range?"), "yes/no question")
        XCTAssertNil(ask("E7的续航够用吗"), "yes/no question")
        XCTAssertNil(ask("What's the range of the E9?"), "no facts about the E9")
        XCTAssertNil(ask("how much is the range?"), "no entity and no context")
        XCTAssertNil(ask("L5大保养多少钱"), "about the service, not the car's price")
    }

    func testUnknownAttributeGetsNoAnswer() {
        XCTAssertNil(ask("What's the towing capacity of the E7?"))
        XCTAssertNil(ask("What colour is the E7?"))
        XCTAssertNil(ask("E7的风阻系数是多少"))
    }

    func testContextEntityIsCarriedForward() throws {
        let a = try XCTUnwrap(ask("how much does it cost?", context: ["model_e7"]))
        XCTAssertEqual(a.entityID, "model_e7")
        XCTAssertEqual(a.value, "¥259,800")
        // A question that names an entity with facts ignores the context.
        XCTAssertEqual(ask("how much does the L5 cost?", context: ["model_e7"])?.value, "¥159,800")
        // A context entity standing for a trim keeps its qualifier.
        XCTAssertEqual(ask("and how far does it go?", context: ["trim_e7_performance"])?.value, "610 km")
        // "续航呢？" asks for the value of the attribute it names, like 多少.
        XCTAssertEqual(ask("续航呢？", context: ["model_e7"])?.value, "650 km")
        XCTAssertNil(ask("续航呢，够用吗？", context: ["model_e7"]), "still a yes/no question")
        XCTAssertEqual(ask("and the range?", context: ["model_e7"])?.value, "650 km")
        XCTAssertEqual(ask("how about the price?", context: ["model_e7"])?.value, "¥259,800")
        XCTAssertNil(ask("how much does it cost?", context: ["model_e9"]))
    }

    func testAQuestionThatAsksForAConceptReadsOnlyTheFactsThatCanFit() throws {
        // "range" is asked for: only facts whose key holds the concept (or names an entity) are scored.
        let asked = resolver.askedConcepts(AttributeText.fold("What's the range of the E7?"))
        let first = try XCTUnwrap(asked.first)
        let facts = resolver.facts(of: "model_e7")
        let read = try XCTUnwrap(AttributeQuestionResolver.positions(asking: asked, of: "model_e7", in: resolver.prepared))
        XCTAssertEqual(read, read.sorted(), "in fact order, so ties break as before")
        XCTAssertFalse(read.isEmpty)
        XCTAssertLessThan(read.count, facts.count)
        for (i, fact) in facts.enumerated() {
            let canFit = fact.key?.concepts.contains(first) == true || fact.namedEntity != nil
            XCTAssertEqual(read.contains(i), canFit, "\(fact.edge.attribute ?? "")")
        }
        XCTAssertNil(AttributeQuestionResolver.positions(asking: [], of: "model_e7", in: resolver.prepared),
                     "nothing asked for: every fact is read")
        XCTAssertEqual(ask("What's the range of the E7?")?.value, "650 km")
    }

    func testLinkedIDsCanBeGivenDirectly() {
        let a = resolver.answer(question: "wheelbase?", linkedEntityIDs: ["model_e7"])
        XCTAssertNil(a, "no wording that asks for a value")
        XCTAssertEqual(resolver.answer(question: "what is the wheelbase", linkedEntityIDs: ["model_e7"])?.value, "3000 mm")
    }

    func testAKeyThatNamesAnEntityCarriesThatEntity() throws {
        // A tyre-pressure table keyed by model ("L3: 2.3 bar") gives the document's subject, the
        // tyres, facts whose keys are the models' names.
        let lexicon = [
            LexiconEntity(id: "part_tyres", name: "Tyres", type: "part", aliases: ["tyre"], relations: []),
            LexiconEntity(id: "model_l3", name: "L3", type: "model", aliases: [], relations: []),
        ]
        let chunks = [Chunk(id: "t#1", documentID: "t", ordinal: 1, title: "Tyres: recommended pressures", sectionPath: ["Pressures"],
                            text: "L3: 2.3 bar\nL5: 2.4 bar")]
        let graph = KnowledgeGraph.build(lexicon: lexicon, chunks: chunks, matcher: EntityMatcher(entities: lexicon))
        let resolver = AttributeQuestionResolver(graph: graph)
        let matcher = EntityMatcher(entities: lexicon)
        let a = try XCTUnwrap(resolver.answer(question: "What pressure should the tyres of my L3 have?", matcher: matcher))
        XCTAssertEqual([a.entityID, a.attribute, a.value], ["part_tyres", "l3", "2.3 bar"])
        XCTAssertEqual(a.keyEntityID, "model_l3")
        XCTAssertNil(try XCTUnwrap(ask("What's the CLTC range of the E7?")).keyEntityID, "a key that names no entity")
    }

    func testATableHeaderNamesTheFactsOfItsRowEntitiesInEachLanguage() throws {
        // Delivery-time tables keyed by model, in English and Chinese, under a document about no
        // entity: each model gets the header's attribute, and each language's question its own
        // sheet, though the Chinese key's extra characters ("锁单后") were unscored before.
        let lexicon = [
            LexiconEntity(id: "model_e9", name: "E9", type: "model", aliases: [], relations: []),
            LexiconEntity(id: "model_l3", name: "L3", type: "model", aliases: [], relations: []),
        ]
        let chunks = [
            Chunk(id: "en#1", documentID: "en", ordinal: 1, title: "Ordering and delivery", sectionPath: ["Delivery times"],
                  text: "Model | Delivery time after locking\nL3: 4–8 weeks\nE9: 8–12 weeks"),
            Chunk(id: "zh#1", documentID: "zh", ordinal: 1, title: "订购与交付", sectionPath: ["交付周期"],
                  text: "车型 | 锁单后交付周期\nL3: 4–8周\nE9: 8–12周"),
        ]
        let graph = KnowledgeGraph.build(lexicon: lexicon, chunks: chunks, matcher: EntityMatcher(entities: lexicon))
        let resolver = AttributeQuestionResolver(graph: graph)
        let matcher = EntityMatcher(entities: lexicon)
        let en = try XCTUnwrap(resolver.answer(question: "What is the delivery time for the E9?", matcher: matcher))
        XCTAssertEqual([en.entityID, en.attribute, en.value], ["model_e9", "delivery time after locking", "8–12 weeks"])
        XCTAssertEqual(en.sources, ["en#1"])
        let zh = try XCTUnwrap(resolver.answer(question: "E9的交付周期多久", matcher: matcher))
        XCTAssertEqual([zh.entityID, zh.attribute, zh.value], ["model_e9", "锁单后交付周期", "8–12周"])
    }

    func testEvaluationHelpers() {
        XCTAssertEqual(AttributeEval.normalizeValue("650 km"), AttributeEval.normalizeValue("650km"))
        XCTAssertEqual(AttributeEval.normalizeValue("８５ ｋＷｈ"), AttributeEval.normalizeValue("85 kWh"))
        XCTAssertTrue(AttributeEval.leadingMatch("230 kW (313 hp)", "230 kW"))
        XCTAssertFalse(AttributeEval.leadingMatch("2300 kW", "230"))
        XCTAssertEqual(AttributeEval.leadingFigure("8年或16万公里，容量不低于70%"), "8年或16万公里")
        let q = AttributeEval.Question(question: "What's the CLTC range of the E7?", subject: "E7", attribute: "range",
                                       expectedValue: "650km", source: "docs/en/e7-specs.md")
        let s = AttributeEval.score(questions: [q], documentOfChunk: { $0.hasPrefix("en#") ? "docs/en/e7-specs.md" : nil }) {
            self.ask($0)
        }
        XCTAssertEqual([s.total, s.answered, s.correctValue, s.correctValueAndSource], [1, 1, 1, 1])
        let f = AttributeEval.falseAnswers(questions: [("E7 range?", "It is rated at 650 km."),
                                                       ("What's the wheelbase of the E7?", "About 3 m.")]) { self.ask($0) }
        XCTAssertEqual([f.answered, f.inconsistent], [1, 1])
    }

    func testRelationEvalCountsPrecisionAndRecall() {
        let facts = [
            RelationEval.Fact(subject: "E7", relation: "has_spec", attribute: "range", value: "650 km", source: "en"),
            RelationEval.Fact(subject: "E7 Performance AWD", relation: "has_spec", attribute: "range", value: "610 km", source: "en"),
            RelationEval.Fact(subject: "E7 Max RWD", relation: "has_spec", attribute: "price", value: "¥299,999", source: "en"),
            RelationEval.Fact(subject: "E7", relation: "has_spec", attribute: "seats", value: "5", source: "en"),
        ]
        let docs = ["en#1": "en", "en#2": "en", "zh#1": "zh", "l5#1": "l5"]
        let s = RelationEval.score(graph: Self.graph, facts: facts, documentOfChunk: { docs[$0] })
        XCTAssertEqual(s.facts, 4)
        XCTAssertEqual(s.foundByExtraction, 2)
        // Judged: both ranges (right) and the Max RWD price (wrong value). Not judged: the
        // wheelbase and the starting price (no annotated E7 attribute), the Performance price
        // (no annotated fact for that trim's price) and the Chinese sheet (not annotated).
        XCTAssertEqual(s.judged, 3)
        XCTAssertEqual(s.correct, 2)
        XCTAssertEqual(s.precision, 2.0 / 3.0, accuracy: 1e-9)
    }
}
