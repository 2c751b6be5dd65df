import Foundation
import LinearAlgebra

/// The encoder benchmark behind `switchboard bench encoder`: throughput at a batch size and
/// batch-1 latency of `BertEncoder`, tokenization included, on sentences the caller supplies
/// (Benchmarks/bert/bench_peers.py passes the same sentences to onnxruntime and
/// sentence-transformers in the same run). The per-core figure needs `OPENBLAS_NUM_THREADS=1`.
public enum PretrainedBench {
    /// Measured figures.
    public struct Result: Sendable, Equatable {
        /// Sentences in the workload and their mean token count (specials included).
        public var sentences: Int
        public var meanTokens: Double
        /// Batch size of the throughput run.
        public var batch: Int
        /// Best sentences per second over the repeats, encoding all sentences in batches of `batch`.
        public var sentencesPerSecond: Double
        /// Median and 90th-percentile latency of encoding one sentence, in milliseconds.
        public var latencyMedianMs: Double
        public var latencyP90Ms: Double
    }

    /// Runs the benchmark on an already-loaded encoder.
    /// - Parameters:
    ///   - repeats: timed passes over all sentences (the best counts; one untimed warm-up first).
    ///   - latencySamples: single-sentence encodes timed for the latency figures.
    public static func measure(_ encoder: BertEncoder, batch: Int, sentences: [String], repeats: Int = 3,
                               latencySamples: Int = 200) -> Result {
        precondition(!sentences.isEmpty, "PretrainedBench: no sentences")
        var enc = encoder
        enc.maxBatchSize = max(1, batch)
        let tokens = sentences.map { encoder.tokenizer.encode($0).count }
        func encodeAll() {
            for start in stride(from: 0, to: sentences.count, by: enc.maxBatchSize) {
                _ = enc.encode(Array(sentences[start..<min(start + enc.maxBatchSize, sentences.count)]))
            }
        }
        encodeAll()
        var best = Double.infinity
        for _ in 0..<max(1, repeats) {
            let start = ContinuousClock.now
            encodeAll()
            best = min(best, seconds(ContinuousClock.now - start))
        }
        var latencies: [Double] = []
        for i in 0..<max(1, latencySamples) {
            let text = sentences[i % sentences.count]
            let start = ContinuousClock.now
            _ = encoder.encode([text])
            latencies.append(seconds(ContinuousClock.now - start) * 1000)
        }
        latencies.sort()
        return Result(sentences: sentences.count, meanTokens: Double(tokens.reduce(0, +)) / Double(tokens.count),
                      batch: enc.maxBatchSize, sentencesPerSecond: Double(sentences.count) / best,
                      latencyMedianMs: latencies[latencies.count / 2],
                      latencyP90Ms: latencies[min(latencies.count - 1, latencies.count * 9 / 10)])
    }

    /// Loads the model at `modelDirectory`, measures, and returns the report printed by
    /// `switchboard bench encoder` (BLAS in use, load time, throughput, latency).
    /// - Throws: any `BertEncoder.load` error (`PretrainedError.modelNotInstalled` when absent).
    public static func run(modelDirectory: String, batch: Int = 32, sentences: [String], repeats: Int = 3,
                           latencySamples: Int = 200) throws -> String {
        let info = BLASInfo.current
        var lines = [info.summary]
        if let w = info.warning { lines.append(w) }
        let start = ContinuousClock.now
        let encoder = try BertEncoder.load(directory: modelDirectory)
        let load = seconds(ContinuousClock.now - start)
        let c = encoder.config
        lines.append("model: \(modelDirectory) (\(c.layers) layers, hidden \(c.hiddenSize), \(c.heads) heads, "
                     + "max \(encoder.tokenizer.maxLength) tokens), loaded in \(format(load * 1000)) ms")
        let r = measure(encoder, batch: batch, sentences: sentences, repeats: repeats, latencySamples: latencySamples)
        lines.append("workload: \(r.sentences) sentences, mean \(format(r.meanTokens)) tokens")
        lines.append("batch \(r.batch): \(format(r.sentencesPerSecond)) sentences/s")
        lines.append("batch 1: median \(format(r.latencyMedianMs, digits: 2)) ms, p90 \(format(r.latencyP90Ms, digits: 2)) ms")
        return lines.joined(separator: "\n")
    }

    /// Non-empty lines of a UTF-8 text file (the sentences of a workload).
    public static func sentences(fromFile path: String) throws -> [String] {
        let text = String(decoding: try readFile(path), as: UTF8.self)
        return text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
    }

    static func seconds(_ d: Duration) -> Double {
        let c = d.components
        return Double(c.seconds) + Double(c.attoseconds) * 1e-18
    }

    static func format(_ x: Double, digits: Int = 1) -> String {
        String(format: "%.\(digits)f", x)
    }
}
