import Foundation

/// A small JSON reader and `Decoder` for the common shape of JSONL records (objects of strings,
/// whole numbers, decimals, booleans, nulls, arrays and string maps), several times faster than
/// `JSONDecoder`, whose per-object generic containers dominated the import of large JSONL files.
///
/// It is only a fast path: anything it does not handle exactly as `JSONDecoder` does (duplicate
/// keys, `\u` surrogates, numbers out of range or not whole for `Int`, `Float`, `Date`, `Data`,
/// `URL`, `Decimal`, super-decoders, nesting deeper than 64, malformed text) throws
/// `FastJSON.Unsupported`, and the caller decodes the same text with `JSONDecoder`. So a value it
/// returns is the one `JSONDecoder` returns, and every error comes from `JSONDecoder`.
enum FastJSON {
    /// Thrown for anything outside the fast path; never shown to users.
    struct Unsupported: Error {}

    /// A parsed value. Numbers keep their text; objects keep their members in order.
    indirect enum Value {
        case null
        case bool(Bool)
        case number(Substring)
        case string(String)
        case array([Value])
        case object([(key: String, value: Value)])
    }

    /// Decodes one JSON text (a JSONL line) as `T`.
    static func decode<T: Decodable>(_ type: T.Type, from bytes: ArraySlice<UInt8>) throws -> T {
        var reader = Reader(bytes: bytes)
        let value = try reader.document()
        return try ValueDecoder(value: value).decode(T.self)
    }

    /// A strict RFC 8259 parser over UTF-8 bytes (already validated).
    struct Reader {
        let bytes: ArraySlice<UInt8>
        var i: Int

        init(bytes: ArraySlice<UInt8>) {
            self.bytes = bytes
            i = bytes.startIndex
        }

        mutating func document() throws -> Value {
            let value = try self.value(depth: 0)
            skipSpace()
            guard i == bytes.endIndex else { throw Unsupported() }
            return value
        }

        private mutating func skipSpace() {
            while i < bytes.endIndex, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
        }

        private mutating func value(depth: Int) throws -> Value {
            guard depth < 64 else { throw Unsupported() }
            skipSpace()
            guard i < bytes.endIndex else { throw Unsupported() }
            switch bytes[i] {
            case UInt8(ascii: "{"):
                i += 1
                var members: [(key: String, value: Value)] = []
                skipSpace()
                if i < bytes.endIndex && bytes[i] == UInt8(ascii: "}") { i += 1; return .object(members) }
                while true {
                    skipSpace()
                    guard i < bytes.endIndex, bytes[i] == UInt8(ascii: "\"") else { throw Unsupported() }
                    let key = try string()
                    if members.contains(where: { $0.key == key }) { throw Unsupported() }
                    skipSpace()
                    guard i < bytes.endIndex, bytes[i] == UInt8(ascii: ":") else { throw Unsupported() }
                    i += 1
                    members.append((key, try value(depth: depth + 1)))
                    skipSpace()
                    guard i < bytes.endIndex else { throw Unsupported() }
                    if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                    guard bytes[i] == UInt8(ascii: "}") else { throw Unsupported() }
                    i += 1
                    return .object(members)
                }
            case UInt8(ascii: "["):
                i += 1
                var elements: [Value] = []
                skipSpace()
                if i < bytes.endIndex && bytes[i] == UInt8(ascii: "]") { i += 1; return .array(elements) }
                while true {
                    elements.append(try value(depth: depth + 1))
                    skipSpace()
                    guard i < bytes.endIndex else { throw Unsupported() }
                    if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                    guard bytes[i] == UInt8(ascii: "]") else { throw Unsupported() }
                    i += 1
                    return .array(elements)
                }
            case UInt8(ascii: "\""):
                return .string(try string())
            case UInt8(ascii: "t"): try literal("true"); return .bool(true)
            case UInt8(ascii: "f"): try literal("false"); return .bool(false)
            case UInt8(ascii: "n"): try literal("null"); return .null
            default:
                return try number()
            }
        }

        private mutating func literal(_ word: StaticString) throws {
            let n = word.utf8CodeUnitCount
            guard bytes.endIndex - i >= n else { throw Unsupported() }
            for k in 0..<n where bytes[i + k] != word.utf8Start[k] { throw Unsupported() }
            i += n
        }

        /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`
        private mutating func number() throws -> Value {
            let start = i
            func digits() -> Int {
                let s = i
                while i < bytes.endIndex, bytes[i] >= 0x30 && bytes[i] <= 0x39 { i += 1 }
                return i - s
            }
            if i < bytes.endIndex && bytes[i] == UInt8(ascii: "-") { i += 1 }
            let first = i
            guard digits() > 0 else { throw Unsupported() }
            if bytes[first] == 0x30 && i - first > 1 { throw Unsupported() }
            if i < bytes.endIndex && bytes[i] == UInt8(ascii: ".") {
                i += 1
                guard digits() > 0 else { throw Unsupported() }
            }
            if i < bytes.endIndex && (bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E")) {
                i += 1
                if i < bytes.endIndex && (bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-")) { i += 1 }
                guard digits() > 0 else { throw Unsupported() }
            }
            return .number(Substring(String(decoding: bytes[start..<i], as: UTF8.self)))
        }

        /// A string at `"`; escapes other than `\u` surrogates resolved.
        private mutating func string() throws -> String {
            i += 1
            let start = i
            while i < bytes.endIndex {
                let b = bytes[i]
                if b == UInt8(ascii: "\"") {
                    let s = String(decoding: bytes[start..<i], as: UTF8.self)
                    i += 1
                    return s
                }
                if b == UInt8(ascii: "\\") { break }
                guard b >= 0x20 else { throw Unsupported() }
                i += 1
            }
            var out = [UInt8](bytes[start..<i])
            while i < bytes.endIndex {
                let b = bytes[i]
                if b == UInt8(ascii: "\"") { i += 1; return String(decoding: out, as: UTF8.self) }
                guard b >= 0x20 else { throw Unsupported() }
                guard b == UInt8(ascii: "\\") else { out.append(b); i += 1; continue }
                guard i + 1 < bytes.endIndex else { throw Unsupported() }
                let e = bytes[i + 1]
                i += 2
                switch e {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    guard bytes.endIndex - i >= 4 else { throw Unsupported() }
                    var v: UInt32 = 0
                    for _ in 0..<4 {
                        let h = bytes[i]
                        let d: UInt32
                        switch h {
                        case 0x30...0x39: d = UInt32(h - 0x30)
                        case 0x41...0x46: d = UInt32(h - 0x41 + 10)
                        case 0x61...0x66: d = UInt32(h - 0x61 + 10)
                        default: throw Unsupported()
                        }
                        v = v << 4 | d
                        i += 1
                    }
                    guard v != 0, let scalar = Unicode.Scalar(v) else { throw Unsupported() }  // NUL, surrogates
                    UTF8.encode(scalar) { out.append($0) }
                default:
                    throw Unsupported()
                }
            }
            throw Unsupported()
        }
    }
}
