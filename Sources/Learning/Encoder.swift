import LinearAlgebra
import TextAnalysis

/// A self-trained sentence encoder: hashed TF-IDF features projected by a learned matrix.
///
/// `e(x) = normalize(tfidf(x) · W)` where `tfidf(x)` is the L2-normalized hashed TF-IDF vector
/// restricted to the features seen in training (`[featureCount]`, see `TFIDFModel`) and `W` is
/// `[featureCount × dimension]`: the LSA projection refined on paraphrase groups
/// (`EncoderTrainer`). Texts with no known feature encode to the zero vector (cosine 0 with
/// everything). The encoder is an immutable value: share it freely across tasks.
public struct Encoder: Sendable {
    /// The configuration it was trained with.
    public let config: EncoderConfig
    /// Features and IDF.
    public let tfidf: TFIDFModel
    /// The projection W, `[featureCount × dimension]`, row `i` for seen feature `i`.
    public let projection: Matrix
    /// Hash of what the encoder was trained on (see `EncoderTrainer.fingerprint`).
    public let fingerprint: String

    /// An encoder from its parts (`projection.rows == tfidf.featureCount`).
    public init(config: EncoderConfig, tfidf: TFIDFModel, projection: Matrix, fingerprint: String) {
        precondition(projection.rows == tfidf.featureCount,
                     "Encoder: W has \(projection.rows) rows for \(tfidf.featureCount) features")
        self.config = config
        self.tfidf = tfidf
        self.projection = projection
        self.fingerprint = fingerprint
    }

    /// The embedding length d.
    public var dimension: Int { projection.cols }

    /// The lexicon whose words are features (it was given to the trainer).
    public var lexicon: Lexicon { tfidf.extractor.analyzer.lexicon }

    /// Texts per featurize-and-project block of `encode(_:)` (bounds the sparse batch's memory).
    static let blockSize = 8192

    /// The embeddings of `texts`, `[texts.count × dimension]`, rows L2-normalized (a text with no
    /// known feature gives a zero row). Features of a block are extracted on all cores, then
    /// projected with one sparse × dense product.
    public func encode(_ texts: [String]) -> Matrix {
        encode(texts, parallel: true)
    }

    /// `encode(_:)` with a switch for multi-core feature extraction (benchmarks use one core).
    public func encode(_ texts: [String], parallel: Bool) -> Matrix {
        var out = Matrix(rows: 0, cols: dimension)
        out.reserveRows(texts.count)
        for start in stride(from: 0, to: texts.count, by: Encoder.blockSize) {
            let block = Array(texts[start..<min(start + Encoder.blockSize, texts.count)])
            out.appendRows(project(tfidf.compactRows(tfidf.extractor.extract(block, parallel: parallel))))
        }
        return out
    }

    /// The embedding of one text (`[dimension]`, unit length or all zero).
    public func encode(_ text: String) -> [Float] {
        Array(encode([text], parallel: false).row(0))
    }

    /// `normalize(X · W)` for TF-IDF rows over the seen features (`[n × featureCount]` → `[n × d]`).
    func project(_ x: CSRMatrix) -> Matrix {
        var z = x.multiply(projection)
        Kernels.normalizeRows(&z)
        return z
    }
}
