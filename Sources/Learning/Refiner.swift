import Foundation
import LinearAlgebra

/// The refinement loop: epochs of shuffled pair batches, Adam steps on W, held-out evaluation
/// after each epoch and early stopping.
struct Refiner: Sendable {
    /// TF-IDF rows of the text table over the seen features, `[N × F]`.
    let x: CSRMatrix
    /// The LSA projection W starts from and is pulled toward, `[F × d]`.
    let w0: Matrix
    let config: EncoderConfig

    /// The result of one run.
    struct Outcome {
        /// The best W (the last one without a held-out set). `[F × d]`
        var w: Matrix
        var log: [TrainingReport.Epoch]
        /// 0 when W0 scored best.
        var bestEpoch: Int
        var initial: HeldOutScore
        var best: HeldOutScore
    }

    /// Trains on `groups` for up to `epochs` epochs. With `heldOut`, W0 and every epoch are scored,
    /// the W with the lowest held-out cross-entropy is kept and training stops after `patience`
    /// epochs without improvement. (Cross-entropy, not Recall@1 or MRR: with a few dozen held-out
    /// texts those move in steps of one query and stall, which stopped training far too early.)
    func run(_ groups: TrainingGroups, epochs: Int, heldOut: HeldOutSplit?) -> Outcome {
        let mined = config.hardNegatives > 0
            ? HardNegatives.mine(x: x, w0: w0, groups: groups, pool: config.hardNegativePool,
                                 fromCorpus: config.hardNegativesFromCorpus,
                                 excluded: Set(heldOut?.queries.map(\.text) ?? []))
            : nil
        let objective = BatchObjective(loss: InfoNCELoss(temperature: config.temperature))
        var adam = RowSparseAdam(rows: w0.rows, cols: w0.cols, learningRate: config.learningRate)
        var rng = SplitMix64(seed: config.seed)
        var scratch = [Int32](repeating: -1, count: x.cols)
        var w = w0
        let initial = heldOut?.evaluate(temperature: config.temperature) { embed($0, w0) } ?? HeldOutScore()
        var outcome = Outcome(w: w0, log: [], bestEpoch: 0, initial: initial, best: initial)
        for epoch in stride(from: 1, through: epochs, by: 1) {
            var lossSum = 0.0, batchCount = 0
            adam.learningRate = config.learningRate * powf(config.learningRateDecay, Float(epoch - 1))
            let pairs = groups.epochPairs(maxPerGroup: config.maxPairsPerGroup, rng: &rng)
            for slice in TrainingGroups.batches(pairs, batchSize: config.batchSize) {
                var negatives: [Int] = []
                if let mined {
                    for pair in slice {
                        var pool = mined.candidates[pair.anchor]
                        for _ in 0..<min(config.hardNegatives, pool.count) {
                            negatives.append(pool.remove(at: Int(rng.next() % UInt64(pool.count))))
                        }
                    }
                }
                let batch = PairBatch(x: x, anchorRows: slice.map(\.anchor), positiveRows: slice.map(\.positive),
                                      negativeRows: negatives, groups: slice.map(\.group),
                                      negativeGroups: negatives.map { mined?.groupOf[$0] ?? -1 },
                                      weights: slice.map { groups.weights[$0.group] },
                                      scratch: &scratch, dropout: config.featureDropout, rng: &rng)
                let (loss, gradient) = objective.evaluate(w: w, batch: batch)
                adam.update(&w, rows: batch.touched, gradient: gradient, anchor: w0, pull: config.regularization)
                lossSum += Double(loss)
                batchCount += 1
            }
            let score = heldOut?.evaluate(temperature: config.temperature) { embed($0, w) } ?? HeldOutScore()
            outcome.log.append(TrainingReport.Epoch(epoch: epoch, loss: lossSum / Double(max(1, batchCount)),
                                                    heldOutRecallAt1: score.recallAt1, heldOutMRR: score.mrr,
                                                    heldOutLoss: heldOut == nil ? 0 : score.crossEntropy))
            if heldOut == nil {
                outcome.w = w
                outcome.bestEpoch = epoch
            } else if score.crossEntropy < outcome.best.crossEntropy - 1e-4 {
                outcome.w = w
                outcome.bestEpoch = epoch
                outcome.best = score
            } else if epoch - outcome.bestEpoch >= config.patience {
                break
            }
        }
        return outcome
    }

    /// Unit embeddings of text numbers `rows` under projection `w`. `[rows.count × d]`
    func embed(_ rows: [Int], _ w: Matrix) -> Matrix {
        var z = x.gatherRows(rows).multiply(w)
        Kernels.normalizeRows(&z)
        return z
    }
}

extension CSRMatrix {
    /// Rows `rows` of this matrix (same columns), in the given order. `[rows.count × cols]`
    func gatherRows(_ rows: [Int]) -> CSRMatrix {
        var rowPtr = [0], colIdx: [Int32] = [], values: [Float] = []
        for r in rows {
            colIdx.append(contentsOf: self.colIdx[self.rowPtr[r]..<self.rowPtr[r + 1]])
            values.append(contentsOf: self.values[self.rowPtr[r]..<self.rowPtr[r + 1]])
            rowPtr.append(colIdx.count)
        }
        // Same columns as the validated source rows.
        return try! CSRMatrix(rows: rows.count, cols: cols, rowPtr: rowPtr, colIdx: colIdx, values: values)
    }
}
