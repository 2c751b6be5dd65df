import Foundation

extension FastJSON {
    /// The `Decoder` over a parsed `Value`. Coding paths are not tracked: on success nothing reads
    /// them, and every failure is re-decoded by `JSONDecoder` for its message.
    struct ValueDecoder: Decoder {
        let value: Value
        var codingPath: [any CodingKey] { [] }
        var userInfo: [CodingUserInfoKey: Any] { [:] }

        func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
            guard case .object(let members) = value else { throw Unsupported() }
            return KeyedDecodingContainer(Keyed<Key>(members: members))
        }

        func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
            guard case .array(let elements) = value else { throw Unsupported() }
            return Unkeyed(elements: elements)
        }

        func singleValueContainer() throws -> any SingleValueDecodingContainer { Single(value: value) }

        /// `value` as `T`: strings, `Int`, `Double`, `Bool` directly; other types through their
        /// `init(from:)`, except those `JSONDecoder` treats specially.
        func decode<T: Decodable>(_ type: T.Type) throws -> T {
            if T.self == String.self { return try cast(string()) }
            if T.self == Int.self { return try cast(int()) }
            if T.self == Double.self { return try cast(double()) }
            if T.self == Bool.self { return try cast(bool()) }
            if T.self == [String].self { return try cast(strings()) }
            if T.self == Date.self || T.self == Data.self || T.self == URL.self || T.self == Decimal.self || T.self == Float.self {
                throw Unsupported()
            }
            return try T(from: self)
        }

        private func cast<T, V>(_ v: V) throws -> T {
            guard let t = v as? T else { throw Unsupported() }
            return t
        }

        func string() throws -> String {
            guard case .string(let s) = value else { throw Unsupported() }
            return s
        }

        /// An array of strings at once (what `[String].init(from:)` would build element by element).
        func strings() throws -> [String] {
            guard case .array(let elements) = value else { throw Unsupported() }
            var out: [String] = []
            out.reserveCapacity(elements.count)
            for element in elements {
                guard case .string(let s) = element else { throw Unsupported() }
                out.append(s)
            }
            return out
        }

        /// A whole number written without fraction or exponent, within `Int`.
        func int() throws -> Int {
            guard case .number(let text) = value, !text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }),
                  let n = Int(text) else { throw Unsupported() }
            return n
        }

        /// A finite double from at most 17 characters, not a negative zero (kept to cases where
        /// correctly rounded parsing cannot differ).
        func double() throws -> Double {
            guard case .number(let text) = value, text.count <= 17, let d = Double(text), d.isFinite,
                  !(d == 0 && text.hasPrefix("-")) else { throw Unsupported() }
            return d
        }

        func bool() throws -> Bool {
            guard case .bool(let b) = value else { throw Unsupported() }
            return b
        }

        var isNull: Bool {
            if case .null = value { return true }
            return false
        }
    }

    struct Keyed<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let members: [(key: String, value: Value)]
        var codingPath: [any CodingKey] { [] }
        var allKeys: [Key] { members.compactMap { Key(stringValue: $0.key) } }

        private func member(_ key: Key) throws -> ValueDecoder {
            let name = key.stringValue
            guard let m = members.first(where: { $0.key == name }) else { throw Unsupported() }
            return ValueDecoder(value: m.value)
        }

        func contains(_ key: Key) -> Bool { members.contains { $0.key == key.stringValue } }
        func decodeNil(forKey key: Key) throws -> Bool { try member(key).isNull }
        func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try member(key).bool() }
        func decode(_ type: String.Type, forKey key: Key) throws -> String { try member(key).string() }
        func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try member(key).double() }
        func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try member(key).int() }
        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try member(key).decode(T.self) }
        func decode(_ type: Float.Type, forKey key: Key) throws -> Float { throw Unsupported() }
        func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { throw Unsupported() }
        func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { throw Unsupported() }
        func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { throw Unsupported() }
        func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { throw Unsupported() }
        func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { throw Unsupported() }
        func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { throw Unsupported() }
        func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { throw Unsupported() }
        func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { throw Unsupported() }
        func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { throw Unsupported() }

        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
            try member(key).container(keyedBy: NestedKey.self)
        }

        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
            try member(key).unkeyedContainer()
        }

        func superDecoder() throws -> any Decoder { throw Unsupported() }
        func superDecoder(forKey key: Key) throws -> any Decoder { throw Unsupported() }
    }

    struct Unkeyed: UnkeyedDecodingContainer {
        let elements: [Value]
        var codingPath: [any CodingKey] { [] }
        var count: Int? { elements.count }
        var isAtEnd: Bool { currentIndex >= elements.count }
        var currentIndex = 0

        init(elements: [Value]) { self.elements = elements }

        private mutating func next() throws -> ValueDecoder {
            guard currentIndex < elements.count else { throw Unsupported() }
            defer { currentIndex += 1 }
            return ValueDecoder(value: elements[currentIndex])
        }

        mutating func decodeNil() throws -> Bool {
            guard currentIndex < elements.count else { throw Unsupported() }
            if case .null = elements[currentIndex] { currentIndex += 1; return true }
            return false
        }

        mutating func decode(_ type: Bool.Type) throws -> Bool { try next().bool() }
        mutating func decode(_ type: String.Type) throws -> String { try next().string() }
        mutating func decode(_ type: Double.Type) throws -> Double { try next().double() }
        mutating func decode(_ type: Int.Type) throws -> Int { try next().int() }
        mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try next().decode(T.self) }
        mutating func decode(_ type: Float.Type) throws -> Float { throw Unsupported() }
        mutating func decode(_ type: Int8.Type) throws -> Int8 { throw Unsupported() }
        mutating func decode(_ type: Int16.Type) throws -> Int16 { throw Unsupported() }
        mutating func decode(_ type: Int32.Type) throws -> Int32 { throw Unsupported() }
        mutating func decode(_ type: Int64.Type) throws -> Int64 { throw Unsupported() }
        mutating func decode(_ type: UInt.Type) throws -> UInt { throw Unsupported() }
        mutating func decode(_ type: UInt8.Type) throws -> UInt8 { throw Unsupported() }
        mutating func decode(_ type: UInt16.Type) throws -> UInt16 { throw Unsupported() }
        mutating func decode(_ type: UInt32.Type) throws -> UInt32 { throw Unsupported() }
        mutating func decode(_ type: UInt64.Type) throws -> UInt64 { throw Unsupported() }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
            try next().container(keyedBy: NestedKey.self)
        }

        mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer { try next().unkeyedContainer() }
        mutating func superDecoder() throws -> any Decoder { throw Unsupported() }
    }

    struct Single: SingleValueDecodingContainer {
        let value: Value
        var codingPath: [any CodingKey] { [] }

        func decodeNil() -> Bool { ValueDecoder(value: value).isNull }
        func decode(_ type: Bool.Type) throws -> Bool { try ValueDecoder(value: value).bool() }
        func decode(_ type: String.Type) throws -> String { try ValueDecoder(value: value).string() }
        func decode(_ type: Double.Type) throws -> Double { try ValueDecoder(value: value).double() }
        func decode(_ type: Int.Type) throws -> Int { try ValueDecoder(value: value).int() }
        func decode<T: Decodable>(_ type: T.Type) throws -> T { try ValueDecoder(value: value).decode(T.self) }
        func decode(_ type: Float.Type) throws -> Float { throw Unsupported() }
        func decode(_ type: Int8.Type) throws -> Int8 { throw Unsupported() }
        func decode(_ type: Int16.Type) throws -> Int16 { throw Unsupported() }
        func decode(_ type: Int32.Type) throws -> Int32 { throw Unsupported() }
        func decode(_ type: Int64.Type) throws -> Int64 { throw Unsupported() }
        func decode(_ type: UInt.Type) throws -> UInt { throw Unsupported() }
        func decode(_ type: UInt8.Type) throws -> UInt8 { throw Unsupported() }
        func decode(_ type: UInt16.Type) throws -> UInt16 { throw Unsupported() }
        func decode(_ type: UInt32.Type) throws -> UInt32 { throw Unsupported() }
        func decode(_ type: UInt64.Type) throws -> UInt64 { throw Unsupported() }
    }
}
