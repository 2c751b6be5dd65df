/// Errors of the pretrained-encoder module: bad or missing model files, never a crash.
///
/// Every case names the file (and tensor or line) at fault, so a message printed by the CLI or
/// returned by the server says what to fix.
public enum PretrainedError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The encoder is configured (a model directory is set) but files are missing from it.
    case modelNotInstalled(directory: String, missing: [String])
    /// A file could not be opened or read (`errno` text in `reason`).
    case unreadable(path: String, reason: String)
    /// A safetensors file is shorter than its header says (cut off while copying or downloading).
    case truncated(path: String, detail: String)
    /// A safetensors header is not the documented format (length prefix + JSON object).
    case malformedHeader(path: String, detail: String)
    /// A tensor the model needs is not in the file.
    case missingTensor(name: String, path: String)
    /// A tensor has another element type than the model needs.
    case wrongDType(name: String, expected: String, found: String)
    /// A tensor has another shape than the configuration implies.
    case wrongShape(name: String, expected: [Int], found: [Int])
    /// A configuration file (config.json, tokenizer.json, pooling config, manifest) is unusable.
    case badConfiguration(path: String, detail: String)
    /// The vocabulary is missing a token the tokenizer needs, or is empty or inconsistent.
    case badVocabulary(path: String, detail: String)
    /// A token id outside the vocabulary was given to the encoder.
    case tokenOutOfRange(id: Int32, vocabularySize: Int)
    /// A file's size or SHA-256 differs from the manifest.
    case checksumMismatch(path: String, detail: String)

    public var description: String {
        switch self {
        case let .modelNotInstalled(directory, missing):
            return "pretrained encoder configured at \(directory) but not installed (missing: "
                + missing.joined(separator: ", ") + "); run scripts/install-minilm.sh"
        case let .unreadable(path, reason):
            return "cannot read \(path): \(reason)"
        case let .truncated(path, detail):
            return "\(path) is truncated: \(detail)"
        case let .malformedHeader(path, detail):
            return "\(path) is not a valid safetensors file: \(detail)"
        case let .missingTensor(name, path):
            return "tensor \(name) is missing from \(path)"
        case let .wrongDType(name, expected, found):
            return "tensor \(name) has dtype \(found), expected \(expected)"
        case let .wrongShape(name, expected, found):
            return "tensor \(name) has shape \(found), expected \(expected)"
        case let .badConfiguration(path, detail):
            return "bad model configuration \(path): \(detail)"
        case let .badVocabulary(path, detail):
            return "bad vocabulary \(path): \(detail)"
        case let .tokenOutOfRange(id, size):
            return "token id \(id) is outside the vocabulary of \(size) tokens"
        case let .checksumMismatch(path, detail):
            return "\(path) does not match the manifest: \(detail)"
        }
    }
}
