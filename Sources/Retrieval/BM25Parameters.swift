/// The fields of a chunk that BM25 scores separately (BM25F): each has a weight and its
/// own length normalization, so a match in a FAQ question counts more than one in a body.
public enum SearchField: Int, CaseIterable, Sendable, Codable {
    case title, section, question, body

    public var name: String {
        switch self {
        case .title: return "title"
        case .section: return "section"
        case .question: return "question"
        case .body: return "body"
        }
    }
}

/// BM25F parameters.
///
/// - `k1`: term-frequency saturation. Higher lets repeated terms keep adding score (1.2 is the
///   textbook value; 0.9-1.5 is the useful range).
/// - `b`: length normalization, 0 (none) to 1 (full). Short fields (titles) are hurt less by it.
/// - `weights`: how much one occurrence in a field counts, relative to the body.
public struct BM25Parameters: Sendable, Codable, Equatable {
    public var k1: Double
    public var b: Double
    public var titleWeight: Double
    public var sectionWeight: Double
    public var questionWeight: Double
    public var bodyWeight: Double

    public init(k1: Double = 1.5, b: Double = 0.9, titleWeight: Double = 1.0, sectionWeight: Double = 1.0,
                questionWeight: Double = 3.0, bodyWeight: Double = 1.0) {
        self.k1 = k1
        self.b = b
        self.titleWeight = titleWeight
        self.sectionWeight = sectionWeight
        self.questionWeight = questionWeight
        self.bodyWeight = bodyWeight
    }

    public func weight(_ field: SearchField) -> Double {
        switch field {
        case .title: return titleWeight
        case .section: return sectionWeight
        case .question: return questionWeight
        case .body: return bodyWeight
        }
    }

    enum CodingKeys: String, CodingKey {
        case k1, b, titleWeight = "title_weight", sectionWeight = "section_weight"
        case questionWeight = "question_weight", bodyWeight = "body_weight"
    }

    /// Missing keys keep their defaults, so a config file may set only what it changes.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = BM25Parameters()
        k1 = try c.decodeIfPresent(Double.self, forKey: .k1) ?? d.k1
        b = try c.decodeIfPresent(Double.self, forKey: .b) ?? d.b
        titleWeight = try c.decodeIfPresent(Double.self, forKey: .titleWeight) ?? d.titleWeight
        sectionWeight = try c.decodeIfPresent(Double.self, forKey: .sectionWeight) ?? d.sectionWeight
        questionWeight = try c.decodeIfPresent(Double.self, forKey: .questionWeight) ?? d.questionWeight
        bodyWeight = try c.decodeIfPresent(Double.self, forKey: .bodyWeight) ?? d.bodyWeight
    }
}
