import Foundation
import KnowledgeModel

/// Chat exports that keep one conversation per record instead of one turn per record:
/// `{"id": "c1", "messages": [{"role": "user", "content": "..."}, ...]}` (chat-model fine-tuning
/// files), `{"conversations": [{"from": "human", "value": "..."}]}` (ShareGPT), a call log's
/// `{"call_id", "turns": [{"speaker", "text"}]}`, and dialogue corpora's turns without speakers
/// (`{"dialogue": ["Hi", "Hello, how can I help?"]}`, MultiWOZ's `{"log": [{"text", "metadata"}]}`).
/// Such a file is a transcript: its records are unrolled into turns (`session`, `turn`, `speaker`,
/// `text`) for the transcript reader. The records may also be the values of one object keyed by
/// conversation id (MultiWOZ's `{"SNG0073": {"goal", "log"}, ...}`).
enum ConversationRecords {
    /// The members that hold a conversation's turns. Only these: any list of objects with an
    /// author and a text would also take a blog post's comments for a conversation.
    static let listNames = ["messages", "turns", "conversation", "conversations", "dialogue", "dialog", "utterances", "chat", "log"]
    /// The members whose name alone says they hold a dialogue, so that their turns may leave the
    /// speaker out: two parties taking turns, the customer first (as dialogue corpora write them).
    /// A list of `messages` or a `chat` without speakers may be anything (notices, a feed).
    static let dialogueNames: Set<String> = ["turns", "conversation", "dialogue", "dialog", "utterances", "log"]
    /// The speakers of turns that name none, by turn parity.
    static let alternatingSpeakers = ["customer", "agent"]
    /// A turn's speaker and text, by Switchboard's names, a chat export's (`role`, `content`) or
    /// ShareGPT's (`from`, `value`).
    static let speakerNames = (TranscriptTurn.names["speaker"] ?? ["speaker"]) + ["from", "author"]
    static let textNames = (TranscriptTurn.names["text"] ?? ["text"]) + ["value"]
    /// A conversation's id.
    static let sessionNames = (TranscriptTurn.names["session"] ?? ["session"]) + ["id", "chat_id", "convo_id"]

    /// The turns of a record that is a conversation: its first `listNames` member that is a list
    /// of objects that all name a speaker, some with a text; the turns with a text (a chat model's
    /// tool calls have none). Nil for any other record.
    static func turns(in record: [String: Any]) -> [[String: Any]]? {
        func turnList(_ value: Any?, alternating: Bool) -> [[String: Any]]? {
            guard let list = value as? [Any], !list.isEmpty else { return nil }
            let objects = list.compactMap { $0 as? [String: Any] }
            var turns: [[String: Any]]
            if objects.count == list.count, objects.allSatisfy({ speaker($0) != nil }) {
                turns = objects
            } else if alternating, let said = alternatingTurns(list) {
                turns = said
            } else {
                return nil
            }
            turns = turns.filter { !(text($0) ?? "").isEmpty }
            return turns.isEmpty ? nil : turns
        }
        for name in listNames {
            if let turns = turnList(record[name], alternating: dialogueNames.contains(name)) { return turns }
        }
        return nil
    }

    /// Turns that name no speaker, each a string or an object with a text and no speaker: given
    /// `alternatingSpeakers` by position (counted over every turn, so an empty one keeps the parity).
    /// Nil when any turn is something else, or names a speaker while others do not.
    static func alternatingTurns(_ list: [Any]) -> [[String: Any]]? {
        var out: [[String: Any]] = []
        for (i, item) in list.enumerated() {
            let said: String
            if let s = item as? String {
                said = s
            } else if let object = item as? [String: Any], speaker(object) == nil, let s = text(object) {
                said = s
            } else {
                return nil
            }
            out.append(["speaker": alternatingSpeakers[i % 2], "text": said])
        }
        return out
    }

    /// The conversations of one JSON object keyed by conversation id, when every value is one:
    /// each keeps its own id, or takes its key. Nil for any other object.
    static func keyed(_ object: [String: Any]) -> [[String: Any]]? {
        guard !object.isEmpty else { return nil }
        var out: [[String: Any]] = []
        for key in object.keys.sorted() {
            guard var record = object[key] as? [String: Any], isConversation(record) else { return nil }
            if !sessionNames.contains(where: { record[$0] is String || record[$0] is Int }) { record["id"] = key }
            out.append(record)
        }
        return out
    }

    static func speaker(_ object: [String: Any]) -> String? {
        for name in speakerNames {
            if let s = object[name] as? String { return s }
            if let n = object[name] as? Int { return String(n) }
        }
        return nil
    }

    /// A turn's text: a string, or the text parts of a multi-part message
    /// (`[{"type": "text", "text": "..."}]`) joined by line breaks.
    static func text(_ object: [String: Any]) -> String? {
        for name in textNames {
            if let s = object[name] as? String { return s }
            if let parts = object[name] as? [Any] {
                let texts = parts.compactMap { ($0 as? String) ?? (($0 as? [String: Any])?["text"] as? String) }
                if !texts.isEmpty { return texts.joined(separator: "\n") }
            }
        }
        return nil
    }

    /// The record's id, or a digest of its turns when it has none (stable across imports, and
    /// distinct between files that both number their conversations from 1).
    static func session(_ record: [String: Any], turns: [[String: Any]]) -> String {
        for name in sessionNames {
            if let s = record[name] as? String, !s.isEmpty { return s }
            if let n = record[name] as? Int { return String(n) }
        }
        let digest = SHA256.hex(Data(turns.map { "\(speaker($0) ?? "")\t\(text($0) ?? "")" }.joined(separator: "\n").utf8))
        return "chat-" + digest.prefix(12)
    }

    /// Whether a record is a conversation and not already one turn (or another record kind).
    static func isConversation(_ record: [String: Any]) -> Bool {
        let keys = Set(record.keys)
        guard !TranscriptTurn.isTurn(keys: keys) else { return false }
        let kind = JSONRecords.kind(forKeys: keys)
        return (kind == nil || kind == .sessionsJSONL) && turns(in: record) != nil
    }

    /// The turns of a JSONL text or JSON array of conversations as a JSON array of turn records;
    /// any other text unchanged. A record in it that is no conversation is an error naming its line.
    /// A JSONL file of turns is told by its first line, and not parsed here beyond it.
    static func unrolled(_ bytes: [UInt8]) throws(ParseFailure) -> [UInt8] {
        var records: [(location: String, value: Any)] = []
        if JSONRecords.isArray(bytes) {
            guard let array = (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [Any] else { return bytes }
            records = array.enumerated().map { ("element \($0.offset + 1)", $0.element) }
        } else {
            let lines = JSONRecords.lines(bytes)
            guard let (_, range) = lines.first,
                  let first = (try? JSONSerialization.jsonObject(with: Data(bytes[range]))) as? [String: Any],
                  isConversation(first) else { return bytes }
            for (number, range) in lines {
                guard let value = try? JSONSerialization.jsonObject(with: Data(bytes[range])) else {
                    throw ParseFailure(.malformed, "line \(number): invalid JSON")
                }
                records.append(("line \(number)", value))
            }
        }
        guard let first = records.first?.value as? [String: Any], isConversation(first) else { return bytes }
        var out: [[String: Any]] = []
        for (location, value) in records {
            guard let record = value as? [String: Any], let turns = turns(in: record) else {
                throw ParseFailure(.malformed, "\(location): expected a conversation: a list of turns, each with a speaker (role) and a text (content)")
            }
            let session = session(record, turns: turns)
            for (i, turn) in turns.enumerated() {
                var row: [String: Any] = ["session": session, "turn": i + 1, "speaker": speaker(turn) ?? "", "text": text(turn) ?? ""]
                if let ts = turn["ts"] as? Double { row["ts"] = ts }
                out.append(row)
            }
        }
        guard let data = try? JSONSerialization.data(withJSONObject: out) else {
            throw ParseFailure(.malformed, "the conversations could not be unrolled into turns")
        }
        return [UInt8](data)
    }
}
