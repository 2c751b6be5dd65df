import KnowledgeModel
import TextAnalysis

/// Cuts the blocks of a prose document into passages (`Chunk`s of kind `.passage`).
///
/// - Heading-aware: a heading ends the current passage; passages carry the path of headings above them.
///   A level-1 heading whose text is the document title is the title itself: it resets the path
///   and is not part of it.
/// - Bounded: blocks are packed whole until a passage reaches `targetChars`; a block larger than
///   `maxChars` is cut between sentences (`SentenceSplitter`), and only a single sentence larger than
///   `maxChars` is cut inside, at a space when there is one.
/// - Overlapping: a passage that continues the same section starts with the last
///   `overlapSentences` sentence(s) of the previous one (skipped when they would be over half the target);
///   a list item or table row counts as one sentence, so overlap never starts mid-row.
/// - List items and table rows are blocks, so they stay whole unless they alone exceed `maxChars`.
/// - No empty passages; headings without text under them produce none.
///
/// Sizes use `TextMeasure` (CJK characters count 1, other characters 1/3).
public struct Chunker: Sendable {
    /// The size and overlap settings.
    public var options: ChunkerOptions

    /// Creates a chunker.
    public init(options: ChunkerOptions = .init()) {
        self.options = options
    }

    /// The passages of `blocks`, with ids `"<documentID>#<ordinal>"` from ordinal 0.
    public func chunk(_ blocks: [TextBlock], documentID: String, title: String) -> [Chunk] {
        var builder = Builder(options: options, documentID: documentID, title: title)
        for block in blocks {
            let text = block.text.trimmedSpaces()
            if let level = block.headingLevel {
                builder.heading(level: level, text: text)
            } else if !text.isEmpty {
                builder.block(text, atomic: block.kind == .listItem || block.kind == .tableRow)
            }
        }
        builder.flush(carryOverlap: false)
        return builder.chunks
    }
}

/// The state of one chunking pass.
private struct Builder {
    struct Piece {
        var text: String
        /// Size in thirds of a character.
        var size: Int
        /// True when the piece continues the previous piece's block (a sentence of a cut block).
        var continuesBlock: Bool
        /// A list item or table row: its overlap unit is the whole piece, not its last sentence.
        var atomic = false
    }

    let options: ChunkerOptions
    let documentID: String
    let title: String
    let target: Int
    let maxSize: Int
    var chunks: [Chunk] = []
    var path: [(level: Int, text: String)] = []
    var pieces: [Piece] = []
    /// Thirds in `pieces`, overlap included.
    var size = 0
    /// Thirds of new (non-overlap) text in `pieces`.
    var contentSize = 0

    init(options: ChunkerOptions, documentID: String, title: String) {
        self.options = options
        self.documentID = documentID
        self.title = title
        self.target = options.targetChars * 3
        self.maxSize = options.maxChars * 3
    }

    mutating func heading(level: Int, text: String) {
        flush(carryOverlap: false)
        path.removeAll { $0.level >= level }
        if level <= 1 && text == title { path.removeAll(); return }
        if !text.isEmpty { path.append((level, text)) }
    }

    mutating func block(_ text: String, atomic: Bool) {
        let blockSize = TextMeasure.thirds(text)
        if blockSize <= maxSize {
            add(Piece(text: text, size: blockSize, continuesBlock: false, atomic: atomic))
            return
        }
        var first = true
        for sentence in SentenceSplitter.split(text) {
            for part in hardSplit(sentence) {
                add(Piece(text: part, size: TextMeasure.thirds(part), continuesBlock: !first))
                first = false
            }
        }
    }

    private mutating func add(_ piece: Piece) {
        if contentSize > 0 && size + piece.size > target {
            let tinySoFar = contentSize < target / 4 && size + piece.size <= maxSize
            if !tinySoFar { flush(carryOverlap: true) }
        }
        if contentSize == 0 && size > 0 && size + piece.size > maxSize {
            pieces.removeAll()  // the overlap does not fit next to this piece
            size = 0
        }
        pieces.append(piece)
        size += piece.size
        contentSize += piece.size
    }

    mutating func flush(carryOverlap: Bool) {
        defer { if !carryOverlap { pieces.removeAll(); size = 0; contentSize = 0 } }
        guard contentSize > 0 else { return }
        var text = ""
        text.reserveCapacity(pieces.reduce(0) { $0 + $1.text.utf8.count + 1 })
        for (i, piece) in pieces.enumerated() {
            if i > 0 { text += piece.continuesBlock ? TextUtil.joiner(after: text, before: piece.text) : "\n" }
            text += piece.text
        }
        let ordinal = chunks.count
        chunks.append(Chunk(id: "\(documentID)#\(ordinal)", documentID: documentID, ordinal: ordinal,
                            kind: .passage, title: title, sectionPath: path.map(\.text), text: text))
        guard carryOverlap else { return }
        let overlap = lastSentences(options.overlapSentences)
        pieces.removeAll()
        size = 0
        contentSize = 0
        if !overlap.isEmpty {
            let overlapSize = TextMeasure.thirds(overlap)
            if overlapSize <= target / 2 {
                pieces.append(Piece(text: overlap, size: overlapSize, continuesBlock: false))
                size = overlapSize
            }
        }
    }

    /// The last `n` sentences of the current pieces, joined on one line.
    private func lastSentences(_ n: Int) -> String {
        guard n > 0 else { return "" }
        var collected: [String] = []
        for piece in pieces.reversed() where collected.count < n {
            let sentences = piece.continuesBlock || piece.atomic ? [piece.text] : SentenceSplitter.split(piece.text)
            for sentence in sentences.reversed() where collected.count < n { collected.append(sentence) }
        }
        var out = ""
        for sentence in collected.reversed() {
            if !out.isEmpty { out += TextUtil.joiner(after: out, before: sentence) }
            out += sentence
        }
        return out
    }

    /// A sentence cut into parts of at most `target` thirds when it exceeds `maxSize`;
    /// cuts fall after the last space when there is one, otherwise between characters.
    private func hardSplit(_ sentence: String) -> [String] {
        guard TextMeasure.thirds(sentence) > maxSize else { return [sentence] }
        let bytes = Array(sentence.utf8)
        var parts: [String] = []
        var start = 0
        var i = 0
        var acc = 0
        var lastSpace = -1
        while i < bytes.count {
            let b = bytes[i]
            let weight = (b < 0x80 || (b >= 0xC0 && b < 0xE0) || (b >= 0xE0 && b < 0xE3)) ? 1 : (b >= 0xE3 ? 3 : 0)
            if weight > 0 && acc + weight > target && i > start {
                let cut = lastSpace > start ? lastSpace : i
                appendPart(bytes[start..<cut], to: &parts)
                start = cut
                while start < bytes.count && bytes[start] == 0x20 { start += 1 }
                i = max(i, start)  // the spaces skipped may run past the cut point
                acc = 0
                for j in start..<i where bytes[j] & 0xC0 != 0x80 {
                    acc += (bytes[j] < 0xE3) ? 1 : 3
                }
                lastSpace = -1
                continue
            }
            if b == 0x20 { lastSpace = i }
            acc += weight
            i += 1
        }
        appendPart(bytes[start..<bytes.count], to: &parts)
        return parts
    }

    private func appendPart(_ slice: ArraySlice<UInt8>, to parts: inout [String]) {
        let text = String(decoding: slice, as: UTF8.self).trimmedSpaces()
        if !text.isEmpty { parts.append(text) }
    }
}

/// The size measure of the chunker, in thirds of a character so it stays an integer.
///
/// A CJK character counts 3 thirds (1 character); any other character counts 1 third.
/// Computed on UTF-8 bytes: an ASCII byte or a 2-byte sequence is 1 third; a 3-byte
/// sequence whose lead byte is 0xE3...0xEF (U+3000...U+FFFF: CJK punctuation, kana,
/// ideographs, hangul, full-width forms) or a 4-byte sequence (supplementary ideographs,
/// emoji) is 3 thirds; other 3-byte sequences (U+0800...U+2FFF: general punctuation,
/// symbols) are 1 third. Continuation bytes count nothing.
enum TextMeasure {
    /// The size of `text` in thirds of a character.
    static func thirds(_ text: String) -> Int {
        var total = 0
        var text = text
        text.withUTF8 { buffer in
            // Branch-free (vectorizable): continuation bytes 0, lead bytes from 0xE3 up 3, others 1.
            var sum: UInt32 = 0
            for b in buffer {
                let isContinuation: UInt32 = b & 0xC0 == 0x80 ? 1 : 0
                let isWide: UInt32 = b >= 0xE3 ? 1 : 0
                sum &+= (1 &+ 2 &* isWide) &* (1 &- isContinuation)
            }
            total = Int(sum)
        }
        return total
    }

    /// The size of `text` in characters (rounded up).
    static func chars(_ text: String) -> Int { (thirds(text) + 2) / 3 }
}
