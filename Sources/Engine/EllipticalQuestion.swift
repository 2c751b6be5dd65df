import Graph

/// A question that only names another entity ("What about the L3?", "and the X5?", "L3呢？")
/// asks the previous question again, about that entity. `rewrite` builds that question: the
/// previous one with the new entity in place of the one of its type ("What is the range of the
/// E7?" → "What is the range of the L3?"), so search, the graph's facts and the FAQ match all
/// read a whole question.
struct EllipticalQuestion {
    /// One entity named in a question: where (UTF-16 offsets), as written, and its type.
    struct Mention: Sendable, Codable, Equatable {
        var start: Int
        var end: Int
        var surface: String
        var type: String
    }

    /// The previous question of a session as it was answered (after its own rewrite), with the
    /// typed entities it names.
    struct Previous: Sendable, Codable, Equatable {
        var text: String
        var mentions: [Mention]
        /// The types of the entities carried into it from earlier questions ("how far can it
        /// go?" after a question about the E7: `model`).
        var carriedTypes: Set<String> = []
    }

    /// The longest previous question (UTF-16 units) a session keeps for the next to rewrite.
    static let maxPreviousLength = 500

    /// Words an elliptical English question may hold besides entity names.
    static let englishFiller: Set<String> = ["what", "about", "how", "and", "the", "a", "an", "for", "then", "instead",
                                             "same", "question", "one", "s", "of", "with", "ok", "okay", "so", "also"]
    /// Characters an elliptical Chinese question may hold besides entity names (那/那么…呢,
    /// 换成…呢, 如果是…呢, 还有…呢).
    static let chineseFiller: Set<Character> = ["那", "么", "呢", "的", "换", "成", "如", "果", "是", "要", "还", "有",
                                                "和", "跟", "呀", "啊", "改", "又", "再"]

    /// The mentions with a type, the longest first where two overlap, in text order.
    static func typed(_ mentions: [EntityMention], types: [String: String]) -> [Mention] {
        var out: [Mention] = []
        let ordered = mentions.sorted { $0.start != $1.start ? $0.start < $1.start : $0.end > $1.end }
        for m in ordered {
            guard let type = types[m.entityID], m.end > m.start else { continue }
            if let last = out.last, m.start < last.end { continue }
            out.append(Mention(start: m.start, end: m.end, surface: m.surface, type: type))
        }
        return out
    }

    /// Whether `question` holds nothing but the entities `mentions` name and filler words.
    static func onlyNames(_ question: String, mentions: [Mention]) -> Bool {
        guard !mentions.isEmpty else { return false }
        let utf16 = Array(question.utf16)
        var rest: [UInt16] = []
        var at = 0
        for m in mentions where m.start >= at && m.end <= utf16.count {
            rest += utf16[at..<m.start]
            rest.append(0x20)
            at = m.end
        }
        rest += utf16[min(at, utf16.count)...]
        let residue = String(decoding: rest, as: UTF16.self).lowercased()
        var word = ""
        func wordIsFiller() -> Bool {
            defer { word = "" }
            return word.isEmpty || englishFiller.contains(word)
        }
        for ch in residue {
            if ch.isASCII && (ch.isLetter || ch.isNumber) {
                word.append(ch)
                continue
            }
            guard wordIsFiller() else { return false }
            if ch.isLetter && !chineseFiller.contains(ch) { return false }
            if ch.isNumber { return false }
        }
        return wordIsFiller()
    }

    /// The previous question asked about the entities `question` names, or nil when `question`
    /// says more than entity names (or names none), or the previous question was about no entity
    /// of their types. Where the previous question named none of a type but was about one
    /// carried into it, the new name leads it ("L3: how much does it cost?").
    static func rewrite(_ question: String, mentions: [Mention], previous: Previous?) -> String? {
        guard let previous, onlyNames(question, mentions: mentions) else { return nil }
        var replacements: [(start: Int, end: Int, surface: String)] = []
        var leading: [String] = []
        for m in mentions {
            guard !mentions.contains(where: { $0 != m && $0.type == m.type }) else { return nil }
            let same = previous.mentions.filter { $0.type == m.type }
            switch same.count {
            case 1: replacements.append((same[0].start, same[0].end, m.surface))
            case 0 where previous.carriedTypes.contains(m.type): leading.append(m.surface)
            default: return nil
            }
        }
        var text = Array(previous.text.utf16)
        for r in replacements.sorted(by: { $0.start > $1.start }) where r.end <= text.count {
            text.replaceSubrange(r.start..<r.end, with: r.surface.utf16)
        }
        let body = String(decoding: text, as: UTF16.self)
        return leading.isEmpty ? body : leading.joined(separator: " ") + ": " + body
    }
}
