import Foundation
import XCTest
@testable import TextAnalysis

final class TokenOffsetTests: XCTestCase {
    let analyzer = Analyzer()

    func testTokensMatchTerms() {
        for text in ["我的X5保养怎么做？", "How do I reset the OTA update on my X5?", "ＬＡＮＴＯ　Ｘ５ 保养", ""] {
            XCTAssertEqual(analyzer.tokens(text).map(\.term), analyzer.terms(text), text)
        }
    }

    func testKindsAndOffsetsInMixedText() {
        let text = "我的X5保养"
        let tokens = analyzer.tokens(text)
        XCTAssertEqual(tokens.map(\.term), ["我", "我的", "x5", "保", "保养", "养"])
        XCTAssertEqual(tokens.map(\.kind), [.cjkUnigram, .cjkBigram, .code, .cjkUnigram, .cjkBigram, .cjkUnigram])
        XCTAssertEqual(tokens.map(\.utf16Range), [0..<1, 0..<2, 2..<4, 4..<5, 4..<6, 5..<6])
        XCTAssertEqual(tokens.map(\.characterRange), [0..<1, 0..<2, 2..<4, 4..<5, 4..<6, 5..<6])
        XCTAssertEqual(tokens.map(\.utf8Range), [0..<3, 0..<6, 6..<8, 8..<11, 8..<14, 11..<14])
        for t in tokens {
            XCTAssertEqual(Normalizer.normalize(String(text[t.range(in: text)])), t.term)
        }
    }

    func testOffsetsPointIntoTheOriginalNotTheNormalizedText() {
        // "ﬁ" expands to two letters and "Ｘ５" is full-width: offsets still cover the originals.
        let text = "ﬁle Ｘ５"
        let tokens = analyzer.tokens(text)
        XCTAssertEqual(tokens.map(\.term), ["file", "x5"])
        XCTAssertEqual(tokens.map(\.utf16Range), [0..<3, 4..<6])
        XCTAssertEqual(String(text[tokens[1].range(in: text)]), "Ｘ５")
    }

    func testUTF16AndCharacterOffsetsDifferForAstralAndCombining() {
        // 😀 is 2 UTF-16 units / 1 character; "e\u{301}" is 2 units / 1 character.
        let text = "😀 cafe\u{301} 𠮷"
        let tokens = analyzer.tokens(text)
        XCTAssertEqual(tokens.map(\.term), ["café", "𠮷"])
        XCTAssertEqual(tokens.map(\.kind), [.word, .cjkUnigram])
        XCTAssertEqual(tokens.map(\.utf16Range), [3..<8, 9..<11])
        XCTAssertEqual(tokens.map(\.characterRange), [2..<6, 7..<8])
    }

    func testNumberAndCodeKinds() {
        let kinds = analyzer.tokens("call 400-820-6688 about 0W-20").map(\.kind)
        XCTAssertEqual(kinds, [.word, .number, .code])
    }

    func testTokenIsCodable() throws {
        let token = analyzer.tokens("X5")[0]
        let data = try JSONEncoder().encode(token)
        XCTAssertEqual(try JSONDecoder().decode(Token.self, from: data), token)
    }
}
