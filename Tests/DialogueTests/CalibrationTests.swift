import LinearAlgebra
import XCTest
@testable import Dialogue

final class CalibrationTests: XCTestCase {
    /// Synthetic 4-class problem: true logits `z`, labels drawn from `softmax(z)`, and the model
    /// reports `3·z` (over-confident). Temperature scaling should find T ≈ 3 and make each
    /// confidence bucket's accuracy match its mean confidence.
    func testTemperatureScalingFixesOverconfidenceOnSyntheticSet() {
        var rng = SplitMix64(seed: 11)
        let n = 6000, c = 4
        var reported = Matrix(rows: n, cols: c)
        var labels: [Int] = []
        for r in 0..<n {
            let z = (0..<c).map { _ in 1.5 * rng.nextNormal() }
            let p = Calibration.softmax(z)
            var u = rng.nextUnitFloat(), label = c - 1
            for k in 0..<c { if u < p[k] { label = k; break }; u -= p[k] }
            labels.append(label)
            for k in 0..<c { reported[r, k] = 3 * z[k] }
        }
        let t = Calibration.fitTemperature(reported, labels: labels)
        XCTAssertEqual(t, 3, accuracy: 0.3)

        func outcomes(_ temperature: Float) -> [(confidence: Float, correct: Bool)] {
            (0..<n).map { r in
                let p = Calibration.softmax(Array(reported.row(r)), temperature: temperature)
                var best = 0
                for k in 0..<c where p[k] > p[best] { best = k }
                return (p[best], best == labels[r])
            }
        }
        let before = Calibration.expectedCalibrationError(outcomes(1))
        let after = Calibration.expectedCalibrationError(outcomes(t))
        XCTAssertGreaterThan(before, 0.1)
        XCTAssertLessThan(after, 0.03)
        for bucket in Calibration.reliability(outcomes(t)) where bucket.count >= 300 {
            XCTAssertEqual(bucket.accuracy, bucket.meanConfidence, accuracy: 0.06, "bucket \(bucket.lower)")
        }
        XCTAssertLessThan(Calibration.negativeLogLikelihood(reported, labels: labels, temperature: t),
                          Calibration.negativeLogLikelihood(reported, labels: labels, temperature: 1))
    }

    func testSoftmaxIsStableAndTemperatureKeepsRanking() {
        let p = Calibration.softmax([1000, 999, -1000])
        XCTAssertEqual(p.reduce(0, +), 1, accuracy: 1e-5)
        XCTAssertGreaterThan(p[0], p[1])
        let q = Calibration.softmax([2, 1, 0], temperature: 4)
        XCTAssertGreaterThan(q[0], q[1])
        XCTAssertLessThan(q[0], Calibration.softmax([2, 1, 0])[0])
    }

    func testTrainedIntentModelIsCalibratedOnHeldOutData() throws {
        let model = try IntentModel.train(examples: IntentFixture.examples, config: IntentFixture.config())
        XCTAssertGreaterThan(model.classifier.temperature, 0)
        let p = try model.predict("find a charger for my car")
        XCTAssertEqual(p.ranking.reduce(0) { $0 + $1.score }, 1, accuracy: 0.2)   // top-k carries most of the mass
    }

    func testStratifiedSplitHoldsOutEveryLargeClass() {
        let y = Array(repeating: 0, count: 20) + Array(repeating: 1, count: 10) + [2, 2]
        let (train, held) = ClassifierFitting.split(y, classCount: 3, fraction: 0.2, seed: 1)
        XCTAssertEqual(train.count + held.count, y.count)
        XCTAssertEqual(held.filter { y[$0] == 0 }.count, 4)
        XCTAssertEqual(held.filter { y[$0] == 1 }.count, 2)
        XCTAssertEqual(held.filter { y[$0] == 2 }.count, 0)
        XCTAssertEqual(ClassifierFitting.split(y, classCount: 3, fraction: 0.2, seed: 1).heldOut, held)
    }
}
