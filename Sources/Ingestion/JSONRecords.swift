import Foundation
import KnowledgeModel

/// Reading JSONL (one object per line) or a JSON array of objects, and telling which kind of
/// record a file holds from the keys of its first object.
enum JSONRecords {
    /// Decoded values with where each came from ("line 3" or "element 3").
    struct Decoded<T> {
        var values: [T]
        /// The line number of each value (JSONL); nil for a JSON array, whose elements count from 1.
        var lineNumbers: [Int]?

        /// "line 3" or "element 3": where value `i` came from.
        func location(_ i: Int) -> String {
            lineNumbers.map { "line \($0[i])" } ?? "element \(i + 1)"
        }
    }

    /// The record format for the keys of one object, in the order of the formats contract:
    /// question+answer → FAQ; text+label → intents; text+sentiment → sentiment; intent+stage+text → replies;
    /// severity+type → QA rules; name+type → lexicon; terms → synonyms; condition → campaigns;
    /// vehicles or lifecycle → customers; powertrain+service_interval_km → vehicle programs; session+speaker+text (or a chat
    /// export's names, `TranscriptTurn.isTurn`) → transcripts; session → sessions. (A record holding a list of turns is a
    /// conversation, which `sniff` tells from its values: see `ConversationRecords`.)
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
        if TranscriptTurn.isTurn(keys: keys) { return .transcriptsJSONL }
        if keys.contains("session") { return .sessionsJSONL }
        if keys.contains("terms") { return .synonymsJSONL }
        if keys.contains("name") && keys.contains("type") { return .lexiconJSONL }
        return nil
    }

    /// The kind of a JSONL or JSON-array text from its first object; nil when the keys match no kind
    /// (the text may still be a JSON document, see `JSONDocument`); `.malformed` when the first
    /// object is not valid JSON. A file that is one object over several lines (pretty-printed) is
    /// read whole; a single object whose only list of objects holds records (`{"faqs": [...]}`) is
    /// of those records' kind.
    static func sniff(_ bytes: [UInt8]) throws(ParseFailure) -> DocumentFormat? {
        if isArray(bytes) {
            let object: Any
            do { object = try JSONSerialization.jsonObject(with: Data(bytes)) } catch {
                throw ParseFailure(.malformed, "invalid JSON: \(wholeTextError(bytes))")
            }
            guard let array = object as? [Any] else { return nil }
            return kind(ofRecords: array)
        }
        guard let (number, range) = lines(bytes, limit: 1).first else { return nil }
        guard let (object, single, _) = leadingValue(bytes) else {
            if isSelfDelimited(bytes[range]) || bytes[range].first != UInt8(ascii: "{") {
                throw ParseFailure(.malformed, "line \(number): invalid JSON")
            }
            throw ParseFailure(.malformed, "invalid JSON: \(wholeTextError(bytes))")
        }
        guard let dictionary = object as? [String: Any] else {
            throw ParseFailure(.malformed, "line \(number): expected a JSON object")
        }
        if ConversationRecords.isConversation(dictionary) { return .transcriptsJSONL }
        guard let found = kind(forKeys: Set(dictionary.keys)) else {
            guard single else { return nil }
            if ConversationRecords.keyed(dictionary) != nil { return .transcriptsJSONL }
            return wrappedRecords(dictionary).map { kind(ofRecords: $0) } ?? nil
        }
        guard found == .intentsJSONL, !single else { return found }
        let labels = lines(bytes).lazy.map { _, range in
            ((try? JSONSerialization.jsonObject(with: Data(bytes[range]))) as? [String: Any])?["label"]
        }
        return labelsAreSentiment(labels) ? .sentimentJSONL : found
    }

    /// The first value of a JSONL text, or the whole text when its first line is not a complete
    /// value (one value pretty-printed over several lines): the value, whether it is the file's
    /// only value, and whether it spreads over lines. Nil when neither parses.
    private static func leadingValue(_ bytes: [UInt8]) -> (value: Any, single: Bool, spread: Bool)? {
        guard let (_, range) = lines(bytes, limit: 1).first else { return nil }
        if let line = try? JSONSerialization.jsonObject(with: Data(bytes[range])) {
            return (line, lines(bytes, limit: 2).count == 1, false)
        }
        guard !isSelfDelimited(bytes[range]), let whole = try? JSONSerialization.jsonObject(with: Data(bytes)) else { return nil }
        return (whole, true, true)
    }

    /// The kind of a list of records, from its first object (intents whose labels are all
    /// sentiment labels are sentiment examples).
    private static func kind(ofRecords array: [Any]) -> DocumentFormat? {
        guard let first = array.first as? [String: Any] else { return nil }
        if ConversationRecords.isConversation(first) { return .transcriptsJSONL }
        let found = kind(forKeys: Set(first.keys))
        return found == .intentsJSONL && labelsAreSentiment(array.lazy.map { ($0 as? [String: Any])?["label"] }) ? .sentimentJSONL : found
    }

    /// The one member of `object` that is a list of records of a known kind, if exactly one is.
    private static func wrappedRecords(_ object: [String: Any]) -> [Any]? {
        let lists = object.values.compactMap { $0 as? [Any] }.filter { kind(ofRecords: $0) != nil }
        return lists.count == 1 ? lists[0] : nil
    }

    /// The records of a JSON text in a form `decode` reads: JSONL and arrays as they are; one
    /// object over several lines as an array of it; a wrapper object (`{"faqs": [...]}`) as its list;
    /// an object of conversations keyed by id as the list of them.
    static func recordsText(_ bytes: [UInt8]) -> [UInt8] {
        guard !isArray(bytes), let (object, single, spread) = leadingValue(bytes), single else { return bytes }
        guard let dictionary = object as? [String: Any] else { return bytes }
        if kind(forKeys: Set(dictionary.keys)) != nil || ConversationRecords.isConversation(dictionary) {
            return spread ? [UInt8(ascii: "[")] + bytes + [UInt8(ascii: "]")] : bytes
        }
        guard let list = ConversationRecords.keyed(dictionary) ?? wrappedRecords(dictionary),
              let data = try? JSONSerialization.data(withJSONObject: list) else { return bytes }
        return [UInt8](data)
    }

    /// What is wrong with a JSON text that is not valid as a whole, with the line it happens on.
    static func wholeTextError(_ bytes: [UInt8]) -> String {
        do {
            _ = try JSONSerialization.jsonObject(with: Data(bytes))
            return "invalid JSON"
        } catch {
            var detail = ((error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String) ?? shortDescription(error)
            if detail.hasSuffix(".") { detail.removeLast() }
            if let first = detail.first, first.isUppercase { detail = first.lowercased() + detail.dropFirst() }
            let words = detail.split(separator: " ")
            guard let at = words.firstIndex(of: "character"), at + 1 < words.count,
                  let offset = Int(words[at + 1].filter(\.isNumber)), offset <= bytes.count else { return detail }
            let line = 1 + bytes[..<offset].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            return detail + " (line \(line))"
        }
    }

    /// True when every `label` is a sentiment label (negative, neutral, positive, in any case) and
    /// at least two differ: `{text, label}` records as public sentiment data sets write them.
    /// Read as intents they would add "positive" and "negative" to the knowledge's intents and
    /// leave the sentiment model without them.
    static func labelsAreSentiment(_ labels: some Sequence<Any?>) -> Bool {
        var seen = Set<SentimentLabel>()
        for value in labels {
            guard let text = value as? String, let label = SentimentLabel(rawValue: text.lowercased()) else { return false }
            seen.insert(label)
        }
        return seen.count >= 2
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

    /// The non-blank lines with their 1-based numbers (the first `limit` of them).
    static func lines(_ bytes: [UInt8], limit: Int = .max) -> [(Int, Range<Int>)] {
        var out: [(Int, Range<Int>)] = []
        var start = 0
        var number = 1
        func add(_ end: Int) {
            var lo = start, hi = end
            while lo < hi, bytes[lo] == 0x20 || bytes[lo] == 0x09 || bytes[lo] == 0x0D { lo += 1 }
            while hi > lo, bytes[hi - 1] == 0x20 || bytes[hi - 1] == 0x09 || bytes[hi - 1] == 0x0D { hi -= 1 }
            if hi > lo { out.append((number, lo..<hi)) }
        }
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            while out.count < limit, let found = memchr(base + start, 0x0A, buffer.count - start) {
                let i = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                add(i)
                start = i + 1
                number += 1
            }
        }
        if out.count < limit { add(bytes.count) }
        return out
    }

    /// Decodes every object of a JSONL text (or JSON array) as `T`. A line that is not valid JSON
    /// or lacks a required key is `.malformed` naming its line (or array element).
    static func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8]) throws(ParseFailure) -> Decoded<T> {
        if let at = bytes.withUnsafeBytes({ JSONEscapes.firstNUL(in: $0) }) {
            let line = 1 + bytes[..<at].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            throw ParseFailure(.malformed, "line \(line): a string holds a NUL character (\\u0000), which the store cannot keep")
        }
        let decoder = JSONDecoder()
        if isArray(bytes) {
            do {
                let values = try decoder.decode([T].self, from: Data(bytes))
                return Decoded(values: values, lineNumbers: nil)
            } catch {
                var message = describe(error)
                if let decodingError = error as? DecodingError, let index = context(of: decodingError)?.codingPath.first?.intValue {
                    message = "element \(index + 1): " + message
                }
                throw ParseFailure(.malformed, message)
            }
        }
        // The result and the first error are those of the plain algorithm (all lines as one JSON
        // array; when that fails, line by line to name the first bad line), computed in blocks.
        // A line that is one bracketed value (`isSelfDelimited`) cannot merge with its neighbours
        // in the joined array, so a block of such lines decodes exactly when each line does on its
        // own, to the same values. Up to the first other line, blocks are the whole answer; from it,
        // the rest is tried as one array (its lines may merge), and when that fails the first line
        // that does not decode on its own is the error. This avoids decoding a file twice when a
        // late line is bad, and keeps the decoder's working set to a block.
        let lines = lines(bytes)
        let selfDelimited = lines.map { isSelfDelimited(bytes[$0.1]) }
        let k = selfDelimited.firstIndex(of: false) ?? lines.count
        var values = try decodeRuns(T.self, bytes: bytes, lines: lines, selfDelimited: selfDelimited, range: 0..<k, decoder: decoder)
        if k < lines.count {
            if let tail = try? decoder.decode([T].self, from: joined(bytes, lines[k...])), tail.count == lines.count - k {
                values.append(contentsOf: tail)
            } else {
                values.append(contentsOf: try decodeRuns(T.self, bytes: bytes, lines: lines, selfDelimited: selfDelimited,
                                                         range: k..<lines.count, decoder: decoder))
            }
        }
        return Decoded(values: values, lineNumbers: lines.map(\.0))
    }

    /// The lines in `range` decoded as if one by one (the first that fails is `.malformed` with its
    /// number): runs of self-delimited lines as JSON arrays of about 256 KiB, a block that fails line
    /// by line; other lines on their own.
    private static func decodeRuns<T: Decodable>(_ type: T.Type, bytes: [UInt8], lines: [(Int, Range<Int>)], selfDelimited: [Bool],
                                                 range: Range<Int>, decoder: JSONDecoder) throws(ParseFailure) -> [T] {
        let blockBytes = 1 << 18
        var values: [T] = []
        values.reserveCapacity(range.count)
        var start = range.lowerBound
        while start < range.upperBound {
            guard selfDelimited[start] else {
                values.append(contentsOf: try decodeEach(T.self, bytes: bytes, lines: lines[start...start], decoder: decoder))
                start += 1
                continue
            }
            var end = start, size = 0
            while end < range.upperBound && selfDelimited[end] && (end == start || size < blockBytes) {
                size += lines[end].1.count + 1
                end += 1
            }
            let block = lines[start..<end]
            if let fast = try? block.map({ try FastJSON.decode(T.self, from: bytes[$0.1]) }) {
                values.append(contentsOf: fast)  // what JSONDecoder gives, faster (see FastJSON)
            } else if let decoded = try? decoder.decode([T].self, from: joined(bytes, block)), decoded.count == block.count {
                values.append(contentsOf: decoded)
            } else {
                values.append(contentsOf: try decodeEach(T.self, bytes: bytes, lines: block, decoder: decoder))
            }
            start = end
        }
        return values
    }

    /// `[line,line,...]` of the given lines.
    private static func joined(_ bytes: [UInt8], _ lines: ArraySlice<(Int, Range<Int>)>) -> Data {
        var joined = Data()
        joined.reserveCapacity(lines.reduce(2) { $0 + $1.1.count + 1 })
        joined.append(UInt8(ascii: "["))
        for (i, (_, range)) in lines.enumerated() {
            if i > 0 { joined.append(UInt8(ascii: ",")) }
            bytes.withUnsafeBufferPointer { joined.append(UnsafeBufferPointer(rebasing: $0[range])) }
        }
        joined.append(UInt8(ascii: "]"))
        return joined
    }

    /// Each line decoded on its own; the first that fails is `.malformed` with its line number.
    private static func decodeEach<T: Decodable>(_ type: T.Type, bytes: [UInt8], lines: ArraySlice<(Int, Range<Int>)>,
                                                 decoder: JSONDecoder) throws(ParseFailure) -> [T] {
        var values: [T] = []
        values.reserveCapacity(lines.count)
        for (number, range) in lines {
            do {
                values.append(try decoder.decode(T.self, from: Data(bytes[range])))
            } catch {
                throw ParseFailure(.malformed, "line \(number): \(describe(error))")
            }
        }
        return values
    }

    /// True when the line is one object or array: it starts with `{` or `[` and its brackets (outside
    /// strings, escapes respected) first return to depth 0 at its last byte. Such lines cannot merge
    /// with their neighbours when joined into an array.
    static func isSelfDelimited(_ line: ArraySlice<UInt8>) -> Bool {
        guard let first = line.first, first == UInt8(ascii: "{") || first == UInt8(ascii: "[") else { return false }
        return line.withUnsafeBufferPointer { p in
            var depth = 0
            var i = 0
            let n = p.count
            while i < n {
                let b = p[i]
                if b == UInt8(ascii: "\"") {
                    i += 1
                    while i < n && p[i] != UInt8(ascii: "\"") { i += p[i] == UInt8(ascii: "\\") ? 2 : 1 }
                } else if b == UInt8(ascii: "{") || b == UInt8(ascii: "[") {
                    depth += 1
                } else if b == UInt8(ascii: "}") || b == UInt8(ascii: "]") {
                    depth -= 1
                    if depth == 0 { return i == n - 1 }
                }
                i += 1
            }
            return false
        }
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
