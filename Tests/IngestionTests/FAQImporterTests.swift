import Foundation
import KnowledgeModel
import XCTest
@testable import Ingestion

final class FAQImporterTests: XCTestCase {
    func testFAQCSV() throws {
        let csv = "\u{FEFF}Question, Similar Questions ,ANSWER,tags\r\n"
            + "How long is the warranty?,\"Warranty length?|How many years, roughly?\",\"4 years or 120,000 km.\",warranty|basic\r\n"
            + "\"Where is the \"\"reset\"\" button?\",,\"Under the dash.\nLeft side.\",\r\n"
        let file = try parse("faqs/general.csv", csv)
        XCTAssertEqual(file.document.format, .faqCSV)
        XCTAssertEqual(file.faqs.count, 2)
        let first = file.faqs[0]
        XCTAssertEqual(first.question, "How long is the warranty?")
        XCTAssertEqual(first.similar, ["Warranty length?", "How many years, roughly?"])
        XCTAssertEqual(first.answer, "4 years or 120,000 km.")
        XCTAssertEqual(first.tags, ["warranty", "basic"])
        XCTAssertEqual(first.id, RecordImporter.faqID(question: "How long is the warranty?"))
        XCTAssertTrue(first.id.hasPrefix("faq-"))
        XCTAssertEqual(first.id.count, 14)
        XCTAssertEqual(file.faqs[1].question, "Where is the \"reset\" button?")
        XCTAssertEqual(file.faqs[1].answer, "Under the dash.\nLeft side.")
        XCTAssertEqual(file.faqs[1].similar, [])

        XCTAssertEqual(file.chunks.count, 2)
        let chunk = file.chunks[0]
        XCTAssertEqual(chunk.kind, .faq)
        XCTAssertEqual(chunk.text, first.answer)
        XCTAssertEqual(chunk.question, first.question)
        XCTAssertEqual(chunk.similarQuestions, first.similar)
        XCTAssertEqual(chunk.faqID, first.id)
        XCTAssertEqual(chunk.tags, first.tags)
        XCTAssertEqual(chunk.id, "\(file.document.id)#0")
        XCTAssertEqual(file.chunks[1].ordinal, 1)
    }

    func testFAQCSVWithIDColumnAndTSV() throws {
        let tsv = "id\tquestion\tanswer\nFAQ-9\t能充电吗？\t可以。\n"
        let file = try parse("faqs/zh.tsv", tsv)
        XCTAssertEqual(file.document.format, .faqCSV)
        XCTAssertEqual(file.faqs.map(\.id), ["FAQ-9"])
        XCTAssertEqual(file.faqs.first?.answer, "可以。")
    }

    func testMissingColumnNamesIt() {
        let error = assertIngestionError(.missingColumn) {
            _ = try self.parse("faqs/bad.csv", "question,similar_questions,tags\nq,s,t\n")
        }
        XCTAssertTrue(error?.message.contains("\"answer\"") ?? false, error?.message ?? "")
        XCTAssertTrue(error?.description.hasPrefix("faqs/bad.csv: ") ?? false)
    }

    func testEmptyQuestionRowIsMalformedWithLine() {
        let error = assertIngestionError(.malformed) { _ = try self.parse("f.csv", "question,answer\nq1,a1\n,a2\n") }
        XCTAssertTrue(error?.message.contains("line 3") ?? false, error?.message ?? "")
    }

    /// Editors may catalogue a question before its answer is written: the FAQ imports with an empty answer.
    func testEmptyAnswerIsAllowed() throws {
        let file = try parse("f.csv", "question,answer\nq1,a1\nq2,\n")
        XCTAssertEqual(file.faqs.map(\.answer), ["a1", ""])
    }

    func testFAQJSONL() throws {
        let jsonl = """
        {"id":"FAQ-0001","question":"E7 能开多远？","similar":["E7续航多少","E7 range"],"answer":"CLTC 650 公里。","tags":["e7","range"],"lang":"zh"}

        {"question":"Is roadside help free?","answer":"Yes, 24/7.","extra":{"nested":true}}
        """
        let file = try parse("faqs/e7.jsonl", jsonl)
        XCTAssertEqual(file.document.format, .faqJSONL)
        XCTAssertEqual(file.faqs.map(\.id), ["FAQ-0001", RecordImporter.faqID(question: "Is roadside help free?")])
        XCTAssertEqual(file.faqs[0].similar, ["E7续航多少", "E7 range"])
        XCTAssertEqual(file.faqs[1].tags, [])
        XCTAssertEqual(file.chunks.map(\.kind), [.faq, .faq])
        XCTAssertEqual(file.chunks[0].question, "E7 能开多远？")
    }

    func testMalformedJSONLNamesLine() {
        let jsonl = "{\"question\":\"a\",\"answer\":\"b\"}\n{\"question\":\"c\",\"answer\":\"d\"}\n{\"question\": broken}\n"
        let error = assertIngestionError(.malformed) { _ = try self.parse("faqs/x.jsonl", jsonl) }
        XCTAssertTrue(error?.message.contains("line 3") ?? false, error?.message ?? "")
        let missing = assertIngestionError(.malformed) {
            _ = try self.parse("faqs/y.jsonl", "{\"question\":\"a\",\"answer\":\"b\"}\n{\"question\":\"c\"}\n", format: .faqJSONL)
        }
        XCTAssertTrue(missing?.message.contains("line 2") ?? false, missing?.message ?? "")
        XCTAssertTrue(missing?.message.contains("answer") ?? false, missing?.message ?? "")
    }

    func testDuplicateIDsAreMalformed() {
        let jsonl = "{\"id\":\"F1\",\"question\":\"a\",\"answer\":\"b\"}\n{\"id\":\"F1\",\"question\":\"c\",\"answer\":\"d\"}\n"
        assertIngestionError(.malformed) { _ = try self.parse("faqs/dup.jsonl", jsonl) }
    }

    func testJSONArrayOfFAQs() throws {
        let json = "[{\"question\":\"a?\",\"answer\":\"b.\"},{\"question\":\"c?\",\"answer\":\"d.\",\"similar\":[\"cc?\"]}]"
        let file = try parse("faqs/list.json", json)
        XCTAssertEqual(file.document.format, .faqJSONL)
        XCTAssertEqual(file.faqs.map(\.question), ["a?", "c?"])
        let error = assertIngestionError(.malformed) { _ = try self.parse("faqs/bad.json", "[{\"question\":\"a\",\"answer\":\"b\"},{\"question\":1,\"answer\":\"x\"}]") }
        XCTAssertTrue(error?.message.contains("element 2") ?? false, error?.message ?? "")
    }
}
