import Foundation
import KnowledgeModel
import XCTest
@testable import Ingestion

/// JSON that holds no records of a known kind is read as a document; records in a pretty-printed
/// object or under a wrapper key are still records.
final class JSONDocumentTests: XCTestCase {
    private let guide = """
    {
      "title": "Returns guide",
      "Product Defect": {
        "description": "refunds and returns",
        "subflows": {
          "Initiate Refund": {
            "actions": [
              {"button": "Pull up Account", "text": "All chats in this flow start by asking the customer for their full name or account ID, which pulls up their account.", "subtext": []},
              {"button": "Validate Purchase", "text": "Confirm the purchase", "subtext": ["Username, when the customer remembers it", "Order ID, the last item"]}
            ]
          }
        },
        "refund_days": 30,
        "final_sale": false
      }
    }
    """

    func testAnObjectOfNoKnownKindIsReadAsSectionsRowsAndParagraphs() throws {
        let file = try parse("guidelines.json", guide)
        XCTAssertEqual(file.document.format, .json)
        XCTAssertEqual(file.document.title, "Returns guide")
        XCTAssertTrue(file.faqs.isEmpty)
        let texts = file.chunks.map(\.text).joined(separator: "\n")
        // The object's own values come before its sections, so they stay in its section.
        let defect = try XCTUnwrap(file.chunks.first { $0.sectionPath == ["Product Defect"] })
        XCTAssertTrue(defect.text.contains("description: refunds and returns"), defect.text)
        XCTAssertTrue(defect.text.contains("refund days: 30"), defect.text)
        XCTAssertTrue(defect.text.contains("final sale: false"), defect.text)
        let actions = try XCTUnwrap(file.chunks.first { $0.sectionPath.last == "actions" })
        XCTAssertEqual(actions.sectionPath, ["Product Defect", "subflows", "Initiate Refund", "actions"])
        XCTAssertTrue(texts.contains("All chats in this flow start by asking the customer"), texts)
        XCTAssertTrue(texts.contains("text: Confirm the purchase"), texts)
        XCTAssertTrue(texts.contains("Order ID, the last item"), texts)
        XCTAssertFalse(texts.contains("subtext:\n"), "an empty list is left out: \(texts)")
    }

    func testEachRecordOfAListIsASectionNamedByItsTitle() throws {
        let lines = #"{"title":"Charging at home","body":"Install a wall box and charge overnight at the off-peak rate."}"# + "\n"
            + #"{"title":"Winter range","body":"Precondition the battery from the app before you leave."}"# + "\n"
        for (name, text) in [("articles.jsonl", lines), ("articles.json", "[" + lines.split(separator: "\n").joined(separator: ",") + "]"),
                             ("articles", lines)] {
            let file = try parse(name, text)
            XCTAssertEqual(file.document.format, .json, name)
            XCTAssertEqual(file.chunks.map(\.sectionPath), [["Charging at home"], ["Winter range"]], name)
            XCTAssertTrue(file.chunks[1].text.contains("Precondition the battery"), name)
        }
    }

    /// A help-centre export keeps article bodies as HTML: their text is read, their tags are not.
    func testHTMLInsideAStringIsReadAsHTML() throws {
        let export = #"{"articles": [{"title": "Pairing a phone key", "body": "<h2>Steps</h2><p>Open the app and tap <strong>Digital key</strong>.</p><ul><li>Hold the phone near the B-pillar.</li></ul>"}]}"#
        let file = try parse("helpcentre.json", export)
        XCTAssertEqual(file.document.format, .json)
        let text = file.chunks.map(\.text).joined(separator: "\n")
        XCTAssertTrue(text.contains("Open the app and tap Digital key."), text)
        XCTAssertTrue(text.contains("Hold the phone near the B-pillar."), text)
        XCTAssertFalse(text.contains("<"), text)
        XCTAssertEqual(file.chunks.first?.sectionPath, ["articles", "Pairing a phone key"])
    }

    /// A list of flat records reads as a table: one line per record, its values together.
    func testAListOfFlatRecordsIsATable() throws {
        let line = #"{"text": "My E7 Max shows the tyre pressure light", "entities": [{"id": "trim_e7_max", "name": "E7 Max", "type": "trim"}, {"id": "warning_tpms", "name": "Tyre pressure light", "type": "warning_light", "count": 2}]}"#
        let file = try parse("annotations.jsonl", line + "\n" + line)
        let text = file.chunks.map(\.text).joined(separator: "\n")
        XCTAssertTrue(text.contains("id: trim_e7_max; name: E7 Max; type: trim"), text)
        XCTAssertTrue(text.contains("id: warning_tpms; name: Tyre pressure light; type: warning_light; count: 2"), text)
        XCTAssertFalse(file.chunks.contains { $0.sectionPath.contains("E7 Max") }, "no section per entity")
    }

    func testRecordsSpreadOverLinesOrUnderAWrapperKeyAreRecords() throws {
        let pretty = """
        {
          "question": "How long is the warranty?",
          "answer": "Four years or 120,000 km."
        }
        """
        let single = try parse("faq.json", pretty)
        XCTAssertEqual(single.document.format, .faqJSONL)
        XCTAssertEqual(single.faqs.map(\.question), ["How long is the warranty?"])
        let wrapped = """
        {"version": 2, "faqs": [
          {"question": "How long is the warranty?", "answer": "Four years."},
          {"question": "Where do I charge?", "answer": "At home or at a public station."}
        ]}
        """
        let file = try parse("export.json", wrapped)
        XCTAssertEqual(file.document.format, .faqJSONL)
        XCTAssertEqual(file.faqs.map(\.answer), ["Four years.", "At home or at a public station."])
        let oneLine = try parse("export.json", wrapped.split(separator: "\n").joined())
        XCTAssertEqual(oneLine.faqs.count, 2)
        let sentiment = try parse("reviews.json", #"{"data":[{"text":"great car","label":"positive"},{"text":"slow","label":"negative"}]}"#)
        XCTAssertEqual(sentiment.document.format, .sentimentJSONL)
        XCTAssertEqual(sentiment.sentimentExamples.count, 2)
        // The format given wins, and a wrapped list is still read.
        let given = try parse("upload", wrapped, format: .faqJSONL)
        XCTAssertEqual(given.faqs.count, 2)
    }

    func testBrokenOrWordlessJSONIsAClearError() {
        let broken = "{\n  \"a\": \"text\",\n  \"b\": [1,\n 2,,]\n}"
        let error = assertIngestionError(.malformed) { _ = try self.parse("broken.json", broken) }
        XCTAssertTrue(error?.message.contains("line 4") ?? false, error?.message ?? "")
        let wordless = assertIngestionError(.unknownFormat) { _ = try self.parse("numbers.json", #"{"a": 1, "b": [2, 3], "c": null}"#) }
        XCTAssertTrue(wordless?.message.contains("no text") ?? false, wordless?.message ?? "")
        assertIngestionError(.malformed) { _ = try self.parse("bad.jsonl", #"{"title":"a text"}"# + "\n{oops\n") }
        XCTAssertNil(Importer().detectFormat(name: "notes", data: Data(#"{"a": 1}"#.utf8)))
        XCTAssertEqual(Importer().formatOrPlainText(name: "notes", data: Data(#"{"a": 1}"#.utf8)), .text)
    }

    func testDeepNestingIsReadOrRefusedWithoutRecursingWithoutBound() throws {
        let depth = 200
        let deep = String(repeating: #"{"k":"#, count: depth) + #""words here""# + String(repeating: "}", count: depth)
        let error = assertIngestionError(.malformed) { _ = try self.parse("deep.json", deep) }
        XCTAssertTrue(error?.message.contains("deeper than 64") ?? false, error?.message ?? "")
        let fine = String(repeating: #"{"k":"#, count: 20) + #""words here""# + String(repeating: "}", count: 20)
        let file = try parse("nested.json", fine)
        XCTAssertTrue(file.chunks.contains { $0.text.contains("words here") })
    }

    /// A CSV whose header names no record kind is a table; one with a question or answer column
    /// is still a FAQ whose missing column is named.
    func testACSVOfNoKnownKindIsATable() throws {
        let file = try parse("specs/models.csv", "model,price_cny,range_km\nE7,259000,620\nE9,329000,\n")
        XCTAssertEqual(file.document.format, .csv)
        let text = file.chunks.map(\.text).joined(separator: "\n")
        XCTAssertTrue(text.contains("model: E7; price_cny: 259000; range_km: 620"), text)
        XCTAssertTrue(text.contains("model: E9; price_cny: 329000"), text)
        let tsv = try parse("glossary.tsv", "term\tmeaning\nOTA\tover-the-air software update\n")
        XCTAssertEqual(tsv.document.format, .csv)
        XCTAssertTrue(tsv.chunks.contains { $0.text.contains("OTA: over-the-air software update") })
        assertIngestionError(.missingColumn) { _ = try self.parse("faq.csv", "question,tags\nq,t\n") }
        assertIngestionError(.emptyFile) { _ = try self.parse("empty.csv", "model,price\n") }
    }

    /// A CSV of articles: each row is its own section under its title, a long text a paragraph
    /// the chunker can cut; a table of short cells keeps one line per row (the test above).
    func testACSVRowWithALongCellIsASection() throws {
        let body = String(repeating: "Pair the phone in the app, then hold it near the door handle. ", count: 4)
        let csv = "title,category,body\nPhone key,app,\"\(body)\"\nWinter range,battery,Precondition first.\n"
        let file = try parse("articles.csv", csv)
        XCTAssertEqual(file.document.format, .csv)
        let key = try XCTUnwrap(file.chunks.first { $0.sectionPath == ["Phone key"] })
        XCTAssertTrue(key.text.contains("category: app"), key.text)
        XCTAssertTrue(key.text.contains("Pair the phone in the app"), key.text)
        XCTAssertFalse(key.text.contains("body:"), key.text)
        let winter = try XCTUnwrap(file.chunks.first { $0.sectionPath == ["Winter range"] })
        XCTAssertTrue(winter.text.contains("category: battery; body: Precondition first."), winter.text)
    }

    /// A Chinese FAQ export's column names are the FAQ columns.
    func testChineseFAQColumnNamesAreRead() throws {
        let csv = "编号,标准问题,相似问题,答案,标签\nF1,保修期多长？,质保几年|保修多久,整车质保4年或12万公里。,warranty\n"
        let file = try parse("faqs/导出.csv", csv)
        XCTAssertEqual(file.document.format, .faqCSV)
        XCTAssertEqual(file.faqs.first?.id, "F1")
        XCTAssertEqual(file.faqs.first?.similar, ["质保几年", "保修多久"])
        XCTAssertEqual(file.faqs.first?.answer, "整车质保4年或12万公里。")
        XCTAssertEqual(file.faqs.first?.tags, ["warranty"])
        let intents = try parse("意图.csv", "文本,意图\n我想预约保养,book_maintenance\n")
        XCTAssertEqual(intents.intentExamples.map(\.label), ["book_maintenance"])
    }
}
