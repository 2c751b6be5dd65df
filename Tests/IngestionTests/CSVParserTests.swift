import XCTest
@testable import Ingestion

final class CSVParserTests: XCTestCase {
    private func rows(_ text: String, delimiter: UInt8 = UInt8(ascii: ",")) throws -> [[String]] {
        try CSVParser.parse(Array(text.utf8), delimiter: delimiter).map(\.fields)
    }

    func testSimpleAndEmptyFields() throws {
        XCTAssertEqual(try rows("a,b,c\n1,,3\n,,\n"), [["a", "b", "c"], ["1", "", "3"], ["", "", ""]])
    }

    func testQuotesEscapesAndNewlines() throws {
        let text = "q,a\n\"Hello, world\",\"She said \"\"hi\"\"\"\n\"multi\nline\",x\n"
        XCTAssertEqual(try rows(text), [["q", "a"], ["Hello, world", "She said \"hi\""], ["multi\nline", "x"]])
    }

    func testCRLFAndMissingFinalNewline() throws {
        XCTAssertEqual(try rows("a,b\r\n1,2\r\n3,4"), [["a", "b"], ["1", "2"], ["3", "4"]])
        XCTAssertEqual(try rows("\"a\r\nb\",c\r\n"), [["a\r\nb", "c"]])
    }

    func testBlankLinesSkippedAndLineNumbers() throws {
        let records = try CSVParser.parse(Array("h1,h2\n\n\"x\ny\",1\n\r\nlast,2\n".utf8), delimiter: UInt8(ascii: ","))
        XCTAssertEqual(records.map(\.line), [1, 3, 6])
        XCTAssertEqual(records.map(\.fields), [["h1", "h2"], ["x\ny", "1"], ["last", "2"]])
    }

    func testEmptyQuotedFieldAndLenientQuotes() throws {
        XCTAssertEqual(try rows("\"\",b\n"), [["", "b"]])
        XCTAssertEqual(try rows("5\" screen,\"quoted\"tail\n"), [["5\" screen", "quotedtail"]])
        XCTAssertEqual(try rows("a,  \"spaced quote\"\n"), [["a", "spaced quote"]])
    }

    func testUnterminatedQuoteIsMalformed() {
        XCTAssertThrowsError(try rows("a,b\n1,\"never closed\n2,3\n")) { error in
            XCTAssertEqual((error as? ParseFailure)?.code, .malformed)
            XCTAssertTrue((error as? ParseFailure)?.message.contains("line 2") ?? false)
        }
    }

    func testTSVAndSniffing() throws {
        XCTAssertEqual(CSVParser.sniffDelimiter(Array("question\tanswer\tnote, with comma\n".utf8)), 0x09)
        XCTAssertEqual(CSVParser.sniffDelimiter(Array("question,answer\n".utf8)), UInt8(ascii: ","))
        XCTAssertEqual(try rows("a\tb\n\"x\ty\"\tz\n", delimiter: 0x09), [["a", "b"], ["x\ty", "z"]])
    }

    func testHeaderNormalisation() {
        XCTAssertEqual(CSVParser.normalizeHeader("  Similar Questions "), "similar_questions")
        XCTAssertEqual(CSVParser.normalizeHeader("SIMILAR-QUESTIONS"), "similar_questions")
        XCTAssertEqual(CSVParser.normalizeHeader("Question"), "question")
    }

    func testUnicode() throws {
        XCTAssertEqual(try rows("问题,答案\n\"E7 续航，多少？\",650 公里\n"), [["问题", "答案"], ["E7 续航，多少？", "650 公里"]])
    }
}
