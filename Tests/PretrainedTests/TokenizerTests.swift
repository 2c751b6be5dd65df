import XCTest
@testable import Pretrained
import TestSupport

final class TokenizerTests: XCTestCase {
    private func tokenizer(maxLength: Int = 512) throws -> WordPieceTokenizer {
        var vocab: [String: Int32] = [:]
        for (i, t) in tinyVocabulary.enumerated() { vocab[t] = Int32(i) }
        return try WordPieceTokenizer(vocabulary: vocab, maxLength: maxLength)
    }

    private func tokens(_ t: WordPieceTokenizer, _ text: String) -> [String] {
        t.encode(text).map { tinyVocabulary[Int($0)] }
    }

    func testNormalizerLowercasesStripsAccentsAndSplits() {
        let n = BertTextNormalizer()
        let words = n.words("Café, HOW\tdo  I charge?充电").map { String(String.UnicodeScalarView($0)) }
        XCTAssertEqual(words, ["cafe", ",", "how", "do", "i", "charge", "?", "充", "电"])
        // Control and format characters vanish; every whitespace separates.
        XCTAssertEqual(n.words("a\u{200B}b\u{0007}c\u{00A0}d").map { String(String.UnicodeScalarView($0)) }, ["abc", "d"])
        // Cased settings keep case and accents.
        let cased = BertTextNormalizer(lowercase: false)
        XCTAssertEqual(cased.words("Café").map { String(String.UnicodeScalarView($0)) }, ["Café"])
    }

    func testWordPieceGreedyLongestMatch() throws {
        let t = try tokenizer()
        XCTAssertEqual(tokens(t, "How do I charge my car?"),
                       ["[CLS]", "how", "do", "i", "charge", "my", "car", "?", "[SEP]"])
        XCTAssertEqual(tokens(t, "charges charged cars"),
                       ["[CLS]", "charge", "##s", "charge", "##d", "car", "##s", "[SEP]"])
        XCTAssertEqual(tokens(t, "abc unable"), ["[CLS]", "a", "##b", "##c", "un", "##able", "[SEP]"])
        // A word that cannot be covered becomes one [UNK], not a partial match.
        XCTAssertEqual(tokens(t, "chargex car"), ["[CLS]", "[UNK]", "car", "[SEP]"])
        XCTAssertEqual(tokens(t, "充电桩在哪"), ["[CLS]", "充", "电", "[UNK]", "在", "哪", "[SEP]"])
        XCTAssertEqual(tokens(t, "Café!"), ["[CLS]", "cafe", "!", "[SEP]"])
        XCTAssertEqual(tokens(t, ""), ["[CLS]", "[SEP]"])
        // Over-long words are [UNK] outright.
        XCTAssertEqual(tokens(t, String(repeating: "a", count: 101)), ["[CLS]", "[UNK]", "[SEP]"])
    }

    func testTruncationKeepsSpecials() throws {
        let t = try tokenizer(maxLength: 5)
        XCTAssertEqual(tokens(t, "the car the car the car"), ["[CLS]", "the", "car", "the", "[SEP]"])
        XCTAssertEqual(t.encode("the car the car").count, 5)
    }

    func testVocabTxtAndTokenizerJSONAgree() throws {
        let dir = try makeTempDirectory()
        try writeTinyModel(to: dir, tokenizerJSON: true)
        let fromTxt = try WordPieceTokenizer.load(vocabTxt: dir + "/vocab.txt", maxLength: 16)
        let fromJSON = try WordPieceTokenizer.load(tokenizerJSON: dir + "/tokenizer.json")
        XCTAssertEqual(fromJSON.maxLength, 16)
        for text in ["How do I charge my car?", "Café unable abc", "充电在哪", "what is the range in winter"] {
            XCTAssertEqual(fromTxt.encode(text), fromJSON.encode(text), text)
        }
    }

    func testMissingOrBrokenVocabularyIsAClearError() throws {
        let dir = try makeTempDirectory()
        XCTAssertThrowsError(try WordPieceTokenizer.load(vocabTxt: dir + "/vocab.txt")) { error in
            guard case PretrainedError.unreadable(let path, _) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(path.hasSuffix("vocab.txt"))
        }
        try write("", to: dir + "/empty.txt")
        XCTAssertThrowsError(try WordPieceTokenizer.load(vocabTxt: dir + "/empty.txt")) { error in
            guard case PretrainedError.badVocabulary = error else { return XCTFail("\(error)") }
        }
        try write("[PAD]\n[CLS]\n[SEP]\nthe\n", to: dir + "/nounk.txt")
        XCTAssertThrowsError(try WordPieceTokenizer.load(vocabTxt: dir + "/nounk.txt")) { error in
            XCTAssertEqual(error as? PretrainedError,
                           .badVocabulary(path: dir + "/nounk.txt", detail: "special token [UNK] is missing"))
        }
        try write(#"{"model": {"type": "BPE", "vocab": {}}}"#, to: dir + "/bpe.json")
        XCTAssertThrowsError(try WordPieceTokenizer.load(tokenizerJSON: dir + "/bpe.json")) { error in
            guard case PretrainedError.badConfiguration = error else { return XCTFail("\(error)") }
        }
    }
}
