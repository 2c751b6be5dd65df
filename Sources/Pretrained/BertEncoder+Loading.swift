import Foundation

extension BertEncoder {
    /// Files a model directory must hold (besides a tokenizer: `tokenizer.json` or `vocab.txt`).
    public static let requiredFiles = ["config.json", "model.safetensors"]

    /// The required files missing from `directory` (empty when the model is installed).
    public static func missingFiles(directory: String) -> [String] {
        let fm = FileManager.default
        func has(_ name: String) -> Bool { fm.fileExists(atPath: path(directory, name)) }
        var missing = requiredFiles.filter { !has($0) }
        if !has("tokenizer.json") && !has("vocab.txt") { missing.append("tokenizer.json or vocab.txt") }
        return missing
    }

    /// The encoder configured at `directory`, or nil when none is configured (`directory` nil
    /// or empty): the service then uses its self-trained encoder.
    /// - Throws: `PretrainedError.modelNotInstalled` when a directory is configured but its
    ///   files are missing (say so instead of silently falling back), or any `load` error.
    public static func loadIfConfigured(directory: String?) throws -> BertEncoder? {
        guard let directory, !directory.isEmpty else { return nil }
        return try load(directory: directory)
    }

    /// Loads a sentence-transformers BERT model directory, as written by
    /// `scripts/install-minilm.sh`: `config.json`, `model.safetensors`, `tokenizer.json` (or
    /// `vocab.txt` + `tokenizer_config.json`), optionally `sentence_bert_config.json`
    /// (`max_seq_length`), `1_Pooling/config.json` (mean or CLS pooling) and `modules.json`
    /// (a `Normalize` module turns on L2 normalization; without the file it is on).
    /// - Parameter maxLength: overrides the maximum tokens per text.
    /// - Throws: `PretrainedError` naming the file at fault: `.modelNotInstalled` (missing files),
    ///   `.badConfiguration`, `.badVocabulary`, `.truncated`, `.malformedHeader`,
    ///   `.missingTensor`, `.wrongDType`, `.wrongShape`.
    public static func load(directory: String, maxLength: Int? = nil) throws -> BertEncoder {
        let missing = missingFiles(directory: directory)
        guard missing.isEmpty else { throw PretrainedError.modelNotInstalled(directory: directory, missing: missing) }
        let fm = FileManager.default
        let config = try BertConfig.load(path: path(directory, "config.json"))

        var length = min(512, config.maxPositions)
        let stConfig = path(directory, "sentence_bert_config.json")
        if fm.fileExists(atPath: stConfig),
           let n = (try jsonObject(stConfig)["max_seq_length"] as? NSNumber)?.intValue, n >= 2 {
            length = n
        }
        if let maxLength { length = maxLength }
        length = min(length, config.maxPositions)

        let tokenizer: WordPieceTokenizer
        if fm.fileExists(atPath: path(directory, "tokenizer.json")) {
            tokenizer = try WordPieceTokenizer.load(tokenizerJSON: path(directory, "tokenizer.json"), maxLength: length)
        } else {
            var normalizer = BertTextNormalizer()
            let tc = path(directory, "tokenizer_config.json")
            if fm.fileExists(atPath: tc) {
                let o = try jsonObject(tc)
                let lower = (o["do_lower_case"] as? Bool) ?? true
                normalizer = BertTextNormalizer(splitCJK: (o["tokenize_chinese_chars"] as? Bool) ?? true,
                                                stripAccents: o["strip_accents"] as? Bool, lowercase: lower)
            }
            tokenizer = try WordPieceTokenizer.load(vocabTxt: path(directory, "vocab.txt"), normalizer: normalizer,
                                                    maxLength: length)
        }

        var pooling = Pooling.mean
        let poolingConfig = path(directory, "1_Pooling/config.json")
        if fm.fileExists(atPath: poolingConfig) {
            let o = try jsonObject(poolingConfig)
            if (o["pooling_mode_mean_tokens"] as? Bool) == true {
                pooling = .mean
            } else if (o["pooling_mode_cls_token"] as? Bool) == true {
                pooling = .cls
            } else {
                throw PretrainedError.badConfiguration(path: poolingConfig, detail: "only mean or CLS pooling is supported")
            }
        }
        var normalize = true
        let modules = path(directory, "modules.json")
        if fm.fileExists(atPath: modules) {
            let list = (try? JSONSerialization.jsonObject(with: try readFile(modules))) as? [[String: Any]]
            guard let list else {
                throw PretrainedError.badConfiguration(path: modules, detail: "not a JSON list of modules")
            }
            normalize = list.contains { (($0["type"] as? String) ?? "").hasSuffix(".Normalize") }
        }

        let file = try SafeTensorsFile(path: path(directory, "model.safetensors"))
        let weights = try BertWeights.load(from: file, config: config)
        return try BertEncoder(config: config, tokenizer: tokenizer, weights: weights, pooling: pooling,
                               normalize: normalize, fingerprint: try fingerprint(directory: directory, length: length))
    }

    /// `bert-` + 16 hex digits of FNV-1a over the small files that define the model (config,
    /// tokenizer, pooling, the installed `manifest.json` with the weights' SHA-256), the weights'
    /// size and the sequence length. Cheap (the 90 MB of weights are not hashed at start; the
    /// install script checked their SHA-256).
    static func fingerprint(directory: String, length: Int) throws -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix<S: Sequence>(_ bytes: S) where S.Element == UInt8 {
            for b in bytes { hash = (hash ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
        }
        let fm = FileManager.default
        for name in ["config.json", "tokenizer.json", "vocab.txt", "tokenizer_config.json", "modules.json",
                     "1_Pooling/config.json", "manifest.json"] where fm.fileExists(atPath: path(directory, name)) {
            mix(name.utf8)
            mix(try readFile(path(directory, name)))
        }
        let size = (try? fm.attributesOfItem(atPath: path(directory, "model.safetensors"))[.size] as? NSNumber)?.int64Value ?? 0
        mix("\(size)/\(length)".utf8)
        let hex = String(hash, radix: 16)
        return "bert-" + String(repeating: "0", count: 16 - hex.count) + hex
    }

    static func path(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }
}
