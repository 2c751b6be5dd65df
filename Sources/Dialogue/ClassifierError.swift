/// Errors of the Dialogue classifiers. Each case says what is wrong so that the API layer can pass
/// the message on (`emptyText` and `textTooLong` map to HTTP 400).
public enum ClassifierError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The text to classify is empty or only whitespace.
    case emptyText
    /// The text has `length` characters, more than the configured `limit`.
    case textTooLong(length: Int, limit: Int)
    /// Training got no usable example (all texts empty, or no examples at all).
    case noExamples
    /// Training needs at least two distinct labels; `labels` are the ones found.
    case tooFewLabels([String])
    /// A label is not one the model knows (for example a sentiment label other than negative/neutral/positive).
    case unknownLabel(String)
    /// A configuration value is out of range or the file is unreadable.
    case invalidConfig(String)
    /// A saved model is damaged or not a model of this kind.
    case corruptArtifact(String)
    /// A saved model was written by a newer format version.
    case unsupportedVersion(found: Int, supported: Int)
    /// The dense features' encoder is missing, is not the one the model was trained with, or
    /// returned vectors of the wrong shape.
    case encoderMismatch(String)
    /// An evaluation data file is missing or a line is not `{"text", "label"}` JSON.
    case badDataFile(String)

    public var description: String {
        switch self {
        case .emptyText: return "the text is empty"
        case let .textTooLong(length, limit): return "the text has \(length) characters, more than the limit of \(limit)"
        case .noExamples: return "no training example with a non-empty text"
        case let .tooFewLabels(labels): return "training needs at least two labels, found \(labels)"
        case let .unknownLabel(label): return "unknown label '\(label)'"
        case let .invalidConfig(message): return "invalid classifier configuration: \(message)"
        case let .corruptArtifact(message): return "damaged model file: \(message)"
        case let .unsupportedVersion(found, supported):
            return "model file format \(found) is newer than the supported format \(supported)"
        case let .encoderMismatch(message): return "dense encoder mismatch: \(message)"
        case let .badDataFile(message): return "bad data file: \(message)"
        }
    }
}

/// Checks a text before classification: not empty, not longer than `limit` characters.
func validateInput(_ text: String, limit: Int) throws {
    if text.allSatisfy({ $0.isWhitespace }) { throw ClassifierError.emptyText }
    let length = text.count
    if length > limit { throw ClassifierError.textTooLong(length: length, limit: limit) }
}
