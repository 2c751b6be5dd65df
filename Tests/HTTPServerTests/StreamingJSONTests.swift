import Foundation
import XCTest
@testable import HTTPServer

/// The streaming response writer against Foundation's `JSONEncoder`: the same JSON values,
/// numbers and strings written the same way, sorted dictionaries, and a fallback for what it
/// does not stream.
final class StreamingJSONTests: XCTestCase {
    struct Inner: Codable, Equatable {
        var label: String
        var score: Double
        var tags: [String]?
    }

    struct Outer: Codable, Equatable {
        var id: Int64
        var name: String
        var confidence: Float
        var ok: Bool
        var missing: String?
        var present: Int?
        var items: [Inner]
        var grid: [[Double]]
        var optionals: [String?]
        var counts: [String: Int]
        var nested: [String: [Inner]]
        var when: Date
        var small: UInt8
    }

    /// A type that writes a wrapped record's fields, then its own, into one object.
    struct Merged: Encodable {
        var inner: Inner
        var extra: String
        enum Keys: String, CodingKey { case extra }
        func encode(to encoder: any Encoder) throws {
            try inner.encode(to: encoder)
            var c = encoder.container(keyedBy: Keys.self)
            try c.encode(extra, forKey: .extra)
        }
    }

    struct Empty: Encodable {}

    func foundation(_ value: some Encodable) throws -> Data {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try e.encode(value)
    }

    func streamed(_ value: some Encodable) throws -> Data { Data(try StreamingJSON.encode(value)) }

    /// Parsed equality (key order aside).
    func assertSameJSON(_ value: some Encodable, file: StaticString = #filePath, line: UInt = #line) throws {
        let ours = try streamed(value)
        let a = try JSONSerialization.jsonObject(with: ours, options: [.fragmentsAllowed])
        let b = try JSONSerialization.jsonObject(with: try foundation(value), options: [.fragmentsAllowed])
        XCTAssertEqual(a as? NSObject, b as? NSObject, String(decoding: ours, as: UTF8.self), file: file, line: line)
    }

    func sample(_ i: Int) -> Outer {
        Outer(id: Int64(i) * 1_000_000_007, name: "客户 \"\(i)\" a/b\\c\n\t\u{1}é", confidence: Float(i) / 7, ok: i % 2 == 0,
              missing: nil, present: i % 3 == 0 ? nil : -i,
              items: (0..<(i % 4)).map { Inner(label: "l\($0)", score: Double($0) / 3 + 1e-9 * Double(i), tags: $0 % 2 == 0 ? nil : ["x", "y"]) },
              grid: [[1, 0.1, 1e-5, 1e21, -0.0, 12345.678], []], optionals: ["a", nil, "c"],
              counts: ["b": 1, "a10": 2, "a9": 3, "B": 4, "_x": 5, "中": i], nested: ["z": [], "k": [Inner(label: "", score: 0, tags: [])]],
              when: Date(timeIntervalSinceReferenceDate: Double(i) * 1.5), small: UInt8(i % 256))
    }

    func testTheSameValuesAsJSONEncoder() throws {
        for i in 0..<50 { try assertSameJSON(sample(i)) }
        try assertSameJSON(Merged(inner: Inner(label: "a", score: 2, tags: ["t"]), extra: "e"))
        try assertSameJSON([sample(1), sample(2)])
        try assertSameJSON(["k": sample(3)])
        try assertSameJSON("just a string")
        try assertSameJSON(Empty())
        XCTAssertEqual(String(decoding: try streamed(Empty()), as: UTF8.self), "{}")
        // And it decodes back to the same value.
        XCTAssertEqual(try JSONDecoder().decode(Outer.self, from: try streamed(sample(7))), sample(7))
    }

    func testNumbersStringsAndDictionariesAreWrittenAsJSONEncoderWritesThem() throws {
        let numbers: [Double] = [1, 0.1, 1e-5, 1e21, 1e16, -0.0, 9.162159403786063e-05, 0.9980586171150208, 3e-7, 12345.678, -42]
        XCTAssertEqual(try streamed(numbers), try foundation(numbers))
        let floats: [Float] = [1, 0.1, 0.998058617, 1e-5, 3.4e38]
        XCTAssertEqual(try streamed(floats), try foundation(floats))
        let strings = ["a\"b\\c/d\n\r\t\u{8}\u{c}", "\u{1}\u{1f}\u{7f}é中\u{2028}😀", ""]
        let ours = try JSONSerialization.jsonObject(with: try streamed(strings)) as? [String]
        XCTAssertEqual(ours, strings)
        XCTAssertEqual(String(decoding: try streamed(["b": 1, "a10": 2, "a9": 3, "B": 4]), as: UTF8.self), #"{"B":4,"a10":2,"a9":3,"b":1}"#)
        XCTAssertEqual(String(decoding: try streamed([Int64.max, Int64.min]), as: UTF8.self), "[\(Int64.max),\(Int64.min)]")
    }

    func testWhatItDoesNotStreamFallsBack() {
        struct WithURL: Encodable { var url = URL(string: "https://example.com/a")! }
        struct WithData: Encodable { var data = Data([1, 2, 3]) }
        struct NotFinite: Encodable { var x = Double.nan }
        XCTAssertThrowsError(try StreamingJSON.encode(WithURL()))
        XCTAssertThrowsError(try StreamingJSON.encode(WithData()))
        XCTAssertThrowsError(try StreamingJSON.encode(NotFinite()))
        // The response helper then uses JSONEncoder: URLs as strings, Data as base64.
        XCTAssertEqual(String(decoding: JSON.encode(WithURL()), as: UTF8.self), #"{"url":"https://example.com/a"}"#)
        XCTAssertEqual(String(decoding: JSON.encode(WithData()), as: UTF8.self), #"{"data":"AQID"}"#)
    }
}
