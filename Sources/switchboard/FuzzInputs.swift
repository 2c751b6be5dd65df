import Foundation
import Ingestion
import KnowledgeModel

/// One hostile input for the importer.
struct FuzzCase: Sendable {
    /// The generator that made it (for the per-kind table).
    var kind: String
    /// The file name given to the importer (its extension steers format detection).
    var name: String
    var data: Data
    /// A format forced on the importer, or nil to let it detect one.
    var format: DocumentFormat?
}

/// A small deterministic generator (SplitMix64): case `i` of seed `s` is the same on every run,
/// so `--only i` rebuilds a failing case without having saved it.
struct FuzzRandom: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64, index: UInt64) { state = seed &* 0x9E37_79B9_7F4A_7C15 ^ index &* 0xD1B5_4A32_D192_ED03 }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Log-uniform size in `range`: each doubling of the size is about as likely.
    mutating func size(_ range: ClosedRange<Int>) -> Int {
        let lo = log(Double(max(range.lowerBound, 1))), hi = log(Double(range.upperBound))
        return Swift.min(range.upperBound, Swift.max(range.lowerBound, Int(exp(Double.random(in: lo...hi, using: &self)))))
    }
}

/// The generators: mutations of seed files and hand-made hostile shapes per format.
struct FuzzInputs {
    /// Seed files (name, bytes): the knowledge folder's files plus generated templates.
    let seeds: [(name: String, data: [UInt8])]

    init(knowledgeFiles: [(name: String, data: [UInt8])]) {
        var all = knowledgeFiles
        all.append(("template.md", Array("# Title\n\n## Part\n\n> quote\n\n- item\n  - nested\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```\ncode\n```\n[link](x) **bold** _em_\n".utf8)))
        all.append(("template.html", Array("<html><head><title>T</title></head><body><h1>T</h1><p>a &amp; b</p><ul><li>x</li></ul><table><tr><td>1</td></tr></table><script>x</script></body></html>".utf8)))
        all.append(("template.csv", Array("id,question,similar_questions,answer,tags\nF1,\"Q, one?\",a|b,\"A \"\"quoted\"\"\",t\n".utf8)))
        all.append(("template.jsonl", Array(#"{"id":"F1","question":"Q?","similar":["a"],"answer":"A","tags":["t"]}"#.utf8) + [10]))
        all.append(("template.docx", FuzzZip.docx(documentXML: FuzzZip.documentXML(paragraphs: ["Title", "Body text"])).bytes()))
        seeds = all
    }

    /// Generator names with their weights (out of 100).
    static let kinds: [(String, Int)] = [("mutate", 40), ("markdown", 9), ("html", 9), ("csv", 8), ("jsonl", 8),
                                         ("docx", 14), ("utf8", 5), ("huge-line", 3), ("garbage", 3),
                                         ("at-limit", 1)]

    /// Case `index` of `seed`.
    func make(seed: UInt64, index: Int) -> FuzzCase {
        var r = FuzzRandom(seed: seed, index: UInt64(index))
        var pick = Int.random(in: 0..<100, using: &r)
        var kind = "mutate"
        for (k, w) in Self.kinds { if pick < w { kind = k; break }; pick -= w }
        var c: FuzzCase
        func wrap(_ name: String, _ bytes: [UInt8]) -> FuzzCase { FuzzCase(kind: kind, name: name, data: Data(bytes)) }
        switch kind {
        case "markdown": c = wrap("deep.md", FuzzShapes.markdown(&r))
        case "html": c = wrap("deep.html", FuzzShapes.html(&r))
        case "csv": c = wrap("faq.csv", FuzzShapes.csv(&r))
        case "jsonl": c = wrap("faq.jsonl", FuzzShapes.jsonl(&r))
        case "docx": c = wrap("word.docx", FuzzShapes.docx(&r))
        case "utf8": c = wrap("bad" + ext(&r), FuzzShapes.invalidUTF8(&r))
        case "huge-line": c = wrap("line" + ext(&r), FuzzShapes.hugeLine(&r))
        case "garbage": c = wrap("junk" + ext(&r), (0..<r.size(1...65536)).map { _ in UInt8.random(in: 0...255, using: &r) })
        case "at-limit": c = atLimit(&r)
        default: c = mutate(&r)
        }
        if Int.random(in: 0..<100, using: &r) < 15 {
            c.format = DocumentFormat.allCases.filter { $0 != .graph }.randomElement(using: &r)
        }
        return c
    }

    private func ext(_ r: inout FuzzRandom) -> String {
        [".md", ".html", ".txt", ".csv", ".tsv", ".jsonl", ".json", ".docx", ""].randomElement(using: &r)!
    }

    /// A seed file with 1-8 random edits (bit flips, interesting bytes, inserted/deleted/repeated
    /// ranges, truncation, a splice with another seed); sometimes under another extension.
    private func mutate(_ r: inout FuzzRandom) -> FuzzCase {
        let seed = seeds.randomElement(using: &r)!
        var d = seed.data
        let interesting: [UInt8] = [0, 0xFF, 0x80, 0xC0, 0xED, 0x0A, 0x0D, 0x22, 0x2C, 0x3C, 0x3E, 0x26, 0x23, 0x5B, 0x7B, 0x60, 0x7C, 0x3E, 0x5C]
        for _ in 0..<Int.random(in: 1...8, using: &r) {
            if d.isEmpty { d = [0x23]; continue }
            let i = Int.random(in: 0..<d.count, using: &r)
            switch Int.random(in: 0..<8, using: &r) {
            case 0: d[i] ^= 1 << UInt8.random(in: 0...7, using: &r)
            case 1: d[i] = interesting.randomElement(using: &r)!
            case 2: d.insert(contentsOf: (0..<Int.random(in: 1...64, using: &r)).map { _ in UInt8.random(in: 0...255, using: &r) }, at: i)
            case 3: d.removeSubrange(i..<min(d.count, i + Int.random(in: 1...4096, using: &r)))
            case 4:
                let piece = Array(d[i..<min(d.count, i + Int.random(in: 1...256, using: &r))])
                let times = r.size(2...20000)
                d.insert(contentsOf: Array(repeating: piece, count: times).joined(), at: i)
                if d.count > 16 << 20 { d.removeSubrange((16 << 20)...) }
            case 5: d.removeSubrange(i...)
            case 6:
                let other = seeds.randomElement(using: &r)!.data
                let j = Int.random(in: 0...other.count, using: &r)
                d = Array(d[..<i]) + Array(other[j...])
            default: d.insert(contentsOf: interesting.randomElement(using: &r)!.repeated(r.size(1...100_000)), at: i)
            }
        }
        let name = Int.random(in: 0..<5, using: &r) == 0 ? "mutated" + ext(&r) : seed.name
        return FuzzCase(kind: "mutate", name: name, data: Data(d))
    }

    /// A seed file repeated up to the importer's size limit (32 MiB) or just over it: how long
    /// the largest accepted files take.
    private func atLimit(_ r: inout FuzzRandom) -> FuzzCase {
        let textSeeds = seeds.filter { !$0.name.hasSuffix(".docx") }
        let seed = textSeeds.randomElement(using: &r)!
        let limit = ImportLimits().maxFileBytes
        let target = Int.random(in: 0..<4, using: &r) == 0 ? limit + 1 : Int.random(in: limit / 2...limit, using: &r)
        var d = Data(capacity: target)
        while d.count + seed.data.count <= target { d.append(contentsOf: seed.data) }
        if Int.random(in: 0..<4, using: &r) == 0 { d.append(contentsOf: [UInt8](repeating: 0x61, count: max(0, target - d.count))) }
        return FuzzCase(kind: "at-limit", name: seed.name, data: d)
    }
}

extension UInt8 {
    func repeated(_ n: Int) -> [UInt8] { [UInt8](repeating: self, count: n) }
}
