import Foundation
import KnowledgeModel

/// Evaluation of the intent and sentiment models on labelled JSONL files (train → test), for
/// `switchboard eval intents|sentiment` and `Benchmarks/eval-dialogue.sh`.
///
/// Files hold one JSON object a line with `text` and a label in `label` or `sentiment` (a string,
/// or an integer such as SST-2's 0/1). Prediction latency is measured per text, one at a time,
/// through the public `predict`.
public enum DialogueEval {
    /// Intent metrics (CLINC150 conventions for the out-of-scope parts).
    public struct IntentMetrics: Sendable, Codable, Equatable {
        public var trainExamples: Int, testExamples: Int, labels: Int
        /// Final decision (with rejection to "oos") equals the gold label.
        public var accuracy: Double
        /// Best label before rejection equals the gold label (the plain classification accuracy).
        public var top1Accuracy: Double
        /// Macro-F1 over the gold labels of the final decisions.
        public var macroF1: Double
        /// Share of in-scope test examples accepted with the right label; nil without in-scope examples.
        public var inScopeAccuracy: Double?
        /// Share of in-scope test examples whose best label (before rejection) is right.
        public var inScopeTop1Accuracy: Double?
        /// Share of "oos" test examples rejected; nil when the test set has none.
        public var oosRecall: Double?
        /// Expected calibration error of the top label's confidence (10 buckets).
        public var expectedCalibrationError: Double
        public var temperature: Float, threshold: Float
        /// In-scope accuracy and oos recall had the threshold been each of 0, 0.1, ..., 0.9
        /// (the operating curve; empty when the test set has no oos examples).
        public var operatingPoints: [OperatingPoint]
        public var trainSeconds: Double, predictP50Milliseconds: Double, predictP99Milliseconds: Double
    }

    /// One point of the rejection trade-off.
    public struct OperatingPoint: Sendable, Codable, Equatable {
        public var threshold: Float, inScopeAccuracy: Double, oosRecall: Double
    }

    /// Sentiment metrics.
    public struct SentimentMetrics: Sendable, Codable, Equatable {
        public var trainExamples: Int, testExamples: Int
        public var accuracy: Double, macroF1: Double
        public var expectedCalibrationError: Double
        public var temperature: Float
        public var trainSeconds: Double, predictP50Milliseconds: Double, predictP99Milliseconds: Double
    }

    /// Reads `{text, label|sentiment}` lines (blank lines skipped).
    /// - Throws: `ClassifierError.badDataFile` naming the file and line.
    public static func readLabelled(_ url: URL) throws -> [(text: String, label: String)] {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw ClassifierError.badDataFile("cannot read \(url.path): \(error.localizedDescription)")
        }
        var out: [(text: String, label: String)] = []
        for (n, line) in data.split(separator: UInt8(ascii: "\n")).enumerated() {
            guard line.contains(where: { $0 != 0x20 && $0 != 0x0D && $0 != 0x09 }) else { continue }
            guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
                  let text = object["text"] as? String else {
                throw ClassifierError.badDataFile("\(url.lastPathComponent) line \(n + 1) is not a JSON object with a text")
            }
            let raw = object["label"] ?? object["sentiment"]
            if let s = raw as? String { out.append((text, s)) }
            else if let i = raw as? Int { out.append((text, String(i))) }
            else { throw ClassifierError.badDataFile("\(url.lastPathComponent) line \(n + 1) has no label") }
        }
        return out
    }

    /// Trains an intent model on `train` and measures it on `test`; with an `encoder` (and
    /// `dense_weight` > 0) the model has dense features, and `trainSeconds` includes encoding the
    /// training texts while the predict latencies include encoding each test text.
    public static func intents(train: URL, test: URL, config: ClassifierConfig, encoder: DenseEncoder? = nil) throws -> IntentMetrics {
        let trainSet = try readLabelled(train), testSet = try readLabelled(test)
        let start = Date()
        let model = try IntentModel.train(examples: trainSet, config: config, encoder: encoder)
        let trainSeconds = Date().timeIntervalSince(start)
        let oos = IntentExample.outOfScopeLabel
        var predictions: [IntentPrediction] = [], times: [Double] = []
        for example in testSet {
            let t0 = DispatchTime.now().uptimeNanoseconds
            let p = try model.predict(example.text)
            times.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6)
            predictions.append(p)
        }
        let gold = testSet.map(\.label)
        let decided = predictions.map(\.intent)
        let top = predictions.map { $0.ranking.first?.label ?? oos }
        let inScope = gold.indices.filter { gold[$0] != oos }, outScope = gold.indices.filter { gold[$0] == oos }
        let calibration = predictions.indices.map { (confidence: predictions[$0].confidence, correct: top[$0] == gold[$0]) }
        return IntentMetrics(
            trainExamples: trainSet.count, testExamples: testSet.count, labels: model.labels.count,
            accuracy: share(gold.indices) { decided[$0] == gold[$0] },
            top1Accuracy: share(gold.indices) { top[$0] == gold[$0] },
            macroF1: macroF1(gold: gold, predicted: decided),
            inScopeAccuracy: inScope.isEmpty ? nil : share(inScope) { decided[$0] == gold[$0] },
            inScopeTop1Accuracy: inScope.isEmpty ? nil : share(inScope) { top[$0] == gold[$0] },
            oosRecall: outScope.isEmpty ? nil : share(outScope) { predictions[$0].outOfScope },
            expectedCalibrationError: Calibration.expectedCalibrationError(calibration),
            temperature: model.classifier.temperature, threshold: model.threshold,
            operatingPoints: outScope.isEmpty || inScope.isEmpty ? [] : (0..<10).map { step in
                let t = Float(step) / 10
                func rejected(_ i: Int) -> Bool { top[i] == oos || predictions[i].confidence < t }
                return OperatingPoint(threshold: t, inScopeAccuracy: share(inScope) { !rejected($0) && top[$0] == gold[$0] },
                                      oosRecall: share(outScope) { rejected($0) })
            },
            trainSeconds: trainSeconds, predictP50Milliseconds: percentile(times, 0.5),
            predictP99Milliseconds: percentile(times, 0.99))
    }

    /// Trains a sentiment model on `train` and measures it on `test`.
    public static func sentiment(train: URL, test: URL, config: ClassifierConfig, encoder: DenseEncoder? = nil) throws -> SentimentMetrics {
        let trainSet = try readLabelled(train).map { (text: $0.text, label: try SentimentModel.parseLabel($0.label)) }
        let testSet = try readLabelled(test).map { (text: $0.text, label: try SentimentModel.parseLabel($0.label)) }
        let start = Date()
        let model = try SentimentModel.train(examples: trainSet, config: config, encoder: encoder)
        let trainSeconds = Date().timeIntervalSince(start)
        var predictions: [SentimentPrediction] = [], times: [Double] = []
        for example in testSet {
            let t0 = DispatchTime.now().uptimeNanoseconds
            let p = try model.predict(example.text)
            times.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6)
            predictions.append(p)
        }
        let gold = testSet.map(\.label.rawValue), predicted = predictions.map(\.label.rawValue)
        let calibration = predictions.indices.map { (confidence: predictions[$0].confidence, correct: predicted[$0] == gold[$0]) }
        return SentimentMetrics(
            trainExamples: trainSet.count, testExamples: testSet.count,
            accuracy: share(gold.indices) { predicted[$0] == gold[$0] },
            macroF1: macroF1(gold: gold, predicted: predicted),
            expectedCalibrationError: Calibration.expectedCalibrationError(calibration),
            temperature: model.classifier.temperature, trainSeconds: trainSeconds,
            predictP50Milliseconds: percentile(times, 0.5), predictP99Milliseconds: percentile(times, 0.99))
    }

    static func share<C: Collection<Int>>(_ indices: C, _ ok: (Int) -> Bool) -> Double {
        indices.isEmpty ? 0 : Double(indices.filter(ok).count) / Double(indices.count)
    }

    /// Mean F1 over the labels that occur in `gold`.
    static func macroF1(gold: [String], predicted: [String]) -> Double {
        let labels = Set(gold)
        guard !labels.isEmpty else { return 0 }
        var tp: [String: Int] = [:], fp: [String: Int] = [:], fn: [String: Int] = [:]
        for (g, p) in zip(gold, predicted) {
            if g == p { tp[g, default: 0] += 1 } else { fp[p, default: 0] += 1; fn[g, default: 0] += 1 }
        }
        let total = labels.reduce(0.0) { sum, l in
            let t = Double(tp[l] ?? 0), denominator = 2 * t + Double(fp[l] ?? 0) + Double(fn[l] ?? 0)
            return sum + (denominator > 0 ? 2 * t / denominator : 0)
        }
        return total / Double(labels.count)
    }

    static func percentile(_ values: [Double], _ q: Double) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        return sorted[min(sorted.count - 1, Int(q * Double(sorted.count - 1) + 0.5))]
    }
}
