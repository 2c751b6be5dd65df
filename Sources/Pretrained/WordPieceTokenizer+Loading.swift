import Foundation

extension WordPieceTokenizer {
    /// A tokenizer from a `vocab.txt` (one token per line, id = line number from 0).
    /// - Parameters:
    ///   - normalizer: case, accent and CJK handling (uncased BERT by default).
    ///   - maxLength: most tokens per text, specials included.
    /// - Throws: `PretrainedError.unreadable` (no such file), `.badVocabulary` (empty, no specials).
    public static func load(vocabTxt path: String, normalizer: BertTextNormalizer = BertTextNormalizer(),
                            maxLength: Int = 512) throws -> WordPieceTokenizer {
        let data = try readFile(path)
        var vocab: [[UInt8]: Int32] = [:]
        var line: [UInt8] = []
        var index: Int32 = 0
        func finish() {
            // Trailing whitespace (a Windows "\r", stray spaces) is not part of a token.
            while let last = line.last, last == 13 || last == 32 || last == 9 { line.removeLast() }
            vocab[line] = index
            index += 1
            line.removeAll(keepingCapacity: true)
        }
        for byte in data {
            if byte == 10 { finish() } else { line.append(byte) }
        }
        if !line.isEmpty { finish() }
        return try WordPieceTokenizer(byteVocabulary: vocab, normalizer: normalizer, maxLength: maxLength,
                                      maxInputCharsPerWord: 100, continuingPrefix: "##",
                                      specials: ("[UNK]", "[CLS]", "[SEP]", "[PAD]"), source: path)
    }

    /// A tokenizer from a Hugging Face `tokenizer.json` whose model is WordPiece with a
    /// `BertNormalizer` (vocabulary, unknown token, prefix, word limit and normalizer flags are
    /// read from the file).
    /// - Parameter maxLength: most tokens per text; nil takes the file's truncation length (or 512).
    /// - Throws: `.unreadable`, `.badConfiguration` (another tokenizer type), `.badVocabulary`.
    public static func load(tokenizerJSON path: String, maxLength: Int? = nil) throws -> WordPieceTokenizer {
        let root = try jsonObject(path)
        func bad(_ detail: String) -> PretrainedError { .badConfiguration(path: path, detail: detail) }
        guard let model = root["model"] as? [String: Any] else { throw bad("no \"model\" object") }
        guard (model["type"] as? String) == "WordPiece" else {
            throw bad("model type \(model["type"] ?? "none") is not WordPiece")
        }
        guard let vocabObject = model["vocab"] as? [String: Any] else { throw bad("no model.vocab object") }
        var vocab: [[UInt8]: Int32] = [:]
        vocab.reserveCapacity(vocabObject.count)
        for (token, value) in vocabObject {
            guard let id = (value as? NSNumber)?.int32Value else {
                throw PretrainedError.badVocabulary(path: path, detail: "token \(token) has no integer id")
            }
            vocab[Array(token.utf8)] = id
        }
        var normalizer = BertTextNormalizer()
        if let n = root["normalizer"] as? [String: Any] {
            guard (n["type"] as? String) == "BertNormalizer" else {
                throw bad("normalizer \(n["type"] ?? "none") is not BertNormalizer")
            }
            let lowercase = (n["lowercase"] as? Bool) ?? true
            normalizer = BertTextNormalizer(cleanText: (n["clean_text"] as? Bool) ?? true,
                                            splitCJK: (n["handle_chinese_chars"] as? Bool) ?? true,
                                            stripAccents: n["strip_accents"] as? Bool, lowercase: lowercase)
        }
        if let p = root["pre_tokenizer"] as? [String: Any], (p["type"] as? String) != "BertPreTokenizer" {
            throw bad("pre-tokenizer \(p["type"] ?? "none") is not BertPreTokenizer")
        }
        let fileMax = ((root["truncation"] as? [String: Any])?["max_length"] as? NSNumber)?.intValue
        let unknown = (model["unk_token"] as? String) ?? "[UNK]"
        return try WordPieceTokenizer(byteVocabulary: vocab, normalizer: normalizer,
                                      maxLength: maxLength ?? fileMax ?? 512,
                                      maxInputCharsPerWord: (model["max_input_chars_per_word"] as? NSNumber)?.intValue ?? 100,
                                      continuingPrefix: (model["continuing_subword_prefix"] as? String) ?? "##",
                                      specials: (unknown, "[CLS]", "[SEP]", "[PAD]"), source: path)
    }
}

/// The bytes of `path`, or `PretrainedError.unreadable`.
func readFile(_ path: String) throws -> Data {
    guard FileManager.default.fileExists(atPath: path) else {
        throw PretrainedError.unreadable(path: path, reason: "no such file")
    }
    do {
        return try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
        throw PretrainedError.unreadable(path: path, reason: error.localizedDescription)
    }
}

/// The top-level JSON object of `path`.
func jsonObject(_ path: String) throws -> [String: Any] {
    let data = try readFile(path)
    guard let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
        throw PretrainedError.badConfiguration(path: path, detail: "not a JSON object")
    }
    return object
}
