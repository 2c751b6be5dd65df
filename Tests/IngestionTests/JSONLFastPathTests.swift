import Foundation
import KnowledgeModel
import XCTest
@testable import Ingestion

/// JSONL is decoded in blocks with `FastJSON` (falling back to `JSONDecoder`); values and errors
/// must be those of the former whole-file-then-line-by-line decoding.
final class JSONLFastPathTests: XCTestCase {
    private func faqs(_ text: String) throws -> [FAQ] {
        try Importer().parse(name: "f.jsonl", data: Data(text.utf8), format: .faqJSONL, importedAt: 0).faqs
    }

    private func error(_ text: String, format: DocumentFormat = .faqJSONL) -> String? {
        do {
            _ = try Importer().parse(name: "f.jsonl", data: Data(text.utf8), format: format, importedAt: 0)
            return nil
        } catch {
            return error.message
        }
    }

    /// What FastJSON accepts, it decodes as JSONDecoder does; what it cannot, it refuses.
    func testFastJSONAgreesWithJSONDecoder() throws {
        let lines = [
            #"{"id":"F1","question":"Q \"quoted\" \\ \/ \u00e9\u4e2d","similar":["a","b"],"answer":"A\n\t","tags":[]}"#,
            #"{"question":"Q","answer":"A","similar_questions":["x"]}"#,
            #"{ "question" : "Q" , "answer" : "A" , "tags" : null , "id" : null }"#,
            #"{"question":"Q","answer":"A","extra":{"deep":[1,2.5,-3e2,true,false,null,{"k":"v"}]}}"#,
        ]
        for line in lines {
            let bytes = Array(line.utf8)
            let fast = try FastJSON.decode(FAQLine.self, from: bytes[...])
            let reference = try JSONDecoder().decode(FAQLine.self, from: Data(bytes))
            XCTAssertEqual("\(fast)", "\(reference)", line)
        }
        for line in [#"{"text":"t","sentiment":"negative","lang":"zh"}"#, #"{"text":"t","sentiment":"positive"}"#] {
            let bytes = Array(line.utf8)
            XCTAssertEqual("\(try FastJSON.decode(SentimentExample.self, from: bytes[...]))",
                           "\(try JSONDecoder().decode(SentimentExample.self, from: Data(bytes)))")
        }
        let refused = [
            #"{"question":"Q","question":"R","answer":"A"}"#,      // duplicate key
            #"{"question":"\ud83d\ude00","answer":"A"}"#,           // surrogate escapes
            #"{"question":"Q","answer":"A","tags":["a",]}"#,        // trailing comma
            #"{"question":"Q","answer":"A"} x"#,                    // trailing text
            #"{"question":5,"answer":"A"}"#,                        // wrong type
            #"{"answer":"A"}"#,                                     // missing key
            #"{"question":"Q","answer":"A","n":01}"#,               // leading zero
            "{\"question\":\"Q\u{1}\",\"answer\":\"A\"}",           // control character
        ]
        for line in refused {
            XCTAssertThrowsError(try FastJSON.decode(FAQLine.self, from: Array(line.utf8)[...]), line)
        }
    }

    func testIntAndDoubleStayExact() throws {
        struct Numbers: Decodable { var i: Int; var d: Double; var o: Int? }
        let ok = #"{"i":-42,"d":0.1,"o":7}"#
        let fast = try FastJSON.decode(Numbers.self, from: Array(ok.utf8)[...])
        XCTAssertEqual(fast.i, -42); XCTAssertEqual(fast.d, 0.1); XCTAssertEqual(fast.o, 7)
        for line in [#"{"i":1.0,"d":1}"#, #"{"i":1e3,"d":1}"#, #"{"i":99999999999999999999,"d":1}"#, #"{"i":1,"d":-0.0}"#,
                     #"{"i":1,"d":1e999}"#, #"{"i":1,"d":0.12345678901234567890}"#] {
            XCTAssertThrowsError(try FastJSON.decode(Numbers.self, from: Array(line.utf8)[...]), line)
        }
    }

    /// A bad line deep in a long file is named, as before (the file used to be decoded twice).
    func testLateBadLineIsNamed() {
        var text = ""
        for i in 1...5000 { text += #"{"id":"F\#(i)","question":"Q\#(i)?","answer":"A"}"# + "\n" }
        XCTAssertNil(error(text))
        XCTAssertEqual(error(text + #"{"id":"X","question":"Q","answer":"#), "line 5001: invalid JSON")
        XCTAssertEqual(error(text + #"{"id":"X","answer":"A"}"#), #"line 5001: missing key "question""#)
        XCTAssertEqual(error(text + #"{"id":"F7","question":"Q","answer":"A"}"#), "line 5001: duplicate FAQ id F7")
        let lines = text.split(separator: "\n")
        let broken = (lines[..<2500] + [#"{"id":"B","question":5,"answer":"A"}"#] + lines[2500...]).joined(separator: "\n")
        XCTAssertEqual(error(broken), #"line 2501: wrong type at "question", expected String"#)
    }

    /// Lines that only form objects together were accepted by the whole-file pass; still are.
    func testLinesThatMergeInTheJoinedArrayAreStillAccepted() throws {
        let text = #"{"question":"Q1","answer":"A","tags":["x""# + "\n" + #""y"]},{"question":"Q2","answer":"B"}"# + "\n"
        let parsed = try faqs(text)
        XCTAssertEqual(parsed.map(\.question), ["Q1", "Q2"])
        XCTAssertEqual(parsed.first?.tags, ["x", "y"])
        // ... and when the rest fails, the first line that fails on its own is named.
        XCTAssertEqual(error(#"{"question":"Q0","answer":"A"}"# + "\n" + text + "oops\n"), "line 2: invalid JSON")
    }

    func testSelfDelimited() {
        for (line, expected) in [("{}", true), ("[1,[2]]", true), (#"{"a":"}"}"#, true), (#"{"a":"\"}"}"#, true),
                                 ("{} {}", false), (#"{"a":1"#, false), ("5", false), (#""x""#, false), (#"{"a":"\"}"#, false)] {
            XCTAssertEqual(JSONRecords.isSelfDelimited(Array(line.utf8)[...]), expected, line)
        }
    }
}
