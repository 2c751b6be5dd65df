/// Hand-made hostile shapes, one function per format (see `FuzzInputs`). Sizes are drawn
/// log-uniformly, so most cases are small and a few reach megabytes.
enum FuzzShapes {
    static func markdown(_ r: inout FuzzRandom) -> [UInt8] {
        let n = r.size(10...200_000)
        switch Int.random(in: 0..<10, using: &r) {
        case 0: return fuzzRepeat(">", n) + fuzzBytes(" deep quote\n")
        case 1: return (0..<min(n, 2_000)).flatMap { i in [UInt8](repeating: 0x20, count: i * 2) + fuzzBytes("- item\n") }
        case 2: return fuzzRepeat("# heading\n", n)
        case 3: return fuzzRepeat("[", n) + fuzzRepeat("](", n) + fuzzRepeat(")", n)
        case 4: return fuzzRepeat("**_`", n)
        case 5: return fuzzBytes("| h |\n|") + fuzzRepeat("---|", n) + [10] + fuzzRepeat("| x ", n) + [10]
        case 6: return fuzzBytes("```\n") + fuzzRepeat("code line with no closing fence\n", n)
        case 7: return fuzzRepeat("<div><span>", n) + fuzzBytes(" html inside markdown")
        case 8: return fuzzRepeat("1. ", n) + fuzzBytes("numbered\n") + fuzzRepeat("    ", n) + fuzzBytes("indented\n")
        default: return fuzzRepeat("\\", n) + fuzzRepeat("&#x1F600;&amp;&#99999999999;", n / 20 + 1)
        }
    }

    static func html(_ r: inout FuzzRandom) -> [UInt8] {
        let n = r.size(10...200_000)
        switch Int.random(in: 0..<10, using: &r) {
        case 0: return fuzzRepeat("<div>", n) + fuzzBytes("deep") + fuzzRepeat("</div>", n)
        case 1: return fuzzRepeat("<table><tr><td>", n) + fuzzBytes("cell")
        case 2: return fuzzBytes("<p title=\"") + fuzzRepeat("a", n) + fuzzBytes(">x</p>")
        case 3: return fuzzBytes("<!--") + fuzzRepeat("- not closed <p>", n)
        case 4: return fuzzBytes("<script>") + fuzzRepeat("if (a<b) { </scr", n)
        case 5: return fuzzRepeat("&#", n) + fuzzRepeat("&amp;&lt;&#x110000;&#0;&nbsp", n / 10 + 1)
        case 6: return fuzzRepeat("<h1><h2><h3>", n) + fuzzBytes("title")
        case 7: return fuzzRepeat("<", n) + fuzzRepeat(">", n)
        case 8: return fuzzBytes("<![CDATA[") + fuzzRepeat("]]", n)
        default: return fuzzRepeat("<ul><li>", n) + fuzzRepeat("</ol>", n)
        }
    }

    static func csv(_ r: inout FuzzRandom) -> [UInt8] {
        let header = fuzzBytes("id,question,similar_questions,answer,tags\n")
        let n = r.size(1...50_000)
        switch Int.random(in: 0..<8, using: &r) {
        case 0: return header + fuzzBytes("F1,\"unclosed question,a,b\n") + fuzzRepeat("more,\"\"\"rows\n", n)
        case 1: return fuzzRepeat("question,", 10_000) + fuzzBytes("answer\n") + fuzzRepeat("x,", 10_000) + [10]
        case 2: return header + fuzzRepeat("F,q,s,a,t\n", n)
        case 3: return header + fuzzRepeat(",,,,\n", n)
        case 4: return header + fuzzBytes("F1,\"multi\nline\r\nquestion\",s,\"a\"x\"b\",t\n") + fuzzRepeat("\"", n)
        case 5: return fuzzBytes("question,question,answer,answer\n") + fuzzRepeat("q,q,a,a\r", n)
        case 6: return header + fuzzBytes("F1,q\0null,s,a,t\n") + fuzzRepeat("\t", n)
        default: return fuzzBytes("text,label\n") + fuzzRepeat("\"a\"\"b\",\"", n)
        }
    }

    static func jsonl(_ r: inout FuzzRandom) -> [UInt8] {
        let n = r.size(10...100_000)
        let faq = fuzzBytes(#"{"question":"Q?","answer":"A","similar":["#)
        switch Int.random(in: 0..<10, using: &r) {
        case 0: return faq + fuzzRepeat("[", n) + fuzzRepeat("]", n) + fuzzBytes("]}\n")
        case 1: return fuzzBytes(#"{"question":"Q?","answer":"#) + fuzzRepeat(#"{"a":"#, n) + fuzzBytes("1") + fuzzRepeat("}", n) + fuzzBytes("}\n")
        case 2: return fuzzBytes(#"{"question":"Q?","answer":"A","tags":[1e999999,-0,"#) + fuzzRepeat("9", n) + fuzzBytes("]}\n")
        case 3: return fuzzBytes(#"{"question":"\ud800\udc00\udfff\ud800","answer":"\u0000"}"#) + [10]
        case 4: return fuzzRepeat("[", n) + fuzzRepeat("]", n)
        case 5: return fuzzRepeat(#"{"question":"Q?","answer":"A","id":"same"}"# + "\n", n)
        case 6: return fuzzBytes(#"{"question":5,"answer":null,"similar":{},"tags":"x"}"#) + [10]
        case 7: return fuzzBytes(#"{"question":"Q?","question":"again","answer":""#) + fuzzRepeat("long ", n) + fuzzBytes("\"}\n")
        case 8: return fuzzBytes(#"{"text":"t","label":"l"}"#) + [10] + fuzzRepeat("{\"text\":", n)
        default: return fuzzRepeat("{\"session\":\"s\",\"speaker\":\"x\",\"text\":\"", 1) + fuzzRepeat("\\\"", n) + fuzzBytes("\"}\n")
        }
    }

    static func invalidUTF8(_ r: inout FuzzRandom) -> [UInt8] {
        let n = r.size(1...100_000)
        switch Int.random(in: 0..<7, using: &r) {
        case 0: return (0..<n).map { _ in UInt8.random(in: 0x80...0xFF, using: &r) }
        case 1: return fuzzRepeat("# ok ", 3) + [0xE6, 0xBE] + fuzzRepeat("text", n)          // truncated sequence
        case 2: return fuzzRepeat("\u{1}", 1) + [UInt8]([0xC0, 0xAF, 0xE0, 0x80, 0xAF]).repeated(n)   // overlong
        case 3: return [UInt8]([0xED, 0xA0, 0x80, 0xED, 0xBF, 0xBF]).repeated(n)           // encoded surrogates
        case 4: return [0xFF, 0xFE] + fuzzBytes("a") + (0..<n).map { _ in UInt8.random(in: 0...255, using: &r) } // UTF-16 LE, odd
        case 5: return [0xFE, 0xFF, 0xD8, 0x00] + [UInt8]([0x00, 0x41]).repeated(n)       // UTF-16 BE, lone surrogate
        default: return [0xEF, 0xBB, 0xBF] + [UInt8]([0xF4, 0x90, 0x80, 0x80, 0x41]).repeated(n)  // beyond U+10FFFF
        }
    }

    static func hugeLine(_ r: inout FuzzRandom) -> [UInt8] {
        let n = r.size(100_000...8 << 20)
        switch Int.random(in: 0..<4, using: &r) {
        case 0: return fuzzBytes("# ") + fuzzRepeat("a", n)
        case 1: return fuzzRepeat("澜", n / 3)
        case 2: return fuzzRepeat("word ", n / 5)
        default: return fuzzRepeat("E7款, 30% ", n / 12)
        }
    }

    static func docx(_ r: inout FuzzRandom) -> [UInt8] {
        let body = FuzzZip.documentXML(paragraphs: ["Title", "Some body text", "More"])
        var zip = FuzzZip.docx(documentXML: body)
        switch Int.random(in: 0..<16, using: &r) {
        case 0, 1:  // bomb within the ratio limit: honest sizes, up to the 128 MiB total (CRC not computed: the reader ignores CRCs)
            let total = r.size(1 << 20...128 << 20)
            let pattern = fuzzBytes("<w:p><w:r><w:t>bomb</w:t></w:r></w:p>")
            var e = FuzzZip.Entry.stored("word/document.xml", [])
            e.method = 8
            e.stored = FixedDeflate.repeating(pattern, total: total)
            e.plainSize = total
            zip.entries[2] = e
        case 2:  // bomb of zeros with a lying (small) declared size
            let total = r.size(1 << 20...256 << 20)
            zip.entries[2].stored = FixedDeflate.repeating([0x3C], total: total)
            zip.entries[2].declaredSize = UInt32(Int.random(in: 0...4096, using: &r))
        case 3:  // declared sizes at the edges
            zip.entries[2].declaredSize = [0xFFFF_FFFF, 0x7FFF_FFFF, 128 << 20, 0].randomElement(using: &r)!
        case 4:  // path traversal and odd names
            let bad = ["../../etc/passwd", "/etc/passwd", "C:\\x", "word/../../x", "a\0b", "..", "word\\document.xml"]
            zip.entries.append(.stored(bad.randomElement(using: &r)!, fuzzBytes("x")))
        case 5:  // duplicate entries, the second one different
            zip.entries.append(.stored("word/document.xml", FuzzZip.documentXML(paragraphs: ["Second"])))
        case 6: zip.entries[2].crc = UInt32.random(in: 0...UInt32.max, using: &r)   // bad CRC
        case 7:  // truncated central directory / archive
            var b = zip.bytes()
            if Bool.random(using: &r) {
                b.removeSubrange(Int.random(in: 0...(b.count - 22), using: &r)..<(b.count - 22))  // keeps the EOCD record
            } else {
                b.removeSubrange(Int.random(in: 0..<b.count, using: &r)...)
            }
            return b
        case 8: zip.declaredCount = [0, 2, 100, 0xFFFF, 10_001].randomElement(using: &r)!
        case 9: zip.declaredDirectoryOffset = [0, 1, 0xFFFF_FFFE, 0xFFFF_FFFF].randomElement(using: &r)!
        case 10: zip.entries[2].method = [1, 9, 12, 14, 99, 0xFFFF].randomElement(using: &r)!
        case 11: zip.entries[2].flags = 1   // encrypted
        case 12:  // deep XML nesting inside the document
            let n = r.size(100...200_000)
            zip.entries[2] = .deflated("word/document.xml", fuzzRepeat("<w:tbl><w:tr><w:tc><w:p>", n) + fuzzBytes("deep"))
        case 13:  // many entries
            for i in 0..<r.size(100...12_000) { zip.entries.append(.stored("word/media/e\(i).bin", [])) }
        case 14:  // a ZIP nested in the document entry, and a comment full of fake EOCD records
            zip.entries[2] = .stored("word/document.xml", FuzzZip.docx(documentXML: body).bytes())
            zip.comment = Array([UInt8]([0x50, 0x4B, 0x05, 0x06]).repeated(Int.random(in: 1...1000, using: &r)).prefix(65_535))
        default:  // corrupt deflate data
            var stored = zip.entries[2].stored
            for _ in 0..<Int.random(in: 1...8, using: &r) where !stored.isEmpty {
                stored[Int.random(in: 0..<stored.count, using: &r)] ^= UInt8.random(in: 1...255, using: &r)
            }
            zip.entries[2].stored = stored
        }
        return zip.bytes()
    }
}

extension [UInt8] {
    /// The array repeated `n` times.
    func repeated(_ n: Int) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(count * Swift.max(n, 0))
        for _ in 0..<Swift.max(n, 0) { out.append(contentsOf: self) }
        return out
    }
}

/// The UTF-8 bytes of `s` repeated `n` times.
func fuzzRepeat(_ s: String, _ n: Int) -> [UInt8] { Array(s.utf8).repeated(n) }

/// The UTF-8 bytes of `s`.
func fuzzBytes(_ s: String) -> [UInt8] { Array(s.utf8) }
