import Foundation

/// BERT's WordPiece tokenizer: `BertTextNormalizer` words, then greedy longest-match-first
/// sub-words from the vocabulary (continuations prefixed `##`), `[CLS] … [SEP]` around them and
/// truncation to `maxLength` tokens.
///
/// A word longer than `maxInputCharsPerWord` scalars, or one that cannot be covered by
/// vocabulary pieces, becomes a single `[UNK]`. Vocabulary entries are matched by their UTF-8
/// bytes (not by Swift's canonical string equality), as the reference implementation does.
public struct WordPieceTokenizer: Sendable {
    /// Text clean-up, case and accent handling, CJK and punctuation splitting.
    public let normalizer: BertTextNormalizer
    /// Most tokens per text, `[CLS]` and `[SEP]` included (the model's `max_seq_length`).
    public let maxLength: Int
    /// Longer words become `[UNK]` (100 in BERT).
    public let maxInputCharsPerWord: Int
    /// Prefix of a piece that continues a word (`##`).
    public let continuingPrefix: String
    /// Id of `[UNK]`, `[CLS]`, `[SEP]`, `[PAD]`.
    public let unknownID: Int32, clsID: Int32, sepID: Int32, padID: Int32
    /// Number of ids (largest id + 1).
    public let vocabularySize: Int

    private let ids: [[UInt8]: Int32]
    private let prefixBytes: [UInt8]

    /// A tokenizer over `vocabulary` (token → id).
    /// - Throws: `PretrainedError.badVocabulary` when it is empty or lacks a special token.
    public init(vocabulary: [String: Int32], normalizer: BertTextNormalizer = BertTextNormalizer(),
                maxLength: Int = 512, maxInputCharsPerWord: Int = 100, continuingPrefix: String = "##",
                unknownToken: String = "[UNK]", clsToken: String = "[CLS]", sepToken: String = "[SEP]",
                padToken: String = "[PAD]", source: String = "vocabulary") throws {
        var byBytes: [[UInt8]: Int32] = [:]
        for (token, id) in vocabulary { byBytes[Array(token.utf8)] = id }
        try self.init(byteVocabulary: byBytes, normalizer: normalizer, maxLength: maxLength,
                      maxInputCharsPerWord: maxInputCharsPerWord, continuingPrefix: continuingPrefix,
                      specials: (unknownToken, clsToken, sepToken, padToken), source: source)
    }

    /// The designated initializer: tokens as UTF-8 bytes.
    init(byteVocabulary: [[UInt8]: Int32], normalizer: BertTextNormalizer, maxLength: Int,
         maxInputCharsPerWord: Int, continuingPrefix: String,
         specials: (unknown: String, cls: String, sep: String, pad: String), source: String) throws {
        guard !byteVocabulary.isEmpty else { throw PretrainedError.badVocabulary(path: source, detail: "no tokens") }
        guard maxLength >= 2 else {
            throw PretrainedError.badConfiguration(path: source, detail: "max length \(maxLength) leaves no room for [CLS] and [SEP]")
        }
        var largest: Int32 = -1
        for (token, id) in byteVocabulary {
            guard id >= 0 else {
                throw PretrainedError.badVocabulary(path: source, detail: "token \(String(decoding: token, as: UTF8.self)) has id \(id)")
            }
            largest = max(largest, id)
        }
        func special(_ name: String) throws -> Int32 {
            guard let id = byteVocabulary[Array(name.utf8)] else {
                throw PretrainedError.badVocabulary(path: source, detail: "special token \(name) is missing")
            }
            return id
        }
        self.unknownID = try special(specials.unknown)
        self.clsID = try special(specials.cls)
        self.sepID = try special(specials.sep)
        self.padID = try special(specials.pad)
        self.ids = byteVocabulary
        self.normalizer = normalizer
        self.maxLength = maxLength
        self.maxInputCharsPerWord = maxInputCharsPerWord
        self.continuingPrefix = continuingPrefix
        self.prefixBytes = Array(continuingPrefix.utf8)
        self.vocabularySize = Int(largest) + 1
    }

    /// The id of `token`, or nil.
    public func id(of token: String) -> Int32? { ids[Array(token.utf8)] }

    /// The ids of `text`: `[CLS]`, its word pieces (at most `maxLength - 2`), `[SEP]`.
    public func encode(_ text: String) -> [Int32] {
        var out: [Int32] = [clsID]
        out.reserveCapacity(32)
        let budget = maxLength - 2
        for word in normalizer.words(text) {
            appendPieces(of: word, to: &out)
            if out.count - 1 >= budget { break }
        }
        if out.count - 1 > budget { out.removeLast(out.count - 1 - budget) }
        out.append(sepID)
        return out
    }

    /// The word-piece ids of `text`, no special tokens, no truncation.
    public func pieceIDs(_ text: String) -> [Int32] {
        var out: [Int32] = []
        for word in normalizer.words(text) { appendPieces(of: word, to: &out) }
        return out
    }

    /// Greedy longest-match-first pieces of one word (or `[UNK]`).
    private func appendPieces(of word: [Unicode.Scalar], to out: inout [Int32]) {
        if word.count > maxInputCharsPerWord { out.append(unknownID); return }
        // UTF-8 bytes of the word and the byte offset where each scalar starts.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(word.count * 3)
        var starts: [Int] = []
        starts.reserveCapacity(word.count + 1)
        for s in word {
            starts.append(bytes.count)
            if let encoded = UTF8.encode(s) { bytes.append(contentsOf: encoded) }
        }
        starts.append(bytes.count)
        let mark = out.count
        var start = 0
        var key: [UInt8] = []
        key.reserveCapacity(bytes.count + prefixBytes.count)
        while start < word.count {
            var end = word.count
            var found: Int32? = nil
            while start < end {
                key.removeAll(keepingCapacity: true)
                if start > 0 { key.append(contentsOf: prefixBytes) }
                key.append(contentsOf: bytes[starts[start]..<starts[end]])
                if let id = ids[key] { found = id; break }
                end -= 1
            }
            guard let id = found else {
                out.removeLast(out.count - mark)
                out.append(unknownID)
                return
            }
            out.append(id)
            start = end
        }
    }
}
