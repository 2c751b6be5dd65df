import Foundation
import KnowledgeModel
import XCTest
@testable import Ingestion

final class BadInputTests: XCTestCase {
    func testEmptyAndWhitespaceOnly() {
        assertIngestionError(.emptyFile) { _ = try Importer().parse(name: "a.md", data: Data(), importedAt: 0) }
        assertIngestionError(.emptyFile) { _ = try self.parse("a.md", "  \n\t\r\n \u{3000}") }
        assertIngestionError(.emptyFile) { _ = try self.parse("a.csv", "\u{FEFF}\n\n") }
        assertIngestionError(.emptyFile) { _ = try self.parse("unknown.bin", "   ") }
    }

    func testTooLarge() {
        let importer = Importer(limits: ImportLimits(maxFileBytes: 100))
        let error = assertIngestionError(.tooLarge) {
            _ = try importer.parse(name: "big.md", data: Data(repeating: UInt8(ascii: "a"), count: 101), importedAt: 0)
        }
        XCTAssertEqual(error?.file, "big.md")
        XCTAssertNoThrow(try importer.parse(name: "ok.md", data: Data(repeating: UInt8(ascii: "a"), count: 100), importedAt: 0))
        XCTAssertEqual(ImportLimits().maxFileBytes, 32 << 20)
    }

    /// SQLite reads a string back cut at a NUL, so a record holding one would not be stored as read.
    func testJSONRecordsWithANULEscapeAreRefusedWithTheirLine() {
        let error = assertIngestionError(.malformed) {
            _ = try self.parse("f.jsonl", #"{"question":"q1","answer":"a1"}"# + "\n" + #"{"question":"q2\u0000","answer":"a2"}"#)
        }
        XCTAssertTrue(error?.description.contains("line 2") == true, "\(String(describing: error))")
        assertIngestionError(.malformed) { _ = try self.parse("f.json", #"[{"text":"\u0000","label":"x"}]"#) }
        // An escaped backslash followed by "u0000" is text, not a NUL.
        XCTAssertNoThrow(try parse("f.jsonl", #"{"question":"a \\u0000 b","answer":"a"}"#))
        let cases: [(String, Int?)] = [(#""\u0000""#, 1), (#""\\u0000""#, nil), (#""\\\u0000""#, 3), (#""\u0001""#, nil),
                                       (#""\u000""#, nil), (#"\"#, nil), (#""ab\u00001""#, 3)]
        for (text, offset) in cases {
            XCTAssertEqual(Array(text.utf8).withUnsafeBytes { JSONEscapes.firstNUL(in: $0) }, offset, text)
        }
        var body = Array(#"{"a":"\u0000x\\u0000\u0000"}"#.utf8)
        XCTAssertEqual(JSONEscapes.replaceNULs(in: &body), 2)
        XCTAssertEqual(String(decoding: body, as: UTF8.self), #"{"a":"\ufffdx\\u0000\ufffd"}"#)
    }

    func testBadUTF8() {
        for bytes: [UInt8] in [[0x41, 0xFF, 0x42], [0xC3], [0xE4, 0xB8], [0xED, 0xA0, 0x80], [0xC0, 0xAF], [0x41, 0x00, 0x42]] {
            assertIngestionError(.undecodable) { _ = try Importer().parse(name: "bad.txt", data: Data(bytes), importedAt: 0) }
        }
        assertIngestionError(.undecodable) { _ = try Importer().parse(name: "bad.jsonl", data: Data([0x7B, 0xFE, 0x7D]), importedAt: 0) }
    }

    /// Chinese text saved as GB18030/GBK (Excel's CSV on a Chinese Windows) is read; broken UTF-8
    /// and short or odd byte runs stay undecodable.
    func testChineseTextInGBKIsRead() throws {
        let hex = "cecacce22cb4f0b0b80ab1a3d0dec6dab6e0b3a4a3bf2cd5fbb3b5d6cab1a334c4eabbf23132cdf2b9abc0efa1a30a"
        var gbk: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            gbk.append(UInt8(hex[index..<next], radix: 16)!)
            index = next
        }
        let file = try Importer().parse(name: "faqs/导出.csv", data: Data(gbk), importedAt: 0)
        XCTAssertEqual(file.document.format, .faqCSV)
        XCTAssertEqual(file.faqs.first?.question, "保修期多长？")
        XCTAssertEqual(file.faqs.first?.answer, "整车质保4年或12万公里。")
        // UTF-8 Chinese with one byte cut out is not GBK: its continuation bytes are not GB2312's.
        var broken = Array("问题,答案\n保修期多长？,整车质保4年或12万公里。\n".utf8)
        broken.remove(at: 3)
        assertIngestionError(.undecodable) { _ = try Importer().parse(name: "broken.csv", data: Data(broken), importedAt: 0) }
        assertIngestionError(.undecodable) { _ = try Importer().parse(name: "short.txt", data: Data([0xE4, 0xB8, 0x41]), importedAt: 0) }
    }

    func testUTF16WithBOMAndUTF8BOM() throws {
        let text = "# 标题\n\nHello 世界 😀."
        var le: [UInt8] = [0xFF, 0xFE], be: [UInt8] = [0xFE, 0xFF]
        for unit in text.utf16 {
            le += [UInt8(unit & 0xFF), UInt8(unit >> 8)]
            be += [UInt8(unit >> 8), UInt8(unit & 0xFF)]
        }
        for bytes in [le, be, [0xEF, 0xBB, 0xBF] + Array(text.utf8)] {
            let file = try Importer().parse(name: "u.md", data: Data(bytes), importedAt: 0)
            XCTAssertEqual(file.document.title, "标题")
            XCTAssertEqual(file.chunks.map(\.text), ["Hello 世界 😀."])
        }
        assertIngestionError(.undecodable) { _ = try Importer().parse(name: "odd.txt", data: Data([0xFF, 0xFE, 0x41]), importedAt: 0) }
        assertIngestionError(.undecodable) { _ = try Importer().parse(name: "s.txt", data: Data([0xFF, 0xFE, 0x00, 0xD8, 0x41, 0x00]), importedAt: 0) }
    }

    func testUnknownFormat() {
        assertIngestionError(.unknownFormat) { _ = try self.parse("image.xyz", "just words, nothing to sniff") }
        assertIngestionError(.unknownFormat) { _ = try Importer().parse(name: "photo.png", data: Data([0x89, 0x50, 0x4E, 0x47, 0xFF, 0x00]), importedAt: 0) }
    }

    func testErrorDescriptionIsOneLine() {
        let error = IngestionError(.malformed, file: "a/b.jsonl", message: "line 3:\nbad")
        XCTAssertEqual(error.description, "a/b.jsonl: line 3: bad")
    }
}
