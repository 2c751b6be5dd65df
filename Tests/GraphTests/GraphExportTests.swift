import Foundation
import Graph
import KnowledgeModel
import XCTest

final class GraphExportTests: XCTestCase {
    /// Strings that break naive writers: Chinese, quotes, commas, semicolons, line breaks,
    /// markup characters, tabs, backslashes, surrounding spaces, a control character.
    static let awkward = [
        "澜途E7 \"Max\", 四驱; <AWD> & more",
        "line one\nline two\r\nline three\rend",
        "\ttabbed, 'quoted' \\ back\\;slash ",
        "semi;colon;;",
        "]]> <![CDATA[ x ]]> &amp; &#10;",
        "bell\u{7}char",
    ]

    func awkwardDocument() -> GraphDocument {
        let a = Self.awkward
        let entities = [
            GraphDocument.Entity(id: "model_e7", name: a[0], type: "model", aliases: [a[1], a[2], a[3]]),
            GraphDocument.Entity(id: "id with, comma;\"", name: a[4], type: "类型", aliases: []),
            GraphDocument.Entity(id: "feature_ota", name: "OTA", type: "feature", aliases: ["远程升级"]),
            GraphDocument.Entity(id: "weird", name: a[5], type: "", aliases: ["x"]),
        ]
        let relations = [
            GraphDocument.Relation(subject: "model_e7", type: "has_spec", value: "650 km", attribute: "range",
                                   confidence: 0.9, method: "structure", sources: ["c1", "c;2", "c,3"]),
            GraphDocument.Relation(subject: "model_e7", type: "has_spec", value: a[1], attribute: "price, pro rwd",
                                   confidence: 0.123456789, method: "structure", sources: ["c\n4"]),
            GraphDocument.Relation(subject: "model_e7", type: "has_spec", value: "", attribute: a[2],
                                   confidence: 1, method: "edit", sources: ["edit"]),
            GraphDocument.Relation(subject: "model_e7", type: "has_feature", object: "feature_ota",
                                   confidence: 0.85, method: "pattern", sources: []),
            GraphDocument.Relation(subject: "id with, comma;\"", type: "related_to", object: "model_e7",
                                   confidence: 1e-5, method: "cooccurrence", sources: ["a\\b"]),
            GraphDocument.Relation(subject: "feature_ota", type: "has_spec", value: a[0],
                                   confidence: 0.5, method: "structure", sources: ["c1"]),
        ]
        return GraphDocument(entities: entities, relations: relations)
    }

    func builtGraph() -> KnowledgeGraph {
        let lexicon = [
            LexiconEntity(id: "model_e7", name: "E7", type: "model", aliases: ["澜途E7"], relations: [EntityRelationRef(type: "has_trim", target: "trim_e7_max")]),
            LexiconEntity(id: "trim_e7_max", name: "E7 Max", type: "trim"),
            LexiconEntity(id: "feature_ota", name: "OTA", type: "feature", aliases: ["远程升级"]),
            LexiconEntity(id: "city_sh", name: "Shanghai", type: "city", aliases: ["上海"]),
            LexiconEntity(id: "dealer_pd", name: "Pudong Centre", type: "dealer"),
        ]
        let chunks = [
            Chunk(id: "c1", documentID: "d1", ordinal: 0, title: "E7 Spec Sheet", sectionPath: [], text: "Range (CLTC): 650 km\nSeats: 5\nPrice: ¥259,800; Pro RWD: ¥239,800"),
            Chunk(id: "c2", documentID: "d2", ordinal: 0, title: "Dealer network", sectionPath: [], text: "Pudong Centre is located in Shanghai. Pudong Centre services the E7."),
            Chunk(id: "c3", documentID: "d2", ordinal: 1, title: "Dealer network", sectionPath: [], text: "The E7 is equipped with OTA. Pudong Centre is located in Shanghai."),
            Chunk(id: "c4", documentID: "d3", ordinal: 0, title: "澜途E7 参数", sectionPath: [], text: "续航里程：650 km\n座位数：5"),
        ]
        return KnowledgeGraph.build(lexicon: lexicon, chunks: chunks, matcher: EntityMatcher(entities: lexicon))
    }

    // MARK: round trips

    func testJSONRoundTrip() throws {
        let doc = awkwardDocument().sorted()
        let data = try GraphJSON.encode(doc)
        XCTAssertEqual(try GraphJSON.decode(data), doc)
        XCTAssertEqual(try GraphJSON.encode(try GraphJSON.decode(data)), data)
        let text = String(decoding: data, as: UTF8.self)
        XCTAssertTrue(text.contains("\"confidence\" : 0.9,"), text)
        XCTAssertFalse(text.contains("\"object\" : null"), "absent optionals are left out")
    }

    func testGraphMLRoundTrip() throws {
        let doc = awkwardDocument().sorted()
        let text = GraphML.write(doc)
        XCTAssertEqual(try GraphML.read(text), doc)
        XCTAssertEqual(GraphML.write(try GraphML.read(text)), text)
        XCTAssertTrue(text.contains("<node id=\"value:650 km\"><data key=\"n_kind\">value</data>"), text)
        XCTAssertTrue(text.contains("attr.name=\"aliases\""))
        XCTAssertEqual(text.components(separatedBy: "<node id=\"value:").count - 1, 4, "one node per distinct value")
    }

    func testNeo4jCSVRoundTrip() throws {
        let doc = awkwardDocument().sorted()
        let files = Neo4jCSV.write(doc)
        XCTAssertEqual(try Neo4jCSV.read(files), doc)
        XCTAssertEqual(Neo4jCSV.write(try Neo4jCSV.read(files)), files)
        XCTAssertTrue(files.nodes.hasPrefix("id:ID,name,type,aliases:string[],:LABEL\n"))
        XCTAssertTrue(files.relationships.hasPrefix(":START_ID,:END_ID,:TYPE,attribute,confidence:float,method,sources:string[]\n"))
        XCTAssertTrue(files.nodes.contains("feature_ota,OTA,feature,远程升级,Entity\n"), files.nodes)
        XCTAssertTrue(files.nodes.contains("\"value:650 km\",650 km,,,Value\n") || files.nodes.contains("value:650 km,650 km,,,Value\n"), files.nodes)
        XCTAssertTrue(files.relationships.contains("model_e7,value:650 km,has_spec,range,0.9,structure,\"c1;c\\;2;c,3\"\n"), files.relationships)
    }

    func testUnsortedDocumentsComeBackInCanonicalOrder() throws {
        var doc = awkwardDocument()
        doc.entities.reverse()
        doc.relations.reverse()
        XCTAssertNotEqual(doc, doc.sorted())
        XCTAssertEqual(try GraphJSON.decode(try GraphJSON.encode(doc)), doc.sorted())
        XCTAssertEqual(try GraphML.read(GraphML.write(doc)), doc.sorted())
        XCTAssertEqual(try Neo4jCSV.read(Neo4jCSV.write(doc)), doc.sorted())
    }

    func testBuiltGraphExportImportExportIsIdentical() throws {
        let graph = builtGraph()
        let doc = graph.exportDocument()
        XCTAssertGreaterThan(doc.relations.count, 5)
        XCTAssertTrue(doc.relations.contains { $0.value == "650 km" && $0.attribute == "range" && $0.object == nil })

        let json = try GraphJSON.encode(doc)
        XCTAssertEqual(try GraphJSON.encode(KnowledgeGraph(document: GraphJSON.decode(json)).exportDocument()), json)
        let xml = GraphML.write(doc)
        XCTAssertEqual(GraphML.write(try KnowledgeGraph(document: GraphML.read(xml)).exportDocument()), xml)
        let csv = Neo4jCSV.write(doc)
        XCTAssertEqual(Neo4jCSV.write(try KnowledgeGraph(document: Neo4jCSV.read(csv)).exportDocument()), csv)

        // The imported graph answers queries like the original.
        let imported = try KnowledgeGraph(document: GraphML.read(xml))
        XCTAssertEqual(imported.facts(of: "model_e7", attribute: "range"), graph.facts(of: "model_e7", attribute: "range"))
        XCTAssertEqual(imported.path(from: "dealer_pd", to: "city_sh")?.count, 1)
        XCTAssertEqual(Set(imported.relations(of: "model_e7")), Set(graph.relations(of: "model_e7")))
    }

    // MARK: bad input

    func assertFormatError(_ format: GraphFormatError.Format, _ fragment: String, file: StaticString = #filePath, line: UInt = #line,
                           _ body: () throws -> Any) {
        XCTAssertThrowsError(try body(), file: file, line: line) { error in
            guard let e = error as? GraphFormatError else { return XCTFail("not a GraphFormatError: \(error)", file: file, line: line) }
            XCTAssertEqual(e.format, format, "\(e)", file: file, line: line)
            XCTAssertTrue(fragment.isEmpty || e.description.contains(fragment), "\(e)", file: file, line: line)
        }
    }

    func testMalformedGraphMLIsRejectedWithAClearError() {
        let good = GraphML.write(awkwardDocument())
        for cut in stride(from: 0, to: good.count - 1, by: 23) {
            assertFormatError(.graphml, "") { try GraphML.read(String(good.prefix(cut))) }
        }
        assertFormatError(.graphml, "truncated") { try GraphML.read(String(good.prefix(good.count / 2))) }
        assertFormatError(.graphml, "not GraphML") { try GraphML.read("<html><body>hi</body></html>") }
        assertFormatError(.graphml, "empty input") { try GraphML.read("") }
        assertFormatError(.graphml, "not XML") { try GraphML.read("id,name\n1,2") }
        assertFormatError(.graphml, "does not match") { try GraphML.read("<graphml><graph></graphml></graph>") }
        assertFormatError(.graphml, "no <graph>") { try GraphML.read("<graphml></graphml>") }
        assertFormatError(.graphml, "unknown entity &nbsp;") { try GraphML.read("<graphml><graph><node id=\"a&nbsp;\"/></graph></graphml>") }
        assertFormatError(.graphml, "unknown node \"ghost\"") {
            try GraphML.read("<graphml><graph><node id=\"a\"/><edge source=\"a\" target=\"ghost\"/></graph></graphml>")
        }
        assertFormatError(.graphml, "line 3") {
            try GraphML.read("<graphml>\n<graph>\n<node id=\"a\"/><edge source=\"a\" target=\"ghost\"/></graph></graphml>")
        }
        assertFormatError(.graphml, "not a number") {
            try GraphML.read("<graphml><key id=\"c\" for=\"edge\" attr.name=\"confidence\"/><graph><node id=\"a\"/><edge source=\"a\" target=\"a\"><data key=\"c\">high</data></edge></graph></graphml>")
        }
        assertFormatError(.graphml, "nested deeper") { try GraphML.read(String(repeating: "<a>", count: 5000)) }
    }

    func testGraphMLReaderIsTolerant() throws {
        let text = """
        \u{FEFF}<?xml version="1.0" encoding="UTF-8"?>
        <!DOCTYPE graphml [ <!ELEMENT graphml ANY> ]>
        <!-- written by another tool -->
        <g:graphml xmlns:g="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
          <g:key id="k0" for="node" attr.name="name" attr.type="string"/>
          <g:key id="k1" for="node" attr.name="type" attr.type="string"><g:default>feature</g:default></g:key>
          <g:key id="k2" for="edge" attr.name="type" attr.type="string"/>
          <g:key id="k3" for="node" attr.name="color" attr.type="string"/>
          <g:graph id="G" edgedefault='directed'>
            <g:node id="a"><g:data key="k0"><![CDATA[A & <b>]]> &#x6F84;&#28034;</g:data><g:data key="k3">red</g:data></g:node>
            <g:node id="b" />
            <?processing instruction?>
            <g:edge source="a" target="b"><g:data key="k2">related_to</g:data></g:edge>
            <g:edge source="b" target="a"/>
          </g:graph>
        </g:graphml>
        """
        let doc = try GraphML.read(text)
        XCTAssertEqual(doc.entities, [GraphDocument.Entity(id: "a", name: "A & <b> 澄涂", type: "feature"),
                                      GraphDocument.Entity(id: "b", name: "b", type: "feature")])
        XCTAssertEqual(doc.relations.map { [$0.subject, $0.type, $0.object ?? "-", $0.method] },
                       [["a", "related_to", "b", "import"], ["b", "related_to", "a", "import"]])
        XCTAssertEqual(doc.relations.first?.confidence, 1)
    }

    func testMalformedNeo4jCSVIsRejectedWithAClearError() {
        let good = Neo4jCSV.write(awkwardDocument())
        assertFormatError(.neo4jCSV, "header lacks id:ID") {
            try Neo4jCSV.read(.init(nodes: "id,name,type\n", relationships: good.relationships))
        }
        assertFormatError(.neo4jCSV, "header lacks :START_ID") {
            try Neo4jCSV.read(.init(nodes: good.nodes, relationships: "start,end\na,b\n"))
        }
        assertFormatError(.neo4jCSV, "file is empty") { try Neo4jCSV.read(.init(nodes: "", relationships: "")) }
        assertFormatError(.neo4jCSV, "unknown node \"ghost\"") {
            try Neo4jCSV.read(.init(nodes: good.nodes, relationships: good.relationships + "model_e7,ghost,related_to,,1.0,x,\n"))
        }
        assertFormatError(.neo4jCSV, "not closed") {
            try Neo4jCSV.read(.init(nodes: good.nodes, relationships: good.relationships + "model_e7,\"feature_ota,x\n"))
        }
        assertFormatError(.neo4jCSV, "not a number") {
            try Neo4jCSV.read(.init(nodes: good.nodes, relationships: good.relationships + "model_e7,feature_ota,x,,lots,x,\n"))
        }
        assertFormatError(.neo4jCSV, "has 2 fields") {
            try Neo4jCSV.read(.init(nodes: good.nodes + "a,b\n", relationships: good.relationships))
        }
        assertFormatError(.neo4jCSV, "after the closing quote") {
            try Neo4jCSV.read(.init(nodes: good.nodes + "\"a\"b,n,t,,Entity\n", relationships: good.relationships))
        }
        let json = String(decoding: (try? GraphJSON.encode(awkwardDocument())) ?? Data(), as: UTF8.self)
        for cut in stride(from: 0, to: json.count - 1, by: 29) {
            XCTAssertThrowsError(try GraphJSON.decode(Data(json.prefix(cut).utf8)))
        }
        // A truncated relationships file fails on the open quote or the short record, never traps.
        for cut in stride(from: 1, to: good.relationships.count, by: 7) {
            _ = try? Neo4jCSV.read(.init(nodes: good.nodes, relationships: String(good.relationships.prefix(cut))))
        }
    }

    func testNeo4jCSVReadsCRLFAndReorderedColumns() throws {
        let nodes = "name,:LABEL,id:ID,type,aliases:string[],extra\r\nE7,Entity,model_e7,model,澜途E7;Lanto E7,x\r\n650 km,Value,value:650 km,,,\r\n"
        let rels = ":START_ID,:END_ID,:TYPE,attribute,confidence:float,method,sources:string[]\r\nmodel_e7,value:650 km,has_spec,range,0.9,structure,c1\r\n"
        let doc = try Neo4jCSV.read(.init(nodes: nodes, relationships: rels))
        XCTAssertEqual(doc.entities, [GraphDocument.Entity(id: "model_e7", name: "E7", type: "model", aliases: ["澜途E7", "Lanto E7"])])
        XCTAssertEqual(doc.relations, [GraphDocument.Relation(subject: "model_e7", type: "has_spec", value: "650 km", attribute: "range",
                                                              confidence: 0.9, method: "structure", sources: ["c1"])])
    }

    func testMalformedJSONAndInvalidDocumentsAreRejected() {
        assertFormatError(.json, "not a graph JSON document") { try GraphJSON.decode(Data("{oops".utf8)) }
        assertFormatError(.json, "missing key \"name\"") {
            try GraphJSON.decode(Data(#"{"entities":[{"id":"a","type":"t"}],"relations":[]}"#.utf8))
        }
        assertFormatError(.document, "unknown object \"ghost\"") {
            try GraphJSON.decode(Data(#"{"entities":[{"id":"a","name":"A","type":"t"}],"relations":[{"subject":"a","type":"r","object":"ghost"}]}"#.utf8))
        }
        assertFormatError(.document, "both an object and a value") {
            try KnowledgeGraph(document: GraphDocument(entities: [.init(id: "a", name: "A", type: "t")],
                                                       relations: [.init(subject: "a", type: "r", object: "a", value: "1")]))
        }
        assertFormatError(.document, "appears twice") {
            try KnowledgeGraph(document: GraphDocument(entities: [.init(id: "a", name: "A", type: "t"), .init(id: "a", name: "B", type: "t")]))
        }
        assertFormatError(.document, "marks literal values") {
            try KnowledgeGraph(document: GraphDocument(entities: [.init(id: "value:x", name: "A", type: "t")]))
        }
        assertFormatError(.document, "empty alias") {
            try KnowledgeGraph(document: GraphDocument(entities: [.init(id: "a", name: "A", type: "t", aliases: [""])]))
        }
        // Missing optional fields take their defaults.
        let doc = try? GraphJSON.decode(Data(#"{"entities":[{"id":"a","name":"A","type":"t"}],"relations":[{"subject":"a","type":"has_spec","value":"5"}]}"#.utf8))
        XCTAssertEqual(doc?.relations.first?.confidence, 1)
        XCTAssertEqual(doc?.relations.first?.method, "import")
    }
}
