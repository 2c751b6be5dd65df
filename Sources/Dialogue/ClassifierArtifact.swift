import Foundation
import LinearAlgebra

/// The versioned binary file of a trained classifier (intent or sentiment model).
///
/// Layout, little-endian: the magic `SBDC`, `UInt32` format version, `UInt32` header length, the
/// header as JSON (`Header`: kind, configuration, labels, temperature, threshold, shapes), then
/// `Int32 buckets[F]`, `Float idf[F]`, `Float W[F × C]` (row-major), `Float bias[C]`; from version 2,
/// when the header names hidden units `H` over `I` inputs (`HiddenLayer`): `Int32 inputs[I]`,
/// `Float W1[I × H]`, `Float b1[H]`, `Float W2[H × C]`, `Float b2[C]`. Version 1 files (linear
/// models) still load. Version 3 (written only for a model with a dense block, so older code
/// refuses it with `unsupportedVersion`) adds the header fields `denseFingerprint`,
/// `denseDimension` and `denseWeight`; `featureCount` then counts the buckets and the dense
/// columns (`W` has a row per column) while `buckets` and `idf` hold `featureCount − denseDimension`.
/// Loading checks the magic, the version, the kind and every length, so a damaged or foreign file
/// gives `ClassifierError.corruptArtifact` instead of a wrong model.
enum ClassifierArtifact {
    static let magic: [UInt8] = Array("SBDC".utf8)
    /// The newest format this code reads (written for models with a dense block).
    static let formatVersion = 3
    /// The format of models without a dense block (readable by older code).
    static let sparseFormatVersion = 2

    /// The JSON part of the file.
    struct Header: Codable {
        var kind: String
        var config: ClassifierConfig
        var labels: [String]
        var temperature: Float
        var threshold: Float
        var featureCount: Int
        var documentCount: Int
        /// Hidden units (version 2; nil or absent for a linear model).
        var hiddenUnits: Int?
        /// Input features of the hidden layer.
        var hiddenInputs: Int?
        /// Weight of the hidden layer's scores.
        var hiddenMix: Float?
        /// The dense block's encoder fingerprint, dimension and weight (version 3; nil without one).
        var denseFingerprint: String?
        var denseDimension: Int?
        var denseWeight: Float?
    }

    /// Serializes `classifier` with its model `kind` ("intent", "sentiment") and decision threshold.
    static func encode(_ classifier: LinearClassifier, kind: String, config: ClassifierConfig, threshold: Float) throws -> Data {
        let header = Header(kind: kind, config: config, labels: classifier.labels, temperature: classifier.temperature,
                            threshold: threshold, featureCount: classifier.space.featureCount,
                            documentCount: classifier.space.documentCount, hiddenUnits: classifier.hidden?.units,
                            hiddenInputs: classifier.hidden?.inputs.count, hiddenMix: classifier.hidden?.mix,
                            denseFingerprint: classifier.space.dense?.fingerprint, denseDimension: classifier.space.dense?.dimension,
                            denseWeight: classifier.space.dense?.weight)
        let json = try JSONEncoder().encode(header)
        var data = Data(magic)
        append(UInt32(classifier.space.dense == nil ? sparseFormatVersion : formatVersion), to: &data)
        append(UInt32(json.count), to: &data)
        data.append(json)
        classifier.space.buckets.withUnsafeBytes { data.append(contentsOf: $0) }
        classifier.space.idf.withUnsafeBytes { data.append(contentsOf: $0) }
        classifier.weights.values.withUnsafeBytes { data.append(contentsOf: $0) }
        classifier.bias.withUnsafeBytes { data.append(contentsOf: $0) }
        if let hidden = classifier.hidden {
            hidden.inputs.withUnsafeBytes { data.append(contentsOf: $0) }
            hidden.w1.withUnsafeBytes { data.append(contentsOf: $0) }
            hidden.b1.withUnsafeBytes { data.append(contentsOf: $0) }
            hidden.w2.values.withUnsafeBytes { data.append(contentsOf: $0) }
            hidden.b2.withUnsafeBytes { data.append(contentsOf: $0) }
        }
        return data
    }

    /// Reads a file written by `encode`; `kind` must match.
    static func decode(_ data: Data, kind: String) throws -> (classifier: LinearClassifier, config: ClassifierConfig, threshold: Float) {
        var reader = Reader(bytes: [UInt8](data))
        guard try reader.bytes(4) == magic else { throw ClassifierError.corruptArtifact("not a Switchboard classifier file") }
        let version = Int(try reader.uint32())
        guard version <= formatVersion else { throw ClassifierError.unsupportedVersion(found: version, supported: formatVersion) }
        let headerLength = Int(try reader.uint32())
        let header: Header
        do { header = try JSONDecoder().decode(Header.self, from: Data(try reader.bytes(headerLength))) } catch {
            throw ClassifierError.corruptArtifact("unreadable header: \(error)")
        }
        guard header.kind == kind else { throw ClassifierError.corruptArtifact("a \(header.kind) model, expected \(kind)") }
        try header.config.validate()
        let f = header.featureCount, c = header.labels.count
        guard f >= 0, c >= 2, header.temperature > 0 else { throw ClassifierError.corruptArtifact("bad shapes or temperature") }
        var dense: DenseBlock? = nil
        if let fingerprint = header.denseFingerprint, let d = header.denseDimension, let weight = header.denseWeight {
            guard d >= 1, d <= f, weight.isFinite, weight > 0 else { throw ClassifierError.corruptArtifact("bad dense block shape or weight") }
            dense = DenseBlock(fingerprint: fingerprint, dimension: d, weight: weight)
        }
        let sparse = f - (dense?.dimension ?? 0)
        let buckets: [Int32] = try reader.array(sparse)
        let idf: [Float] = try reader.array(sparse)
        let w: [Float] = try reader.array(f * c)
        let bias: [Float] = try reader.array(c)
        var hidden: HiddenLayer? = nil
        if let h = header.hiddenUnits, let i = header.hiddenInputs {
            guard h >= 1, h <= 4096, i >= 0, i <= f, let mix = header.hiddenMix, (0...1).contains(mix) else {
                throw ClassifierError.corruptArtifact("bad hidden layer shape or mix")
            }
            let inputs: [Int32] = try reader.array(i)
            var previous: Int32 = -1
            for col in inputs {
                guard col > previous, Int(col) < f else { throw ClassifierError.corruptArtifact("hidden layer inputs out of order") }
                previous = col
            }
            let w1: [Float] = try reader.array(i * h), b1: [Float] = try reader.array(h)
            let w2: [Float] = try reader.array(h * c), b2: [Float] = try reader.array(c)
            hidden = HiddenLayer(inputs: inputs, units: h, w1: w1, b1: b1, w2: Matrix(rows: h, cols: c, values: w2), b2: b2,
                                 mix: mix, featureCount: f)
        }
        guard reader.offset == reader.bytes.count else { throw ClassifierError.corruptArtifact("trailing bytes") }
        let featurizer = TextFeaturizer(config: header.config)
        var previous: Int32 = -1
        for b in buckets {
            guard b > previous, Int(b) < featurizer.bucketCount else { throw ClassifierError.corruptArtifact("feature buckets out of order") }
            previous = b
        }
        var space = FeatureSpace(featurizer: featurizer, buckets: buckets, idf: idf, documentCount: header.documentCount)
        space.dense = dense
        let classifier = LinearClassifier(labels: header.labels, space: space, weights: Matrix(rows: f, cols: c, values: w),
                                          bias: bias, temperature: header.temperature, hidden: hidden)
        return (classifier, header.config, header.threshold)
    }

    private static func append(_ v: UInt32, to data: inout Data) {
        withUnsafeBytes(of: v.littleEndian) { data.append(contentsOf: $0) }
    }

    /// Bounds-checked sequential reads.
    struct Reader {
        let bytes: [UInt8]
        var offset = 0

        mutating func bytes(_ n: Int) throws -> [UInt8] {
            guard n >= 0, offset + n <= bytes.count else { throw ClassifierError.corruptArtifact("file is truncated") }
            defer { offset += n }
            return Array(bytes[offset..<(offset + n)])
        }

        mutating func uint32() throws -> UInt32 {
            let b = try bytes(4)
            return UInt32(b[0]) | UInt32(b[1]) << 8 | UInt32(b[2]) << 16 | UInt32(b[3]) << 24
        }

        mutating func array<T: BitwiseCopyable>(_ count: Int) throws -> [T] {
            let n = count * MemoryLayout<T>.stride
            guard count >= 0, offset + n <= bytes.count else { throw ClassifierError.corruptArtifact("file is truncated") }
            defer { offset += n }
            return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
                bytes.withUnsafeBytes { src in
                    UnsafeMutableRawBufferPointer(buffer).copyMemory(from: UnsafeRawBufferPointer(rebasing: src[offset..<(offset + n)]))
                }
                initialized = count
            }
        }
    }
}
