import Foundation

/// The JSON writer for API responses: bytes are written as the value encodes itself, with no
/// intermediate tree, no per-value type probing and no key sorting pass. Foundation's
/// `JSONEncoder` builds a tree of every response, sorts each object's keys and checks every
/// value for its special types; on a conversation turn (≈5 KB of JSON) that was a tenth of
/// the server's CPU.
///
/// Output: object keys in the order the type encodes them (declaration order for synthesized
/// `Codable`), except string-keyed dictionaries, written with their keys sorted so that a
/// response is the same bytes every time; numbers and strings as `JSONEncoder` writes them
/// (`1` for 1.0, shortest round-trip digits, slashes unescaped).
///
/// What a streaming writer cannot do faithfully makes `encode` throw `Unsupported`, and the
/// caller falls back to `JSONEncoder`: `Data`, `URL` and `Decimal` values (which `JSONEncoder`
/// special-cases), `superEncoder`, a container written to after a later one was opened, and
/// non-finite numbers.
public enum StreamingJSON {
    public struct Unsupported: Error {}

    public static func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        let w = Writer()
        try w.value(value)
        w.close(downTo: 0)
        if w.failed { throw Unsupported() }
        return w.bytes
    }

    /// The output and the containers open in it, innermost last. A container is closed when
    /// its parent writes its next element, or at the end: a value's own encoder may ask for its
    /// keyed container twice (a type encoding a wrapped record's fields, then its own), and the
    /// second request continues the same object.
    final class Writer {
        /// The state sits behind a pointer: stored properties of a class pay a dynamic
        /// exclusivity check on every access, and a response makes thousands.
        struct State {
            var bytes: [UInt8] = []
            /// Open containers: whether each is an object, and how many elements it has so far.
            var open: [(object: Bool, count: Int)] = []
            var failed = false
        }
        private let state: UnsafeMutablePointer<State>

        var bytes: [UInt8] {
            _read { yield state.pointee.bytes }
            _modify { yield &state.pointee.bytes }
        }
        var open: [(object: Bool, count: Int)] {
            _read { yield state.pointee.open }
            _modify { yield &state.pointee.open }
        }
        var failed: Bool {
            get { state.pointee.failed }
            set { state.pointee.failed = newValue }
        }

        init() {
            state = .allocate(capacity: 1)
            state.initialize(to: State())
            state.pointee.bytes.reserveCapacity(1024)
        }

        deinit {
            state.deinitialize(count: 1)
            state.deallocate()
        }

        /// Writes the closing brackets of containers deeper than `level`.
        func close(downTo level: Int) {
            while open.count > level { bytes.append(open.removeLast().object ? UInt8(ascii: "}") : UInt8(ascii: "]")) }
        }

        /// Opens a container for the value whose encoder sits at `level`.
        func begin(object: Bool, at level: Int) {
            if open.count == level {
                bytes.append(object ? UInt8(ascii: "{") : UInt8(ascii: "["))
                open.append((object, 0))
            } else if !(object && open.count == level + 1 && open[level].object) {
                failed = true
            }
        }

        /// Makes the container at depth `level` (1-based) the innermost one and starts its next
        /// element; false when that container was closed already.
        func nextElement(in level: Int) -> Bool {
            close(downTo: level)
            guard open.count == level else { failed = true; return false }
            if open[level - 1].count > 0 { bytes.append(UInt8(ascii: ",")) }
            open[level - 1].count += 1
            return true
        }

        func key(_ key: String, in level: Int) -> Bool {
            guard nextElement(in: level) else { return false }
            string(key)
            bytes.append(UInt8(ascii: ":"))
            return true
        }

        /// Any value at the current position.
        func value<T: Encodable>(_ value: T) throws {
            // The common leaves without a dynamic cast: an exact type match, then a bit cast.
            if T.self == String.self { return string(unsafeBitCast(value, to: String.self)) }
            if T.self == Double.self { return try number(unsafeBitCast(value, to: Double.self)) }
            if T.self == Int.self { return literal(String(unsafeBitCast(value, to: Int.self))) }
            if T.self == Bool.self { return literal(unsafeBitCast(value, to: Bool.self) ? "true" : "false") }
            if T.self == Float.self { return try number(unsafeBitCast(value, to: Float.self)) }
            // The other integer types (their container methods default to this generic path).
            if integer(value, Int64.self) || integer(value, Int32.self) || integer(value, Int16.self) || integer(value, Int8.self)
                || integer(value, UInt.self) || integer(value, UInt64.self) || integer(value, UInt32.self)
                || integer(value, UInt16.self) || integer(value, UInt8.self) { return }
            if T.self == Data.self || T.self == URL.self || T.self == Decimal.self { throw Unsupported() }
            if let dictionary = value as? any SortedKeysEncodable { return try dictionary.encodeSorted(into: self) }
            let level = open.count, start = bytes.count
            try value.encode(to: ValueEncoder(writer: self, level: level))
            close(downTo: level)
            // A type that encoded nothing is an empty object, as `JSONEncoder` writes it.
            if bytes.count == start { literal("{}") }
        }

        /// Writes `value` when `T` is `I`.
        private func integer<T, I: BinaryInteger>(_ value: T, _ type: I.Type) -> Bool {
            guard T.self == I.self else { return false }
            literal(String(unsafeBitCast(value, to: I.self)))
            return true
        }

        func literal(_ text: String) {
            var text = text
            text.withUTF8 { bytes.append(contentsOf: $0) }
        }

        func number(_ x: Double) throws {
            guard x.isFinite else { throw Unsupported() }
            literal(Self.trimmed(x.description))
        }

        func number(_ x: Float) throws {
            guard x.isFinite else { throw Unsupported() }
            literal(Self.trimmed(x.description))
        }

        /// "1.0" → "1", as `JSONEncoder` writes integral values.
        static func trimmed(_ s: String) -> String { s.hasSuffix(".0") ? String(s.dropLast(2)) : s }

        func string(_ s: String) {
            var s = s
            s.withUTF8 { utf8 in
                bytes.append(UInt8(ascii: "\""))
                var run = 0   // start of the bytes not yet copied
                for (i, b) in utf8.enumerated() where b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") {
                    bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run..<i]))
                    run = i + 1
                    bytes.append(UInt8(ascii: "\\"))
                    switch b {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(b)
                    case 0x0A: bytes.append(UInt8(ascii: "n"))
                    case 0x0D: bytes.append(UInt8(ascii: "r"))
                    case 0x09: bytes.append(UInt8(ascii: "t"))
                    case 0x08: bytes.append(UInt8(ascii: "b"))
                    case 0x0C: bytes.append(UInt8(ascii: "f"))
                    default:
                        let hex = Array("0123456789abcdef".utf8)
                        bytes.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(b >> 4)], hex[Int(b & 15)]])
                    }
                }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run...]))
                bytes.append(UInt8(ascii: "\""))
            }
        }
    }

    /// The encoder of one value; `level` is how many containers were open when it began.
    struct ValueEncoder: Encoder {
        let writer: Writer
        let level: Int
        var codingPath: [any CodingKey] { [] }
        var userInfo: [CodingUserInfoKey: Any] { [:] }

        func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
            writer.begin(object: true, at: level)
            return KeyedEncodingContainer(KeyedContainer<Key>(writer: writer, level: level + 1))
        }

        func unkeyedContainer() -> any UnkeyedEncodingContainer {
            writer.begin(object: false, at: level)
            return UnkeyedContainer(writer: writer, level: level + 1)
        }

        func singleValueContainer() -> any SingleValueEncodingContainer { SingleContainer(writer: writer, level: level) }
    }

    struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let writer: Writer
        /// The depth of this object among the open containers (1 = outermost).
        let level: Int
        var codingPath: [any CodingKey] { [] }

        func encodeNil(forKey key: Key) throws { if writer.key(key.stringValue, in: level) { writer.literal("null") } }
        func encode(_ value: Bool, forKey key: Key) throws { if writer.key(key.stringValue, in: level) { writer.literal(value ? "true" : "false") } }
        func encode(_ value: String, forKey key: Key) throws { if writer.key(key.stringValue, in: level) { writer.string(value) } }
        func encode(_ value: Double, forKey key: Key) throws { if writer.key(key.stringValue, in: level) { try writer.number(value) } }
        func encode(_ value: Float, forKey key: Key) throws { if writer.key(key.stringValue, in: level) { try writer.number(value) } }
        func encode(_ value: Int, forKey key: Key) throws { if writer.key(key.stringValue, in: level) { writer.literal(String(value)) } }
        func encode<T: Encodable>(_ value: T, forKey key: Key) throws { if writer.key(key.stringValue, in: level) { try writer.value(value) } }

        func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
            _ = writer.key(key.stringValue, in: level)
            return ValueEncoder(writer: writer, level: level).container(keyedBy: keyType)
        }

        func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            _ = writer.key(key.stringValue, in: level)
            return ValueEncoder(writer: writer, level: level).unkeyedContainer()
        }

        func superEncoder() -> any Encoder { writer.failed = true; return ValueEncoder(writer: writer, level: level) }
        func superEncoder(forKey key: Key) -> any Encoder { superEncoder() }
    }

    struct UnkeyedContainer: UnkeyedEncodingContainer {
        let writer: Writer
        let level: Int
        var codingPath: [any CodingKey] { [] }
        var count: Int { writer.open.count >= level ? writer.open[level - 1].count : 0 }

        func encodeNil() throws { if writer.nextElement(in: level) { writer.literal("null") } }
        func encode(_ value: Bool) throws { if writer.nextElement(in: level) { writer.literal(value ? "true" : "false") } }
        func encode(_ value: String) throws { if writer.nextElement(in: level) { writer.string(value) } }
        func encode(_ value: Double) throws { if writer.nextElement(in: level) { try writer.number(value) } }
        func encode(_ value: Float) throws { if writer.nextElement(in: level) { try writer.number(value) } }
        func encode(_ value: Int) throws { if writer.nextElement(in: level) { writer.literal(String(value)) } }
        func encode<T: Encodable>(_ value: T) throws { if writer.nextElement(in: level) { try writer.value(value) } }

        func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            _ = writer.nextElement(in: level)
            return ValueEncoder(writer: writer, level: level).container(keyedBy: keyType)
        }

        func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
            _ = writer.nextElement(in: level)
            return ValueEncoder(writer: writer, level: level).unkeyedContainer()
        }

        func superEncoder() -> any Encoder { writer.failed = true; return ValueEncoder(writer: writer, level: level) }
    }

    /// A single value: written in place (its encoder's position is the current one).
    struct SingleContainer: SingleValueEncodingContainer {
        let writer: Writer
        let level: Int
        var codingPath: [any CodingKey] { [] }

        private func ready() -> Bool {
            guard writer.open.count == level else { writer.failed = true; return false }
            return true
        }

        func encodeNil() throws { if ready() { writer.literal("null") } }
        func encode(_ value: Bool) throws { if ready() { writer.literal(value ? "true" : "false") } }
        func encode(_ value: String) throws { if ready() { writer.string(value) } }
        func encode(_ value: Double) throws { if ready() { try writer.number(value) } }
        func encode(_ value: Float) throws { if ready() { try writer.number(value) } }
        func encode(_ value: Int) throws { if ready() { writer.literal(String(value)) } }
        func encode<T: Encodable>(_ value: T) throws { if ready() { try writer.value(value) } }
    }
}

/// A string-keyed dictionary, written with its keys in order.
protocol SortedKeysEncodable {
    func encodeSorted(into writer: StreamingJSON.Writer) throws
}

extension Dictionary: SortedKeysEncodable where Key == String, Value: Encodable {
    func encodeSorted(into writer: StreamingJSON.Writer) throws {
        writer.begin(object: true, at: writer.open.count)
        let level = writer.open.count
        for key in keys.sorted() where writer.key(key, in: level) {
            try writer.value(self[key]!)
        }
        writer.close(downTo: level - 1)
    }
}
