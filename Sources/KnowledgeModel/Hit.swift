/// One search result. `explanation` is filled when the caller asked for `explain`.
public struct Hit: Codable, Sendable, Hashable {
    public var chunk: Chunk
    public var score: Double
    public var explanation: ScoreExplanation?

    public init(chunk: Chunk, score: Double, explanation: ScoreExplanation? = nil) {
        self.chunk = chunk
        self.score = score
        self.explanation = explanation
    }
}

/// A score broken into its parts, like a tree: the value is the sum (or the
/// product, as `description` says) of the children.
public struct ScoreExplanation: Codable, Sendable, Hashable {
    public var value: Double
    public var description: String
    public var details: [ScoreExplanation]

    public init(value: Double, description: String, details: [ScoreExplanation] = []) {
        self.value = value
        self.description = description
        self.details = details
    }
}
