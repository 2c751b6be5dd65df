/// Builds ZIP archives for the importer fuzzer (`switchboard bench fuzz`): well-formed DOCX
/// files to mutate, and hostile ones (bombs, traversal names, lying sizes, damaged directories).
/// Writing only; the product's reader is `Ingestion.ZipReader`.
struct FuzzZip {
    /// One entry as it will be written.
    struct Entry {
        var name: [UInt8]
        /// The bytes stored in the archive (already deflated when `method` is 8).
        var stored: [UInt8]
        /// 0 = stored, 8 = deflate (any other value is written as is).
        var method: UInt16 = 0
        /// Sizes and CRC written in the headers; nil = the true values.
        var declaredSize: UInt32? = nil
        var declaredCompressedSize: UInt32? = nil
        var crc: UInt32? = nil
        var flags: UInt16 = 0
        /// The true uncompressed size and CRC (for stored entries, of `stored`).
        var plainSize: Int
        var plainCRC: UInt32

        /// A stored entry.
        static func stored(_ name: String, _ bytes: [UInt8]) -> Entry {
            Entry(name: Array(name.utf8), stored: bytes, plainSize: bytes.count, plainCRC: CRC32.of(bytes))
        }

        /// A deflated entry (fixed-Huffman literals: valid, not small).
        static func deflated(_ name: String, _ bytes: [UInt8]) -> Entry {
            Entry(name: Array(name.utf8), stored: FixedDeflate.literals(bytes), method: 8,
                  plainSize: bytes.count, plainCRC: CRC32.of(bytes))
        }
    }

    var entries: [Entry] = []
    /// Overrides of the end-of-central-directory record (entry count, directory offset).
    var declaredCount: UInt16? = nil
    var declaredDirectoryOffset: UInt32? = nil
    var comment: [UInt8] = []

    /// The archive bytes.
    func bytes() -> [UInt8] {
        var out: [UInt8] = []
        var directory: [UInt8] = []
        for e in entries {
            let offset = UInt32(truncatingIfNeeded: out.count)
            let size = e.declaredSize ?? UInt32(truncatingIfNeeded: e.plainSize)
            let compressed = e.declaredCompressedSize ?? UInt32(truncatingIfNeeded: e.stored.count)
            let crc = e.crc ?? e.plainCRC
            out.le32(0x0403_4b50); out.le16(20); out.le16(e.flags); out.le16(e.method)
            out.le16(0); out.le16(0x21)  // time, date
            out.le32(crc); out.le32(compressed); out.le32(size)
            out.le16(UInt16(truncatingIfNeeded: e.name.count)); out.le16(0)
            out += e.name
            out += e.stored
            directory.le32(0x0201_4b50); directory.le16(20); directory.le16(20); directory.le16(e.flags); directory.le16(e.method)
            directory.le16(0); directory.le16(0x21)
            directory.le32(crc); directory.le32(compressed); directory.le32(size)
            directory.le16(UInt16(truncatingIfNeeded: e.name.count)); directory.le16(0); directory.le16(0)
            directory.le16(0); directory.le16(0); directory.le32(0); directory.le32(offset)
            directory += e.name
        }
        let directoryOffset = UInt32(truncatingIfNeeded: out.count)
        out += directory
        let count = declaredCount ?? UInt16(truncatingIfNeeded: entries.count)
        out.le32(0x0605_4b50); out.le16(0); out.le16(0); out.le16(count); out.le16(count)
        out.le32(UInt32(truncatingIfNeeded: directory.count)); out.le32(declaredDirectoryOffset ?? directoryOffset)
        out.le16(UInt16(truncatingIfNeeded: comment.count))
        out += comment
        return out
    }

    /// A minimal Word document: `[Content_Types].xml`, `word/document.xml` (and styles).
    static func docx(documentXML: [UInt8], deflate: Bool = true) -> FuzzZip {
        let types = Array(#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#.utf8)
        let styles = Array(#"<w:styles><w:style w:styleId="Heading1"><w:name w:val="heading 1"/></w:style></w:styles>"#.utf8)
        func make(_ name: String, _ bytes: [UInt8]) -> Entry { deflate ? .deflated(name, bytes) : .stored(name, bytes) }
        return FuzzZip(entries: [make("[Content_Types].xml", types), make("word/styles.xml", styles),
                                 make("word/document.xml", documentXML)])
    }

    /// `document.xml` with the given paragraphs (the first as Heading 1).
    static func documentXML(paragraphs: [String]) -> [UInt8] {
        var xml = #"<?xml version="1.0" encoding="UTF-8"?><w:document><w:body>"#
        for (i, p) in paragraphs.enumerated() {
            let style = i == 0 ? #"<w:pPr><w:pStyle w:val="Heading1"/></w:pPr>"# : ""
            xml += "<w:p>\(style)<w:r><w:t>\(p)</w:t></w:r></w:p>"
        }
        return Array((xml + "</w:body></w:document>").utf8)
    }
}

/// Raw DEFLATE with the fixed Huffman table (RFC 1951 §3.2.6): enough to write valid streams
/// and highly repetitive ones (bombs), without zlib.
enum FixedDeflate {
    /// `bytes` as literals in one final block.
    static func literals(_ bytes: [UInt8]) -> [UInt8] {
        var w = BitWriter()
        w.bits(1, 1); w.bits(1, 2)  // BFINAL, BTYPE = fixed
        for b in bytes { w.literal(Int(b)) }
        w.literal(256)
        return w.finish()
    }

    /// `pattern` repeated until `total` bytes: the pattern once as literals, then matches of
    /// length 258 at distance `pattern.count` (1...32768). About 17 bits per 258 output bytes.
    static func repeating(_ pattern: [UInt8], total: Int) -> [UInt8] {
        precondition(!pattern.isEmpty && pattern.count <= 32768, "pattern must be 1...32768 bytes")
        var w = BitWriter()
        w.bits(1, 1); w.bits(1, 2)
        var written = 0
        while written < min(pattern.count, total) { w.literal(Int(pattern[written])); written += 1 }
        while total - written >= 258 {
            w.huffman(0xC5, 8)  // length symbol 285 = 258, no extra bits
            w.distance(pattern.count)
            written += 258
        }
        while written < total { w.literal(Int(pattern[written % pattern.count])); written += 1 }
        w.literal(256)
        return w.finish()
    }

    struct BitWriter {
        var out: [UInt8] = []
        var buffer: UInt64 = 0
        var count = 0

        /// `n` bits of `value`, least significant first.
        mutating func bits(_ value: Int, _ n: Int) {
            buffer |= UInt64(value) << UInt64(count)
            count += n
            while count >= 8 { out.append(UInt8(truncatingIfNeeded: buffer)); buffer >>= 8; count -= 8 }
        }

        /// A Huffman code: most significant bit first.
        mutating func huffman(_ code: Int, _ length: Int) {
            var reversed = 0
            for i in 0..<length where code & (1 << i) != 0 { reversed |= 1 << (length - 1 - i) }
            bits(reversed, length)
        }

        mutating func literal(_ symbol: Int) {
            switch symbol {
            case 0...143: huffman(0x30 + symbol, 8)
            case 144...255: huffman(0x190 + symbol - 144, 9)
            case 256...279: huffman(symbol - 256, 7)
            default: huffman(0xC0 + symbol - 280, 8)
            }
        }

        mutating func distance(_ d: Int) {
            var code = 0, base = 1, extra = 0
            // Distance codes: two per extra-bit count after the first four.
            while true {
                let e = code < 4 ? 0 : (code - 2) / 2
                if d < base + (1 << e) { extra = e; break }
                base += 1 << e
                code += 1
            }
            huffman(code, 5)
            if extra > 0 { bits(d - base, extra) }
        }

        mutating func finish() -> [UInt8] {
            if count > 0 { out.append(UInt8(truncatingIfNeeded: buffer)) }
            return out
        }
    }
}

/// CRC-32 (IEEE), as ZIP headers carry it.
enum CRC32 {
    static let table: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    static func of(_ bytes: [UInt8]) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for b in bytes { c = table[Int((c ^ UInt32(b)) & 0xFF)] ^ (c >> 8) }
        return c ^ 0xFFFF_FFFF
    }
}

fileprivate extension [UInt8] {
    mutating func le16(_ v: UInt16) { append(UInt8(v & 0xFF)); append(UInt8(v >> 8)) }
    mutating func le32(_ v: UInt32) { le16(UInt16(v & 0xFFFF)); le16(UInt16(v >> 16)) }
}
