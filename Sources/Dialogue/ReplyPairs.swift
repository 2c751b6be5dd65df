import KnowledgeModel

extension ReplyPair {
    /// The pairs of one session: each block of consecutive customer turns (joined with a space) with
    /// the first agent turn after it; `previous` is the turn just before the block. `turn` is the
    /// agent turn's position from 1. Turns without text are skipped.
    public static func pairs(session: String, turns: [ReplyTurn]) -> [ReplyPair] {
        var out: [ReplyPair] = []
        var i = 0
        let turns = turns.filter { !$0.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
        while i < turns.count {
            guard turns[i].speaker == .customer else { i += 1; continue }
            var j = i
            while j < turns.count && turns[j].speaker == .customer { j += 1 }
            if j < turns.count {
                out.append(ReplyPair(session: session, turn: j + 1, previous: i > 0 ? turns[i - 1].text : nil,
                                     customer: turns[i..<j].map(\.text).joined(separator: " "), reply: turns[j].text))
            }
            i = j
        }
        return out
    }

    /// The pairs of recorded transcripts (`Knowledge/transcripts/turns.jsonl`): turns grouped by
    /// session and ordered by `turn`; speakers other than customer/agent are skipped. `turn` of a pair
    /// is the agent turn's own number from the record.
    public static func pairs(from records: [TranscriptTurn]) -> [ReplyPair] {
        var out: [ReplyPair] = []
        for (id, session) in sessions(of: records) {
            let recorded = session.filter { ReplySpeaker(label: $0.speaker) != nil }
            let turns = recorded.compactMap { r in ReplySpeaker(label: r.speaker).map { ReplyTurn(speaker: $0, text: r.text) } }
            let kept = recorded.filter { !$0.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
            for var p in pairs(session: id, turns: turns) {
                if p.turn - 1 < kept.count { p.turn = kept[p.turn - 1].turn }
                out.append(p)
            }
        }
        return out
    }

    /// Transcript records grouped by session, sessions in order of first appearance, each one's
    /// turns ordered by `turn` (file order on ties).
    static func sessions(of records: [TranscriptTurn]) -> [(id: String, turns: [TranscriptTurn])] {
        var grouped: [String: [TranscriptTurn]] = [:]
        var order: [String] = []
        for r in records {
            if grouped[r.session] == nil { order.append(r.session) }
            grouped[r.session, default: []].append(r)
        }
        return order.map { id in
            (id, (grouped[id] ?? []).enumerated()
                .sorted { $0.element.turn != $1.element.turn ? $0.element.turn < $1.element.turn : $0.offset < $1.offset }
                .map(\.element))
        }
    }
}

import Foundation
