/// Why a file could not be imported. `description` is one line: `"<file>: <message>"`.
public struct IngestionError: Error, CustomStringConvertible, Sendable, Hashable {
    /// The kind of failure, stable for callers to switch on.
    public enum Code: String, Sendable, Hashable, CaseIterable {
        /// A path given to the walker does not exist.
        case notFound
        /// Neither the extension nor the content tells which format the file is.
        case unknownFormat
        /// The file has no bytes, or only whitespace.
        case emptyFile
        /// The bytes are not UTF-8 or UTF-16 with a byte-order mark.
        case undecodable
        /// The file is bigger than `ImportLimits.maxFileBytes`.
        case tooLarge
        /// A CSV header lacks a required column.
        case missingColumn
        /// A DOCX is not a ZIP archive.
        case notAZip
        /// The content is damaged: a bad JSON line, a broken CSV quote, a truncated ZIP entry, ...
        case malformed
        /// A ZIP that would expand too much or names entries outside its root.
        case unsafeArchive
    }

    /// The kind of failure.
    public var code: Code
    /// The file name as given to the importer (or the path given to the walker).
    public var file: String
    /// What went wrong, for people; single line.
    public var message: String

    /// Creates an error; line breaks in `message` are replaced by spaces to keep it on one line.
    public init(_ code: Code, file: String, message: String) {
        self.code = code
        self.file = file
        self.message = message.contains(where: \.isNewline)
            ? message.split(whereSeparator: \.isNewline).joined(separator: " ") : message
    }

    /// `"<file>: <message>"`.
    public var description: String { "\(file): \(message)" }
}

/// An error raised inside a parser before the file name is known; `Importer` adds the name.
struct ParseFailure: Error {
    var code: IngestionError.Code
    var message: String

    init(_ code: IngestionError.Code, _ message: String) {
        self.code = code
        self.message = message
    }

    func error(file: String) -> IngestionError { IngestionError(code, file: file, message: message) }
}
