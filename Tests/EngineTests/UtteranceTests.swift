@testable import Engine
import Foundation
import XCTest

/// `Engine.utterance`: trimmed, refused when empty or over the character limit (characters,
/// not bytes: Chinese text of many bytes but few characters passes).
final class UtteranceTests: XCTestCase {
    func testTrimsAndKeepsCleanTextAsIs() throws {
        XCTAssertEqual(try Engine.utterance("  保养多少钱？\n"), "保养多少钱？")
        XCTAssertEqual(try Engine.utterance("book a service"), "book a service")
        XCTAssertEqual(try Engine.utterance("\u{3000}全角空格\t"), "全角空格")
    }

    func testEmptyAndOversizedAreRefused() {
        // Space as the OpenAPI pattern `[^\s\u0085]` reads it (Python's `\s`): Unicode white space
        // and the ASCII information separators; a zero-width space is not space.
        for text in ["", "   ", "\n\t", "\u{A0}", "\u{85}\u{3000}", "\u{1C}\u{1F}"] {
            XCTAssertThrowsError(try Engine.utterance(text)) { XCTAssertEqual(($0 as? EngineError)?.code, "empty_text") }
        }
        let limit = Engine.maxUtteranceCharacters
        XCTAssertThrowsError(try Engine.utterance(String(repeating: "a", count: limit + 1))) {
            XCTAssertEqual(($0 as? EngineError)?.code, "text_too_long")
        }
        XCTAssertNoThrow(try Engine.utterance(String(repeating: "a", count: limit)))
        XCTAssertEqual(try Engine.utterance("\u{200B}"), "\u{200B}")
        // 3 UTF-8 bytes a character: over the limit in bytes, within it in characters.
        XCTAssertNoThrow(try Engine.utterance(String(repeating: "车", count: limit)))
        XCTAssertThrowsError(try Engine.utterance(String(repeating: "车", count: limit + 1)))
    }

    /// The search query's trimming matches Foundation's `.whitespacesAndNewlines` for every
    /// scalar of the Basic Multilingual Plane, on either side and alone.
    func testQueryTrimmingMatchesFoundation() {
        for v in UInt32(0)...0xFFFF {
            guard let scalar = Unicode.Scalar(v) else { continue }
            let c = String(Character(scalar))
            for text in [c + "车 x" + c, c + c, "a" + c] {
                XCTAssertEqual(Engine.trimmed(text), text.trimmingCharacters(in: .whitespacesAndNewlines), "U+\(String(v, radix: 16))")
            }
        }
    }
}
