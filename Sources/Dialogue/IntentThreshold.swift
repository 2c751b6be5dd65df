/// Tunes the out-of-scope rejection threshold on held-out calibrated probabilities.
///
/// A text is rejected when its best label is "oos" or its best calibrated probability is below
/// the threshold `t`.
/// * **With out-of-scope examples** held out: `t` maximizes
///   `inScopeAccuracy(t) + oos_weight · oosRecall(t)` over the held-out split, where in-scope
///   accuracy counts an in-scope example as right only when it is accepted *and* labelled
///   correctly (the CLINC150 convention) and oos recall is the share of oos examples rejected.
///   Candidates are 0 and every held-out top probability; ties go to the smallest `t`. With
///   `oos_recall_target` > 0, only thresholds whose held-out oos recall reaches the target compete
///   (when none does, every threshold does): a small `oos_weight` with a target then gives the
///   smallest threshold that rejects that share of out-of-scope texts, keeping in-scope answers.
/// * **Without**: `t` is the `in_scope_quantile` quantile of the top probability of correctly
///   classified held-out examples, so about `1 − q` of the texts the model gets right pass,
///   capped at 0.5 (`maximumWithoutOOS`).
/// * No held-out data (tiny label sets): `t = 0`, only an "oos" label can reject.
enum IntentThreshold {
    static func tune(_ heldOut: [(probabilities: [Float], label: Int)], oosIndex: Int?, config: ClassifierConfig) -> Float {
        let outcomes = heldOut.map { item -> (top: Int, p: Float, label: Int) in
            var best = 0
            for k in item.probabilities.indices where item.probabilities[k] > item.probabilities[best] { best = k }
            return (best, item.probabilities[best], item.label)
        }
        if let oos = oosIndex, outcomes.contains(where: { $0.label == oos }) {
            let inScope = outcomes.filter { $0.label != oos }, outOfScope = outcomes.filter { $0.label == oos }
            var best: (t: Float, score: Double, meetsTarget: Bool) = (0, -1, false)
            for t in ([Float(0)] + outcomes.map(\.p)).sorted() {
                let right = inScope.filter { $0.top == $0.label && $0.p >= t }.count
                let rejected = outOfScope.filter { $0.top == oos || $0.p < t }.count
                let recall = Double(rejected) / Double(outOfScope.count)
                let score = Double(right) / Double(max(1, inScope.count)) + config.oosWeight * recall
                let meets = recall >= config.oosRecallTarget - 1e-9
                // A threshold that reaches the recall target beats one that does not; then the objective.
                if (meets && !best.meetsTarget) || (meets == best.meetsTarget && score > best.score + 1e-12) {
                    best = (t, score, meets)
                }
            }
            return best.t
        }
        let correct = outcomes.filter { $0.top == $0.label }.map(\.p).sorted()
        guard !correct.isEmpty else { return 0 }
        let k = min(correct.count - 1, Int(config.inScopeQuantile * Double(correct.count)))
        return min(correct[k], maximumWithoutOOS)
    }

    /// Cap of the threshold without oos examples: on an easy training set every held-out
    /// confidence is near 1, and an uncapped quantile would reject any new paraphrase.
    static let maximumWithoutOOS: Float = 0.5
}
