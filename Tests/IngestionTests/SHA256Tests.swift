import Foundation
import XCTest
@testable import Ingestion

final class SHA256Tests: XCTestCase {
    func testStandardVectors() {
        XCTAssertEqual(SHA256.hex(Data()), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertEqual(SHA256.hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(SHA256.hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
                       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        XCTAssertEqual(SHA256.hex("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu"),
                       "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1")
        XCTAssertEqual(SHA256.hex("The quick brown fox jumps over the lazy dog"),
                       "d7a8fbb307d7809469ca9abcb0082e4f8d5651e46d3cdb762d02d0bf37c9e592")
    }

    func testMillionA() {
        XCTAssertEqual(SHA256.hex(Data(repeating: UInt8(ascii: "a"), count: 1_000_000)),
                       "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    func testPaddingBoundaries() {
        let expected: [Int: String] = [
            55: "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318",
            56: "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a",
            63: "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34",
            64: "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb",
            65: "635361c48bb9eab14198e76ea8ab7f1a41685d6ad62aa9146d301d4f17eb0ae0",
            119: "31eba51c313a5c08226adf18d4a359cfdfd8d2e816b13f4af952f7ea6584dcfb",
            120: "2f3d335432c70b580af0e8e1b3674a7c020d683aa5f73aaaedfdc55af904c21c",
        ]
        for (count, hex) in expected {
            XCTAssertEqual(SHA256.hex(Data(repeating: UInt8(ascii: "a"), count: count)), hex, "length \(count)")
        }
    }

    func testUTF8AndIDs() {
        XCTAssertEqual(SHA256.hex("澜途汽车"), "4334c5f9bb99a731f7f6d9603dcc60a9da1732d61fa2172be7ec5726ce000660")
        XCTAssertEqual(DocumentID.make(name: "docs/en/warranty.md"), "d02bd5c1496d2")
        XCTAssertEqual(RecordImporter.faqID(question: "E7 能开多远？"), "faq-b86e964b81")
    }
}

final class SHA256HardwareTests: XCTestCase {
    /// The standard vectors above run on whichever path this CPU takes; here the portable rounds
    /// and the SHA-extension rounds must agree on every length around the block boundaries and on
    /// random bytes at unaligned offsets.
    func testHardwareAndPortableRoundsAgree() throws {
        try XCTSkipUnless(SHA256.hardwareAvailable, "this CPU has no SHA extensions")
        var rng = SystemRandomNumberGenerator()
        let pool = (0..<70_000).map { _ in UInt8.random(in: 0...255, using: &rng) }
        var lengths = Array(0...200)
        lengths += [1_000, 4_095, 4_096, 4_097, 65_536, 69_000]
        for length in lengths {
            let offset = length % 7
            pool[offset..<(offset + length)].withUnsafeBytes { buffer in
                XCTAssertEqual(SHA256.digest(bytes: buffer, hardware: true), SHA256.digest(bytes: buffer, hardware: false),
                               "length \(length), offset \(offset)")
            }
        }
    }

    func testPortableRoundsOnStandardVectors() {
        let vectors = [
            ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
            ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
            ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        ]
        for (text, hex) in vectors {
            let digest = Array(text.utf8).withUnsafeBytes { SHA256.digest(bytes: $0, hardware: false) }
            XCTAssertEqual(SHA256.hexString(digest), hex, text)
        }
    }
}
