/// A question with its answer, as editors write them. Each FAQ becomes one chunk.
public struct FAQ: Codable, Sendable, Hashable, Identifiable {
    public var id: String
    public var question: String
    public var similar: [String]
    public var answer: String
    public var tags: [String]

    public init(id: String, question: String, similar: [String] = [], answer: String, tags: [String] = []) {
        self.id = id
        self.question = question
        self.similar = similar
        self.answer = answer
        self.tags = tags
    }
}

/// One labelled utterance for the intent classifier. The label `oos` marks out-of-scope.
public struct IntentExample: Codable, Sendable, Hashable {
    public var text: String
    public var label: String

    public init(text: String, label: String) {
        self.text = text
        self.label = label
    }

    public static let outOfScopeLabel = "oos"
}
