import Foundation
import KnowledgeModel

/// Reading JSONL (one object per line) or a JSON array of objects, and telling which kind of
/// record a file holds from the keys of its first object.
enum JSONRecords {
    /// Decoded values with where each came from ("line 3" or "element 3").
    struct Decoded<T> {
        var values: [T]
        var locations: [String]
    }

    /// The record format for the keys of one object, in the order of the formats contract:
    /// question+answer → FAQ; text+label → intents; text+sentiment → sentiment; intent+stage+text → replies;
    /// severity+type → QA rules; name+type → lexicon; terms → synonyms; condition → campaigns;
    /// vehicles or lifecycle → customers; powertrain+service_interval_km → vehicle programs; session+speaker+text → transcripts; session → sessions.
    static func kind(forKeys keys: Set<String>) -> DocumentFormat? {
        if keys.contains("question") && keys.contains("answer") { return .faqJSONL }
        if keys.contains("text") && keys.contains("label") { return .intentsJSONL }
        if keys.contains("text") && keys.contains("sentiment") { return .sentimentJSONL }
        if keys.isSuperset(of: ["intent", "stage", "text"]) { return .repliesJSONL }
        if keys.contains("severity") && keys.contains("type") { return .qaRulesJSONL }
        if keys.contains("condition") { return .campaignsJSONL }
        if keys.contains("vehicles") || keys.contains("lifecycle") { return .customersJSONL }
        if keys.contains("powertrain") && keys.contains("service_interval_km") { return .vehicleProgramsJSONL }
        if keys.contains("kind") && (keys.contains("keywords") || keys.contains("action")) { return .routingJSONL }
        if keys.isSuperset(of: ["session", "speaker", "text"]) { return .transcriptsJSONL }
        if keys.contains("session") { return .sessionsJSONL }
        if keys.contains("terms") { return .synonymsJSONL }
        if keys.contains("name") && keys.contains("type") { return .lexiconJSONL }
        return nil
    }

    /// The kind of a JSONL or JSON-array text from its first object; nil when the keys match no kind;
    /// `.malformed` when the first object is not valid JSON.
    static func sniff(_ bytes: [UInt8]) throws(ParseFailure) -> DocumentFormat? {
        if isArray(bytes) {
            let object: Any
            do { object = try JSONSerialization.jsonObject(with: Data(bytes)) } catch {
                throw ParseFailure(.malformed, "invalid JSON: \(shortDescription(error))")
            }
            guard let array = object as? [Any], let first = array.first as? [String: Any] else { return nil }
            return kind(forKeys: Set(first.keys))
        }
        guard let (number, range) = lines(bytes).first else { return nil }
        let object: Any
        do { object = try JSONSerialization.jsonObject(with: Data(bytes[range])) } catch {
            throw ParseFailure(.malformed, "line \(number): invalid JSON")
        }
        guard let dictionary = object as? [String: Any] else {
            throw ParseFailure(.malformed, "line \(number): expected a JSON object")
        }
        return kind(forKeys: Set(dictionary.keys))
    }

    /// True when the first non-blank byte is `[`.
    static func isArray(_ bytes: [UInt8]) -> Bool {
        bytes.first { !($0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D) } == UInt8(ascii: "[")
    }

    /// Each line's JSON object as written; every line must be an object with a string `key`.
    static func rawObjects(_ bytes: [UInt8], requiring key: String) throws(ParseFailure) -> [String] {
        var out: [String] = []
        for (number, range) in lines(bytes) {
            let object = try? JSONSerialization.jsonObject(with: Data(bytes[range]))
            guard let dictionary = object as? [String: Any], dictionary[key] is String else {
                throw ParseFailure(.malformed, "line \(number): expected a JSON object with a string \"\(key)\"")
            }
            out.append(String(decoding: bytes[range], as: UTF8.self))
        }
        return out
    }

    /// The non-blank lines with their 1-based numbers.
    static func lines(_ bytes: [UInt8]) -> [(Int, Range<Int>)] {
        var out: [(Int, Range<Int>)] = []
        var start = 0
        var number = 1
        func add(_ end: Int) {
            var lo = start, hi = end
            while lo < hi, bytes[lo] == 0x20 || bytes[lo] == 0x09 || bytes[lo] == 0x0D { lo += 1 }
            while hi > lo, bytes[hi - 1] == 0x20 || bytes[hi - 1] == 0x09 || bytes[hi - 1] == 0x0D { hi -= 1 }
            if hi > lo { out.append((number, lo..<hi)) }
        }
        for i in 0..<bytes.count where bytes[i] == 0x0A {
            add(i)
            start = i + 1
            number += 1
        }
        add(bytes.count)
        return out
    }

    /// Decodes every object of a JSONL text (or JSON array) as `T`. A line that is not valid JSON
    /// or lacks a required key is `.malformed` naming its line (or array element).
    static func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8]) throws(ParseFailure) -> Decoded<T> {
        let decoder = JSONDecoder()
        if isArray(bytes) {
            do {
                let values = try decoder.decode([T].self, from: Data(bytes))
                return Decoded(values: values, locations: values.indices.map { "element \($0 + 1)" })
            } catch {
                var message = describe(error)
                if let decodingError = error as? DecodingError, let index = context(of: decodingError)?.codingPath.first?.intValue {
                    message = "element \(index + 1): " + message
                }
                throw ParseFailure(.malformed, message)
            }
        }
        let lines = lines(bytes)
        // Fast path: all lines as one JSON array, decoded in one call.
        var joined = [UInt8]()
        joined.reserveCapacity(bytes.count + lines.count + 2)
        joined.append(UInt8(ascii: "["))
        for (i, (_, range)) in lines.enumerated() {
            if i > 0 { joined.append(UInt8(ascii: ",")) }
            joined.append(contentsOf: bytes[range])
        }
        joined.append(UInt8(ascii: "]"))
        if let values = try? decoder.decode([T].self, from: Data(joined)), values.count == lines.count {
            return Decoded(values: values, locations: lines.map { "line \($0.0)" })
        }
        // Slow path: line by line, to name the first bad line.
        var values: [T] = []
        values.reserveCapacity(lines.count)
        for (number, range) in lines {
            do {
                values.append(try decoder.decode(T.self, from: Data(bytes[range])))
            } catch {
                throw ParseFailure(.malformed, "line \(number): \(describe(error))")
            }
        }
        return Decoded(values: values, locations: lines.map { "line \($0.0)" })
    }

    /// A one-line explanation of a decoding error.
    static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "invalid JSON" }
        func path(_ context: DecodingError.Context) -> String {
            let parts = context.codingPath.compactMap { $0.intValue == nil ? $0.stringValue : nil }
            return parts.isEmpty ? "" : " at \"\(parts.joined(separator: "."))\""
        }
        switch error {
        case .keyNotFound(let key, _):
            return "missing key \"\(key.stringValue)\""
        case .typeMismatch(let type, let context):
            return "wrong type\(path(context)), expected \(type)"
        case .valueNotFound(let type, let context):
            return "null value\(path(context)), expected \(type)"
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty ? "invalid JSON" : "invalid value\(path(context))"
        @unknown default:
            return "invalid JSON"
        }
    }

    private static func context(of error: DecodingError) -> DecodingError.Context? {
        switch error {
        case .keyNotFound(_, let c), .typeMismatch(_, let c), .valueNotFound(_, let c), .dataCorrupted(let c): return c
        @unknown default: return nil
        }
    }

    private static func shortDescription(_ error: any Error) -> String {
        String(String(describing: error).prefix(120))
    }
}

/// A FAQ as written in JSONL: `id` optional, `similar` (or `similar_questions`) and `tags` optional.
struct FAQLine: Decodable {
    var id: String?
    var question: String
    var similar: [String]
    var answer: String
    var tags: [String]

    enum CodingKeys: String, CodingKey { case id, question, similar, similarQuestions = "similar_questions", answer, tags }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decodeIfPresent(String.self, forKey: .id)
        question = try c.decode(String.self, forKey: .question)
        similar = try c.decodeIfPresent([String].self, forKey: .similar)
            ?? c.decodeIfPresent([String].self, forKey: .similarQuestions) ?? []
        answer = try c.decode(String.self, forKey: .answer)
        tags = try c.decodeIfPresent([String].self, forKey: .tags) ?? []
    }
}
