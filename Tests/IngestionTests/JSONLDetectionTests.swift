import Foundation
import KnowledgeModel
import XCTest
@testable import Ingestion

final class JSONLDetectionTests: XCTestCase {
    func testKindFromKeys() {
        let cases: [(String, DocumentFormat)] = [
            (#"{"id":"F1","question":"q","similar":[],"answer":"a","tags":[]}"#, .faqJSONL),
            (#"{"text":"t","label":"oos"}"#, .intentsJSONL),
            (#"{"text":"t","sentiment":"neutral"}"#, .sentimentJSONL),
            (#"{"id":"R","intent":"i","stage":"opening","text":"t"}"#, .repliesJSONL),
            (#"{"id":"e","name":"E7","type":"model","aliases":[]}"#, .lexiconJSONL),
            (#"{"terms":["a","b"]}"#, .synonymsJSONL),
            (#"{"id":"C","name":"n","condition":"true","value":1}"#, .campaignsJSONL),
            (#"{"id":"Q","name":"n","severity":"low","type":"forbidden","patterns":[]}"#, .qaRulesJSONL),
            (#"{"id":"C1","name":"n","vehicles":[]}"#, .customersJSONL),
            (#"{"id":"C1","name":"n","lifecycle":"lead"}"#, .customersJSONL),
            (#"{"session":"S","turn":1,"speaker":"agent","text":"t"}"#, .transcriptsJSONL),
            (#"{"session":"S","channel":"call"}"#, .sessionsJSONL),
        ]
        for (line, expected) in cases {
            XCTAssertEqual(Importer().detectFormat(name: "x.jsonl", data: Data(("\n\n" + line + "\n").utf8)), expected, line)
            XCTAssertEqual(Importer().detectFormat(name: "x.json", data: Data(("[" + line + "]").utf8)), expected, line)
            XCTAssertEqual(Importer().detectFormat(name: "no-extension", data: Data(line.utf8)), expected, line)
        }
    }

    func testUnknownKeysAndBadFirstLine() {
        XCTAssertEqual(Importer().detectFormat(name: "x.jsonl", data: Data(#"{"foo":1}"#.utf8)), .json)
        assertIngestionError(.unknownFormat) { _ = try self.parse("x.jsonl", #"{"foo":1}"#) }
        let error = assertIngestionError(.malformed) { _ = try self.parse("x.jsonl", "\n{not json\n") }
        XCTAssertTrue(error?.message.contains("line 2") ?? false, error?.message ?? "")
        assertIngestionError(.unknownFormat) { _ = try self.parse("x.jsonl", "[1, 2]\n") }
        assertIngestionError(.malformed) { _ = try self.parse("x.jsonl", "42\n") }
    }

    /// `{text, label}` records whose labels are all sentiment labels are sentiment examples (as
    /// SST-2 or ChnSentiCorp write them), in JSONL and JSON arrays, in any case; one other label,
    /// or a single polarity, keeps them intents; an explicit format keeps them what it says.
    func testTextLabelRecordsWithSentimentLabelsAreSentimentExamples() throws {
        let lines = #"{"text":"great car","label":"positive"}"# + "\n" + #"{"text":"awful wait","label":"NEGATIVE"}"# + "\n"
        for text in [lines, #"[{"text":"great car","label":"positive"},{"text":"awful wait","label":"Negative"}]"#] {
            let file = try parse("reviews.jsonl", text)
            XCTAssertEqual(file.document.format, .sentimentJSONL)
            XCTAssertEqual(file.sentimentExamples, [SentimentExample(text: "great car", label: .positive),
                                                    SentimentExample(text: "awful wait", label: .negative)])
            XCTAssertTrue(file.intentExamples.isEmpty)
        }
        let mixed = try parse("mixed.jsonl", lines + #"{"text":"book a service","label":"booking"}"#)
        XCTAssertEqual(mixed.document.format, .intentsJSONL)
        XCTAssertEqual(mixed.intentExamples.count, 3)
        let single = try parse("praise.jsonl", #"{"text":"great car","label":"positive"}"#)
        XCTAssertEqual(single.document.format, .intentsJSONL)
        let explicit = try parse("upload", lines, format: .intentsJSONL)
        XCTAssertEqual(explicit.intentExamples.map(\.label), ["positive", "NEGATIVE"])
        XCTAssertTrue(explicit.sentimentExamples.isEmpty)
        // The knowledge format's own key still works, and a bad value names its line.
        let own = try parse("own.jsonl", #"{"text":"fine","sentiment":"Neutral","lang":"en"}"#)
        XCTAssertEqual(own.sentimentExamples, [SentimentExample(text: "fine", label: .neutral, lang: "en")])
        let error = assertIngestionError(.malformed) { _ = try self.parse("bad.jsonl", #"{"text":"a","sentiment":"positive"}"# + "\n" + #"{"text":"b","sentiment":"meh"}"#) }
        XCTAssertTrue(error?.message.contains("line 2") ?? false, "\(String(describing: error))")
    }

    func testExplicitFormatOverridesDetection() throws {
        let file = try parse("upload", #"{"text":"t","label":"l"}"#, format: .intentsJSONL)
        XCTAssertEqual(file.intentExamples.count, 1)
    }

    func testProseAndCSVDetection() {
        let importer = Importer()
        XCTAssertEqual(importer.detectFormat(name: "a.md", data: Data("x".utf8)), .markdown)
        XCTAssertEqual(importer.detectFormat(name: "a.HTM", data: Data("x".utf8)), .html)
        XCTAssertEqual(importer.detectFormat(name: "a.txt", data: Data("x".utf8)), .text)
        XCTAssertEqual(importer.detectFormat(name: "page", data: Data("<!DOCTYPE html><p>x</p>".utf8)), .html)
        XCTAssertEqual(importer.detectFormat(name: "notes", data: Data("intro\n\n## Section\ntext".utf8)), .markdown)
        XCTAssertNil(importer.detectFormat(name: "notes", data: Data("just words".utf8)))
        XCTAssertEqual(importer.detectFormat(name: "a.csv", data: Data("question,answer\n".utf8)), .faqCSV)
        XCTAssertEqual(importer.detectFormat(name: "a.csv", data: Data("text,label\n".utf8)), .intentsCSV)
        XCTAssertEqual(importer.detectFormat(name: "a.csv", data: Data("session,turn,speaker,text,ts\n".utf8)), .transcriptsCSV)
        XCTAssertEqual(importer.detectFormat(name: "a.csv", data: Data("id,name,phone,city,model\n".utf8)), .customersCSV)
        XCTAssertEqual(importer.detectFormat(name: "a.tsv", data: Data("question\tanswer\n".utf8)), .faqCSV)
    }
}
