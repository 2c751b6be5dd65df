import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Turns raw file bytes into validated UTF-8 bytes: UTF-8 (an optional BOM is stripped), UTF-16
/// with a byte-order mark, or Chinese text in GB18030/GBK (what Excel and Notepad on a Chinese
/// Windows save), told by its shape (see `looksLikeGB`). Anything else, or text containing NUL,
/// is `.undecodable`.
enum TextDecoding {
    /// The text as UTF-8 bytes, without BOM.
    static func utf8Bytes(_ data: Data) throws(ParseFailure) -> [UInt8] {
        let bytes = [UInt8](data)
        if bytes.count >= 2, (bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF) {
            return try utf16(bytes, littleEndian: bytes[0] == 0xFF)
        }
        var start = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
        let body = bytes[start...]
        let hasNUL = body.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return false }
            return memchr(base, 0, buffer.count) != nil
        }
        if hasNUL {
            throw ParseFailure(.undecodable, "binary content (NUL byte); expected UTF-8 or UTF-16 text")
        }
        if let bad = firstInvalidUTF8(body) {
            if start == 0, let converted = gb18030(body) { return converted }
            throw ParseFailure(.undecodable, "invalid UTF-8 at byte \(bad); expected UTF-8, UTF-16 with BOM, or Chinese text in GB18030/GBK")
        }
        return start == 0 ? bytes : Array(body)
    }

    /// The decoded text as a String.
    static func string(_ data: Data) throws(ParseFailure) -> String {
        String(decoding: try utf8Bytes(data), as: UTF8.self)
    }

    /// The offset of the first byte that is not part of a well-formed UTF-8 sequence, or nil.
    static func firstInvalidUTF8(_ bytes: ArraySlice<UInt8>) -> Int? {
        var i = bytes.startIndex
        let end = bytes.endIndex
        while i < end {
            let b = bytes[i]
            if b < 0x80 {
                // ASCII: skip eight bytes at a time while none has the high bit.
                i = bytes.withUnsafeBytes { raw in
                    var k = i - bytes.startIndex + 1
                    while k + 8 <= raw.count && raw.loadUnaligned(fromByteOffset: k, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 { k += 8 }
                    return k + bytes.startIndex
                }
                continue
            }
            let length: Int
            var lower: UInt8 = 0x80, upper: UInt8 = 0xBF
            switch b {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; lower = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; upper = 0x9F
            case 0xF0: length = 4; lower = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; upper = 0x8F
            default: return i - bytes.startIndex
            }
            guard i + length <= end else { return i - bytes.startIndex }
            let second = bytes[i + 1]
            guard second >= lower && second <= upper else { return i - bytes.startIndex }
            for j in 2..<length where bytes[i + j] & 0xC0 != 0x80 { return i - bytes.startIndex }
            i += length
        }
        return nil
    }

    /// Whether bytes that are not UTF-8 read as Chinese GB text: at least `minimumGBCharacters`
    /// two-byte characters, and nearly all (90%) of them in GB2312's hanzi and punctuation block
    /// (lead and trail bytes 0xA1–0xFE), where Chinese text keeps nearly all its characters.
    /// Broken UTF-8 fails it: its continuation bytes 0x80–0xA0 are not GB2312 trail bytes. So do
    /// random bytes (about a third of their pairs fall in the block).
    static func looksLikeGB(_ bytes: ArraySlice<UInt8>) -> Bool {
        var pairs = 0, common = 0
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let b = bytes[i]
            if b < 0x80 { i += 1; continue }
            guard b >= 0x81, b <= 0xFE, i + 1 < bytes.endIndex else { return false }
            let t = bytes[i + 1]
            if t >= 0x30 && t <= 0x39 { i += 4; pairs += 1; continue }  // a four-byte GB18030 sequence
            pairs += 1
            if b >= 0xA1 && t >= 0xA1 && t <= 0xFE { common += 1 }
            i += 2
        }
        return common >= minimumGBCharacters && Double(common) >= 0.9 * Double(pairs)
    }

    static let minimumGBCharacters = 4

    /// GB18030 (a superset of GBK and GB2312) converted to UTF-8 with the C library's iconv, when
    /// `looksLikeGB` and every byte converts; nil otherwise.
    static func gb18030(_ bytes: ArraySlice<UInt8>) -> [UInt8]? {
        guard looksLikeGB(bytes) else { return nil }
        let converter = iconv_open("UTF-8", "GB18030")
        guard Int(bitPattern: converter) != -1 else { return nil }
        defer { iconv_close(converter) }
        var input = Array(bytes)
        var output = [UInt8](repeating: 0, count: input.count * 2 + 16)  // UTF-8 takes at most 1.5× GB's bytes
        var inputLeft = input.count, outputLeft = output.count
        let result = input.withUnsafeMutableBytes { inBuffer in
            output.withUnsafeMutableBytes { outBuffer in
                var inPointer = inBuffer.baseAddress?.assumingMemoryBound(to: CChar.self)
                var outPointer = outBuffer.baseAddress?.assumingMemoryBound(to: CChar.self)
                return iconv(converter, &inPointer, &inputLeft, &outPointer, &outputLeft)
            }
        }
        guard result != -1, inputLeft == 0 else { return nil }  // size_t is Int here; (size_t)-1 is failure
        output.removeLast(outputLeft)
        return firstInvalidUTF8(output[...]) == nil ? output : nil
    }

    private static func utf16(_ bytes: [UInt8], littleEndian: Bool) throws(ParseFailure) -> [UInt8] {
        guard bytes.count % 2 == 0 else {
            throw ParseFailure(.undecodable, "UTF-16 text with an odd number of bytes")
        }
        var out = [UInt8]()
        out.reserveCapacity(bytes.count)
        var i = 2
        func unit(_ at: Int) -> UInt16 {
            littleEndian ? UInt16(bytes[at]) | UInt16(bytes[at + 1]) << 8 : UInt16(bytes[at]) << 8 | UInt16(bytes[at + 1])
        }
        while i < bytes.count {
            let u = unit(i)
            i += 2
            var scalarValue = UInt32(u)
            if (0xD800...0xDBFF).contains(u) {
                guard i < bytes.count else { throw ParseFailure(.undecodable, "truncated UTF-16 surrogate pair") }
                let low = unit(i)
                guard (0xDC00...0xDFFF).contains(low) else { throw ParseFailure(.undecodable, "unpaired UTF-16 surrogate") }
                i += 2
                scalarValue = 0x10000 + ((UInt32(u) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
            } else if (0xDC00...0xDFFF).contains(u) {
                throw ParseFailure(.undecodable, "unpaired UTF-16 surrogate")
            }
            guard scalarValue != 0, let scalar = Unicode.Scalar(scalarValue) else {
                throw ParseFailure(.undecodable, "binary content (NUL) in UTF-16 text")
            }
            UTF8.encode(scalar) { out.append($0) }
        }
        return out
    }

    /// True when the text has nothing but whitespace (ASCII, no-break and ideographic spaces).
    static func isBlank(_ bytes: [UInt8]) -> Bool {
        for b in bytes where !(b == 0x20 || (b >= 0x09 && b <= 0x0D)) {
            if b < 0x80 { return false }
            return String(decoding: bytes, as: UTF8.self).unicodeScalars.allSatisfy { $0.properties.isWhitespace }
        }
        return true
    }
}
