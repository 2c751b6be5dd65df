import Foundation
import Learning
import LinearAlgebra
import Pretrained
import Retrieval

/// The encoder behind the vector index: the self-trained one, a pretrained BERT-family model
/// (`search.pretrained_encoder`), or both. A hybrid vector is the two models' unit vectors side by
/// side, scaled by √(1−w) and √w, so that its cosine with another hybrid vector is the weighted
/// mean (1−w)·cos₁ + w·cos₂ of the two models' cosines: one index, one search, both encoders.
enum SentenceEncoder: Sendable {
    case trained(Encoder)
    case pretrained(BertEncoder)
    case hybrid(Encoder, BertEncoder, weight: Float)

    var dimension: Int {
        switch self {
        case .trained(let e): e.dimension
        case .pretrained(let p): p.dimension
        case .hybrid(let e, let p, _): e.dimension + p.dimension
        }
    }

    /// Changes whenever either model (or the hybrid weight) changes: the vector index is tagged with it.
    var fingerprint: String {
        switch self {
        case .trained(let e): e.fingerprint
        case .pretrained(let p): "pretrained-" + p.fingerprint
        case .hybrid(let e, let p, let w): "hybrid-\(e.fingerprint)-\(p.fingerprint)-\(w)"
        }
    }

    /// How score explanations name it.
    var name: String {
        switch self {
        case .trained(let e): "self-trained encoder \(e.fingerprint.prefix(8))"
        case .pretrained(let p): "pretrained encoder \(p.fingerprint.prefix(8))"
        case .hybrid(let e, let p, let w): "hybrid of self-trained \(e.fingerprint.prefix(8)) and pretrained \(p.fingerprint.prefix(8)), weight \(w)"
        }
    }

    /// Unit rows, one per text.
    func encode(_ texts: [String]) -> Matrix {
        switch self {
        case .trained(let e): return e.encode(texts)
        case .pretrained(let p): return p.encode(texts)
        case .hybrid(let e, let p, let w): return Self.concatenate(e.encode(texts), p.encode(texts), weight: w)
        }
    }

    func encode(_ text: String) -> [Float] { encode([text]).values }

    static func concatenate(_ a: Matrix, _ b: Matrix, weight: Float) -> Matrix {
        let wa = (1 - weight).squareRoot(), wb = weight.squareRoot()
        var values = [Float]()
        values.reserveCapacity(a.rows * (a.cols + b.cols))
        for r in 0..<a.rows {
            for c in 0..<a.cols { values.append(wa * a.values[r * a.cols + c]) }
            for c in 0..<b.cols { values.append(wb * b.values[r * b.cols + c]) }
        }
        return Matrix(rows: a.rows, cols: a.cols + b.cols, values: values)
    }
}

/// `search.pretrained_encoder`: a pretrained model folder (see scripts/install-minilm.sh) and how to
/// use it: `pretrained` alone, or `hybrid` with the self-trained encoder (`weight` = the pretrained
/// model's share of the cosine), and the BM25/vector fusion weight while it is in use (a pretrained
/// encoder deserves more trust than one trained on a small knowledge base). Defaults chosen on
/// StackFAQ's dev queries (Benchmarks/eval-encoders.sh): hybrid, 0.85, vector weight 0.85.
public struct PretrainedEncoderConfig: Sendable, Codable, Equatable {
    public var directory: String?
    public var mode: String
    public var weight: Double
    public var vectorWeight: Double

    public init(directory: String? = nil, mode: String = "hybrid", weight: Double = 0.85, vectorWeight: Double = 0.85) {
        self.directory = directory; self.mode = mode; self.weight = weight; self.vectorWeight = vectorWeight
    }

    enum CodingKeys: String, CodingKey { case directory, mode, weight, vectorWeight = "vector_weight" }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = PretrainedEncoderConfig()
        directory = try c.decodeIfPresent(String.self, forKey: .directory)
        mode = try c.decodeIfPresent(String.self, forKey: .mode) ?? d.mode
        weight = try c.decodeIfPresent(Double.self, forKey: .weight) ?? d.weight
        vectorWeight = try c.decodeIfPresent(Double.self, forKey: .vectorWeight) ?? d.vectorWeight
    }
}

extension Engine {
    /// Loads the configured pretrained model; nil when none is configured.
    /// - Throws: `pretrained_encoder_unavailable` (503) when it is configured but missing or unreadable.
    static func loadPretrained(_ c: PretrainedEncoderConfig) throws(EngineError) -> BertEncoder? {
        guard ["pretrained", "hybrid"].contains(c.mode) else {
            throw EngineError(.unavailable, code: "invalid_model_config", "search.pretrained_encoder.mode must be pretrained or hybrid, got '\(c.mode)'")
        }
        guard (0...1).contains(c.weight), (0...1).contains(c.vectorWeight) else {
            throw EngineError(.unavailable, code: "invalid_model_config", "search.pretrained_encoder.weight and vector_weight must be between 0 and 1, got \(c.weight) and \(c.vectorWeight)")
        }
        do { return try BertEncoder.loadIfConfigured(directory: c.directory) } catch {
            throw EngineError(.unavailable, code: "pretrained_encoder_unavailable", "\(error)")
        }
    }

    /// The fusion parameters: the configured ones, with the pretrained encoder's vector weight when one is in use.
    var fusion: FusionParameters {
        var f = config.fusion
        if pretrained != nil { f.vectorWeight = config.pretrainedEncoder.vectorWeight }
        return f
    }

    /// The encoder the vector index uses now: the pretrained model alone, the hybrid (once the
    /// self-trained encoder exists), or the self-trained encoder.
    func sentenceEncoder() -> SentenceEncoder? {
        let trained = loadEncoder()
        guard let pretrained else { return trained.map(SentenceEncoder.trained) }
        if config.pretrainedEncoder.mode == "hybrid", let trained {
            return .hybrid(trained, pretrained, weight: Float(config.pretrainedEncoder.weight))
        }
        return .pretrained(pretrained)
    }
}
