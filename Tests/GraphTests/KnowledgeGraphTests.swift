import Graph
import KnowledgeModel
import XCTest

final class KnowledgeGraphTests: XCTestCase {
    let lexicon = [
        LexiconEntity(id: "model_e7", name: "E7", type: "model", aliases: ["澜途E7"], relations: [EntityRelationRef(type: "has_trim", target: "trim_e7_max")]),
        LexiconEntity(id: "trim_e7_max", name: "E7 Max", type: "trim", aliases: [], relations: []),
        LexiconEntity(id: "feature_ota", name: "OTA", type: "feature", aliases: ["远程升级"], relations: []),
        LexiconEntity(id: "city_sh", name: "Shanghai", type: "city", aliases: ["上海"], relations: []),
        LexiconEntity(id: "dealer_pd", name: "Pudong Centre", type: "dealer", aliases: [], relations: []),
    ]

    func chunk(_ id: String, title: String, section: [String] = [], _ text: String) -> Chunk {
        Chunk(id: id, documentID: "d-\(id)", ordinal: 0, title: title, sectionPath: section, text: text)
    }

    func graph() -> KnowledgeGraph {
        let chunks = [
            chunk("c1", title: "E7 Spec Sheet", "Range (CLTC): 650 km\nSeats: 5"),
            chunk("c2", title: "Dealer network", "Pudong Centre is located in Shanghai. Pudong Centre services the E7."),
            chunk("c3", title: "Dealer network", "The E7 is equipped with OTA. Pudong Centre is located in Shanghai."),
        ]
        return KnowledgeGraph.build(lexicon: lexicon, chunks: chunks, matcher: EntityMatcher(entities: lexicon))
    }

    func testFactsKeepTheirSourcesAndRepeatedFactsMerge() throws {
        let g = graph()
        let range = try XCTUnwrap(g.facts(of: "model_e7", attribute: "range").first)
        XCTAssertEqual(range.literalValue, "650 km")
        XCTAssertEqual(range.sources, ["c1"])
        let located = try XCTUnwrap(g.relations(of: "dealer_pd").first { $0.type == "located_in" })
        XCTAssertEqual(located.object, "city_sh")
        XCTAssertEqual(located.sources, ["c2", "c3"], "one edge, two supporting chunks")
        XCTAssertTrue(g.relations(of: "model_e7").contains { $0.type == "has_trim" && $0.sources == ["lexicon"] })
    }

    func testLookupNeighboursAndPaths() throws {
        let g = graph()
        XCTAssertEqual(g.lookup("澜途e7").first?.id, "model_e7")
        XCTAssertEqual(g.lookup("e7").map(\.id).prefix(2), ["model_e7", "trim_e7_max"])
        XCTAssertTrue(g.lookup("").isEmpty)
        let near = g.neighbors(of: "model_e7", hops: 1).map(\.entity.id)
        XCTAssertTrue(near.contains("feature_ota") && near.contains("trim_e7_max"))
        let two = g.neighbors(of: "trim_e7_max", hops: 2).map(\.entity.id)
        XCTAssertTrue(two.contains("feature_ota"))
        let path = try XCTUnwrap(g.path(from: "trim_e7_max", to: "feature_ota"))
        XCTAssertEqual(path.map(\.type), ["has_trim", "has_feature"])
        XCTAssertNil(g.path(from: "model_e7", to: "nope"))
        XCTAssertEqual(g.path(from: "city_sh", to: "city_sh")?.count, 0)
    }
}
