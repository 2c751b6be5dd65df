/// Why a campaign condition could not be parsed: where (a character offset into the source,
/// from 0) and what is wrong, in one line.
public struct ConditionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Character offset into the condition source where the problem starts.
    public var offset: Int
    /// What is wrong, e.g. "expected a value after '>='".
    public var message: String

    /// Creates an error.
    public init(offset: Int, _ message: String) {
        self.offset = offset
        self.message = message
    }

    /// `offset 27: expected a value after '>='`.
    public var description: String { "offset \(offset): \(message)" }
}
