import Foundation
import LinearAlgebra
import XCTest
@testable import Dialogue

/// The full-batch L-BFGS solver for the linear part (`solver` "lbfgs" / "auto") and `min_df`.
final class LBFGSSolverTests: XCTestCase {
    /// A small TF-IDF problem: the fixture's intent texts.
    func problem() -> (x: CSRMatrix, y: [Int], classCount: Int) {
        let examples = IntentFixture.examples
        let labels = Array(Set(examples.map(\.label))).sorted()
        let featurizer = TextFeaturizer(config: ClassifierConfig())
        let raw = FeatureSpace.extract(examples.map(\.text), featurizer: featurizer)
        let space = FeatureSpace.fit(raw, featurizer: featurizer)
        return (space.rows(raw), examples.map { labels.firstIndex(of: $0.label)! }, labels.count)
    }

    func theta(_ p: ClassifierTrainer.Parameters) -> [Float] { p.weights.values + p.bias }

    /// L-BFGS run close to the exact optimum.
    func tightConfig() -> ClassifierConfig {
        var config = ClassifierConfig()
        config.solver = "lbfgs"
        config.lbfgsL2 = 1e-3
        config.lbfgsTolerance = 1e-9
        config.lbfgsIterations = 2000
        return config
    }

    func testConvergesToTheOptimumDeterministically() {
        let (x, y, c) = problem()
        var config = tightConfig()
        let a = ClassifierLBFGS.train(x: x, y: y, classCount: c, config: config)
        let b = ClassifierLBFGS.train(x: x, y: y, classCount: c, config: config)
        XCTAssertEqual(a.weights, b.weights)
        XCTAssertEqual(a.bias, b.bias)
        // At the optimum the gradient vanishes, and the objective is far below its value at 0.
        let objective = ClassifierLBFGS.Objective(x: x, y: y, classCount: c, lambda: config.lbfgsL2,
                                                  weights: ClassifierTrainer.weights(y, classCount: c, power: config.classBalance))
        var g = [Float](repeating: 0, count: x.cols * c + c)
        let atZero = objective.evaluate([Float](repeating: 0, count: g.count), gradient: &g)
        XCTAssertEqual(atZero, log(Double(c)), accuracy: 1e-5)
        let gradientAtZero = ClassifierLBFGS.norm(g)
        let atOptimum = objective.evaluate(theta(a), gradient: &g)
        XCTAssertLessThan(atOptimum, 0.5 * atZero)
        XCTAssertLessThan(ClassifierLBFGS.norm(g), 1e-3 * gradientAtZero)
        // Every training text is classified right.
        let z = x.multiply(a.weights)
        for i in 0..<y.count {
            let row = (0..<c).map { z[i, $0] + a.bias[$0] }
            XCTAssertEqual(row.firstIndex(of: row.max()!), y[i])
        }
        // A stronger penalty gives smaller weights.
        config.lbfgsL2 = 1e-1
        let strong = ClassifierLBFGS.train(x: x, y: y, classCount: c, config: config)
        XCTAssertLessThan(ClassifierLBFGS.norm(strong.weights.values), ClassifierLBFGS.norm(a.weights.values))
    }

    func testStartingFromASolutionEndsThere() {
        let (x, y, c) = problem()
        let config = tightConfig()
        let cold = ClassifierLBFGS.train(x: x, y: y, classCount: c, config: config)
        let warm = ClassifierLBFGS.train(x: x, y: y, classCount: c, config: config, start: theta(cold))
        let a = theta(cold), b = theta(warm)
        var diff = a
        ClassifierLBFGS.axpy(-1, b, &diff)
        XCTAssertLessThan(ClassifierLBFGS.norm(diff), 1e-2 * max(1, ClassifierLBFGS.norm(a)))
    }

    func testIntentModelTrainsWithTheSolverAndAutoChoosesBySize() throws {
        var config = IntentFixture.config()
        config.solver = "auto"
        config.lbfgsL2 = 1e-5
        let a = try IntentModel.train(examples: IntentFixture.examples, config: config)
        let b = try IntentModel.train(examples: IntentFixture.examples, config: config)
        XCTAssertEqual(a.classifier.weights, b.classifier.weights)
        XCTAssertEqual(try a.predict("can I schedule a service for the car").intent, "book_maintenance")
        XCTAssertEqual(try a.predict("附近哪里有充电桩").intent, "charging_station")
        let adam = try IntentModel.train(examples: IntentFixture.examples, config: IntentFixture.config())
        XCTAssertNotEqual(a.classifier.weights, adam.classifier.weights)
        // "auto": L-BFGS up to the size limit only; "adam" never, "lbfgs" always.
        XCTAssertTrue(ClassifierLBFGS.applies(config, features: 1000, labels: 50))
        XCTAssertFalse(ClassifierLBFGS.applies(config, features: 200_000, labels: 150))
        config.solver = "adam"
        XCTAssertFalse(ClassifierLBFGS.applies(config, features: 10, labels: 2))
        config.solver = "lbfgs"
        XCTAssertTrue(ClassifierLBFGS.applies(config, features: 200_000, labels: 150))
    }

    func testMinimumDocumentFrequencyDropsRareFeatures() {
        var words = ClassifierConfig()                      // word features only
        words.latinNgramWeight = 0
        words.wordBigramWeight = 0
        words.wordTrigramWeight = 0
        let featurizer = TextFeaturizer(config: words)
        let raw = FeatureSpace.extract(["battery warranty", "battery range", "tyre pressure"], featurizer: featurizer)
        let all = FeatureSpace.fit(raw, featurizer: featurizer)
        let common = FeatureSpace.fit(raw, featurizer: featurizer, minDF: 2)
        let battery = featurizer.features("battery").buckets[0], tyre = featurizer.features("tyre").buckets[0]
        XCTAssertTrue(all.buckets.contains(tyre))
        XCTAssertFalse(common.buckets.contains(tyre))
        XCTAssertTrue(common.buckets.contains(battery))
        XCTAssertLessThan(common.featureCount, all.featureCount)
    }

    func testKeysDecodeAndValidate() throws {
        let c = try JSONDecoder().decode(ClassifierConfig.self, from: Data(#"""
            {"solver": "auto", "lbfgs_l2": 1e-6, "lbfgs_iterations": 50, "lbfgs_tolerance": 1e-5, "min_df": 2}
            """#.utf8))
        XCTAssertEqual(c.solver, "auto")
        XCTAssertEqual(c.lbfgsL2, 1e-6)
        XCTAssertEqual(c.lbfgsIterations, 50)
        XCTAssertEqual(c.minDF, 2)
        XCTAssertEqual(ClassifierConfig().solver, "adam")
        XCTAssertEqual(ClassifierConfig().minDF, 1)
        for edit in [{ (c: inout ClassifierConfig) in c.solver = "sgd" }, { $0.lbfgsL2 = -1 }, { $0.lbfgsL2 = .nan },
                     { $0.lbfgsIterations = 0 }, { $0.minDF = 0 }, { $0.lbfgsTolerance = -1 }] {
            var bad = ClassifierConfig()
            edit(&bad)
            XCTAssertThrowsError(try bad.validate())
        }
    }
}
