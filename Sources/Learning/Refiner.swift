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

    /// Mutable training state of one run.
    private struct State {
        var w: Matrix
        var adam: RowSparseAdam
        var rng: SplitMix64
        /// `[F]` of -1, borrowed by `PairBatch`.
        var scratch: [Int32]
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
        var state = State(w: w0, adam: RowSparseAdam(rows: w0.rows, cols: w0.cols, learningRate: config.learningRate),
                          rng: SplitMix64(seed: config.seed), scratch: [Int32](repeating: -1, count: x.cols))
        let initial = heldOut.map { score($0, w0) } ?? HeldOutScore()
        var outcome = Outcome(w: w0, log: [], bestEpoch: 0, initial: initial, best: initial)
        for epoch in stride(from: 1, through: epochs, by: 1) where !TrainingStop.isRequested {
            state.adam.learningRate = config.learningRate * powf(config.learningRateDecay, Float(epoch - 1))
            let loss = trainEpoch(groups, mined: mined, &state)
            guard let heldOut else {
                outcome.log.append(TrainingReport.Epoch(epoch: epoch, loss: loss, heldOutRecallAt1: 0, heldOutMRR: 0,
                                                        heldOutLoss: 0))
                outcome.w = state.w
                outcome.bestEpoch = epoch
                continue
            }
            let current = score(heldOut, state.w)
            outcome.log.append(TrainingReport.Epoch(epoch: epoch, loss: loss, heldOutRecallAt1: current.recallAt1,
                                                    heldOutMRR: current.mrr, heldOutLoss: current.crossEntropy))
            if current.crossEntropy < outcome.best.crossEntropy - 1e-4 {
                outcome.w = state.w
                outcome.bestEpoch = epoch
                outcome.best = current
            } else if epoch - outcome.bestEpoch >= config.patience {
                break
            }
        }
        return outcome
    }

    /// One pass over the epoch's pairs; returns the mean batch loss.
    private func trainEpoch(_ groups: TrainingGroups, mined: HardNegatives?, _ state: inout State) -> Double {
        let objective = BatchObjective(loss: InfoNCELoss(temperature: config.temperature))
        var lossSum = 0.0, batchCount = 0
        let pairs = groups.epochPairs(maxPerGroup: config.maxPairsPerGroup, rng: &state.rng)
        for slice in TrainingGroups.batches(pairs, batchSize: config.batchSize) {
            let negatives = mined.map { sampleNegatives(slice, from: $0, rng: &state.rng) } ?? []
            let batch = PairBatch(x: x, anchorRows: slice.map(\.anchor), positiveRows: slice.map(\.positive),
                                  negativeRows: negatives, groups: slice.map(\.group),
                                  negativeGroups: negatives.map { mined?.groupOf[$0] ?? -1 },
                                  weights: slice.map { groups.weights[$0.group] },
                                  scratch: &state.scratch, dropout: config.featureDropout, rng: &state.rng)
            let (loss, gradient) = objective.evaluate(w: state.w, batch: batch)
            state.adam.update(&state.w, rows: batch.touched, gradient: gradient, anchor: w0, pull: config.regularization)
            lossSum += Double(loss)
            batchCount += 1
        }
        return lossSum / Double(max(1, batchCount))
    }

    /// `hard_negatives` distinct mined negatives per pair, drawn from the anchor's pool.
    private func sampleNegatives(_ slice: ArraySlice<TrainingGroups.Pair>, from mined: HardNegatives,
                                 rng: inout SplitMix64) -> [Int] {
        var negatives: [Int] = []
        for pair in slice {
            var pool = mined.candidates[pair.anchor]
            for _ in 0..<min(config.hardNegatives, pool.count) {
                negatives.append(pool.remove(at: Int(rng.next() % UInt64(pool.count))))
            }
        }
        return negatives
    }

    /// The held-out scores of projection `w`.
    private func score(_ heldOut: HeldOutSplit, _ w: Matrix) -> HeldOutScore {
        heldOut.evaluate(temperature: config.temperature) { rows in
            var z = x.gatherRows(rows).multiply(w)                            // [rows × d]
            Kernels.normalizeRows(&z)
            return z
        }
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
        return CSRMatrix(trustedRows: rows.count, cols: cols, rowPtr: rowPtr, colIdx: colIdx, values: values)
    }
}
