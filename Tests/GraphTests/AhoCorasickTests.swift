import XCTest
@testable import Graph
import TextAnalysis

/// Checks the automaton against a naive substring scan.
final class AhoCorasickTests: XCTestCase {
    /// A small deterministic generator so failures are reproducible.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    func naive(_ patterns: [[UInt32]], _ text: [UInt32]) -> Set<AhoCorasick<Int>.Match> {
        var out = Set<AhoCorasick<Int>.Match>()
        for (p, pattern) in patterns.enumerated() where !pattern.isEmpty && pattern.count <= text.count {
            for start in 0...(text.count - pattern.count) where Array(text[start..<start + pattern.count]) == pattern {
                out.insert(.init(start: start, end: start + pattern.count, patternIndex: p))
            }
        }
        return out
    }

    func testMatchesNaiveScanOnRandomInputs() {
        var rng = SplitMix(state: 42)
        // Small alphabets (ASCII and CJK) force many overlapping and nested matches.
        let alphabets: [[UInt32]] = [[0x61, 0x62, 0x63], [0x61, 0x62, 0x4E2D, 0x6587], [0x30, 0x31]]
        for round in 0..<300 {
            let alphabet = alphabets[round % alphabets.count]
            var patterns: [[UInt32]] = []
            var seen = Set<[UInt32]>()
            for _ in 0..<Int.random(in: 1...25, using: &rng) {
                let p = (0..<Int.random(in: 1...6, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }
                if seen.insert(p).inserted { patterns.append(p) }
            }
            let text = (0..<Int.random(in: 0...200, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }
            let ac = AhoCorasick(scalarEntries: patterns.enumerated().map { ($1, $0) })
            XCTAssertEqual(ac.patterns, patterns)
            let got = ac.matches(inScalars: text)
            XCTAssertEqual(got.count, Set(got).count, "duplicate reports")
            XCTAssertEqual(Set(got), naive(patterns, text), "round \(round)")
        }
    }

    func testStringEntryPointsNormalize() {
        let ac = AhoCorasick([(pattern: "ＡＢＣ", value: 1), (pattern: "胎压", value: 2), (pattern: "bc", value: 3)])
        let m = ac.matches(in: "xabc 胎压监测 ABC")
        XCTAssertEqual(m.map { ac.values[$0.patternIndex] }, [1, 3, 2, 1, 3])
        XCTAssertEqual(m.first?.start, 1)
        XCTAssertEqual(m.first?.end, 4)
    }

    func testDuplicatesAndEmptyPatterns() {
        let ac = AhoCorasick([(pattern: "E7", value: "a"), (pattern: "e7", value: "b"), (pattern: "", value: "c")])
        XCTAssertEqual(ac.patterns.count, 1)
        XCTAssertEqual(ac.values, ["a"])
        XCTAssertEqual(ac.matches(in: "").count, 0)
        XCTAssertEqual(ac.matches(in: "e7e7").count, 2)
    }
}
