import Graph
import XCTest

final class GraphSubgraphTests: XCTestCase {
    /// a → b → c → a (a cycle), c → d, d → e; a, c and e have facts; f is isolated.
    func graph() throws -> KnowledgeGraph {
        let ids = ["a", "b", "c", "d", "e", "f"]
        let link = { (s: String, t: String, o: String) in GraphDocument.Relation(subject: s, type: t, object: o, confidence: 0.8, method: "pattern", sources: ["c1"]) }
        let fact = { (s: String, a: String, v: String, c: Double) in
            GraphDocument.Relation(subject: s, type: "has_spec", value: v, attribute: a, confidence: c, method: "structure", sources: ["c2"])
        }
        return try KnowledgeGraph(document: GraphDocument(
            entities: ids.map { GraphDocument.Entity(id: $0, name: $0.uppercased(), type: "thing") },
            relations: [
                link("a", "includes", "b"), link("b", "requires", "c"), link("c", "related_to", "a"),
                link("c", "includes", "d"), link("d", "includes", "e"),
                fact("a", "range", "650 km", 0.9), fact("a", "price, pro rwd", "¥239,800", 0.9), fact("a", "price", "¥259,800", 0.8),
                fact("a", "prices", "varies", 1), fact("a", "续航里程", "650 km", 0.9), fact("e", "seats", "5", 0.9),
            ]))
    }

    func testHopsFollowEitherDirectionAndVisitCyclesOnce() throws {
        let g = try graph()
        let one = g.subgraph(around: ["a"], hops: 1)
        XCTAssertEqual(one.entities.map(\.id), ["a", "b", "c"], "b by an outgoing edge, c by an incoming one")
        XCTAssertEqual(one.distance, ["a": 0, "b": 1, "c": 1])
        XCTAssertEqual(one.edges.filter { $0.literalValue == nil }.map { "\($0.subject)>\($0.object)" }, ["a>b", "b>c", "c>a"])
        XCTAssertEqual(one.edges.filter { $0.literalValue != nil }.count, 5, "a's facts come along")

        let many = g.subgraph(around: ["a"], hops: 50)
        XCTAssertEqual(many.entities.map(\.id), ["a", "b", "c", "d", "e"])
        XCTAssertEqual(many.distance["e"], 3)
        XCTAssertTrue(many.edges.contains { $0.subject == "e" && $0.literalValue == "5" })
    }

    func testSeedsAloneAndUnknownSeeds() throws {
        let g = try graph()
        let zero = g.subgraph(around: ["a", "d", "ghost"], hops: 0)
        XCTAssertEqual(zero.entities.map(\.id), ["a", "d"])
        XCTAssertTrue(zero.edges.allSatisfy { $0.subject == "a" && $0.literalValue != nil }, "no edge links a and d directly")
        XCTAssertTrue(g.subgraph(around: ["ghost"], hops: 3).entities.isEmpty)
        XCTAssertEqual(g.subgraph(around: ["f"], hops: 2).entities.map(\.id), ["f"])
        XCTAssertEqual(g.subgraph(around: ["a"], hops: -1).entities.map(\.id), ["a"])
    }

    func testTypeFilterAndDocument() throws {
        let g = try graph()
        let sub = g.subgraph(around: ["c"], hops: 2, types: ["includes"])
        XCTAssertEqual(sub.entities.map(\.id), ["c", "d", "e"])
        let doc = sub.document
        XCTAssertEqual(doc.entities.map(\.id), ["c", "d", "e"])
        XCTAssertNoThrow(try KnowledgeGraph(document: doc))
    }

    func testFactsMatchTheAttributeOrItsQualifiedForms() throws {
        let g = try graph()
        XCTAssertEqual(g.facts(of: "a", matching: "Price").map(\.attribute), ["price", "price, pro rwd"], "exact first; not \"prices\"")
        XCTAssertEqual(g.facts(of: "a", matching: "Range (CLTC)").map(\.literalValue), ["650 km"])
        XCTAssertEqual(g.facts(of: "a", matching: "price, pro").map(\.attribute), ["price, pro rwd"])
        XCTAssertEqual(g.facts(of: "a", matching: "续航").map(\.attribute), ["续航里程"])
        XCTAssertEqual(g.facts(of: "a", matching: nil).count, 5)
        XCTAssertEqual(g.facts(of: "a", matching: nil).first?.attribute, "prices", "highest confidence first")
        XCTAssertTrue(g.facts(of: "a", matching: "weight").isEmpty)
        XCTAssertTrue(g.facts(of: "b", matching: "range").isEmpty)
        XCTAssertTrue(g.facts(of: "ghost", matching: "range").isEmpty)
    }
}
