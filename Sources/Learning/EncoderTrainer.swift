import Foundation
import LinearAlgebra
import TextAnalysis

/// Trains an `Encoder` from the knowledge it will serve, in seconds, with no download:
///
/// 1. **Features**: the distinct texts of `corpus` and of every group are hashed
///    (`FeatureExtractor`), the IDF is fitted on them and each becomes an L2-normalized TF-IDF row
///    over the seen features: `X` `[N × F]`.
/// 2. **Projection**: randomized truncated SVD `X ≈ U·S·Vᵀ`; `W0 = V·S^p` (`[F × d]`), scaled to
///    unit RMS entries (classic LSA for p = 0).
/// 3. **Refinement**: minibatch Adam on the symmetric InfoNCE loss of paraphrase pairs drawn from
///    the groups (`BatchObjective`), pulling W toward W0. One member of some groups is held out
///    and the held-out FAQ-retrieval cross-entropy picks the best epoch (early stopping with
///    `patience`); with `refit`, training then restarts from W0 on every text for that many epochs.
///
/// Every random choice comes from `config.seed`: the same inputs, configuration and BLAS thread
/// count give the same encoder.
public enum EncoderTrainer {
    /// Trains an encoder.
    /// - Parameters:
    ///   - corpus: texts of the knowledge (questions, similar questions, answers, examples...); they
    ///     fit the IDF and the SVD. Group texts missing from it are added; duplicates count once.
    ///   - groups: strong paraphrase groups (a FAQ's question and its similar questions).
    ///   - weakGroups: weak groups (intent examples of one label), weighted by `weak_group_weight`.
    ///   - lexicon: user vocabulary for the analyzer's lexicon words (stored with the encoder).
    ///   - config: hyper-parameters (`Models/encoder.json`).
    /// - Throws: `EncoderError.invalidConfig`, `.emptyCorpus`, or a `LinearAlgebraError` from the SVD.
    public static func train(corpus: [String], groups: [[String]], weakGroups: [[String]] = [],
                             lexicon: Lexicon = Lexicon(), config: EncoderConfig) throws -> (Encoder, TrainingReport) {
        try config.validate()
        let clock = ContinuousClock(), start = clock.now
        var report = TrainingReport()
        report.fingerprint = fingerprint(corpus: corpus, groups: groups, weakGroups: weakGroups,
                                         lexicon: lexicon, config: config)

        // 1. Features: text table, IDF, TF-IDF rows X [N × F].
        var table = TextTable()
        for text in corpus { _ = table.id(text) }
        let strong = groups.map { table.ids($0) }, weak = weakGroups.map { table.ids($0) }
        let extractor = FeatureExtractor(config: config, lexicon: lexicon)
        let raw = extractor.extract(table.texts)
        let tfidf = TFIDFModel.fit(raw, extractor: extractor)
        let x = tfidf.compactRows(raw)
        guard tfidf.featureCount > 0 else { throw EncoderError.emptyCorpus }
        let hasFeatures = (0..<x.rows).map { x.rowPtr[$0 + 1] > x.rowPtr[$0] }
        func usable(_ g: [Int]) -> [Int] { g.filter { hasFeatures[$0] } }
        var all = TrainingGroups(members: [], weights: [], isStrong: [])
        for g in strong.map(usable) where g.count >= 2 { all.add(g, weight: 1, strong: true) }
        for g in weak.map(usable) where g.count >= 2 { all.add(g, weight: config.weakGroupWeight, strong: false) }
        report.textCount = table.texts.count
        report.groupCount = all.count
        report.featureCount = tfidf.featureCount
        report.nonZeroCount = x.nonZeroCount
        let afterFeatures = clock.now
        report.featureSeconds = (afterFeatures - start).seconds

        // 2. Projection: W0 from the SVD of X. [F × d]
        let w0 = try lsaProjection(x, config: config)
        report.dimension = w0.cols
        let afterSVD = clock.now
        report.svdSeconds = (afterSVD - afterFeatures).seconds

        // 3. Refinement with early stopping, then an optional refit on everything.
        var w = w0
        if config.epochs > 0 && all.count > 0 {
            let refiner = Refiner(x: x, w0: w0, config: config)
            var splitRNG = SplitMix64(seed: config.seed ^ 0x4845_4C44_4F55_5421)
            let split = HeldOutSplit(all, fraction: config.validationFraction, rng: &splitRNG)
            let selection = refiner.run(split.queries.isEmpty ? all : split.training, epochs: config.epochs,
                                        heldOut: split.queries.isEmpty ? nil : split)
            report.epochs = selection.log
            report.epochsRun = selection.log.count
            report.bestEpoch = selection.bestEpoch
            if !split.queries.isEmpty {
                report.heldOutQueries = split.queries.count
                report.initialRecallAt1 = selection.initial.recallAt1
                report.initialMRR = selection.initial.mrr
                report.initialLoss = selection.initial.crossEntropy
                report.heldOutRecallAt1 = selection.best.recallAt1
                report.heldOutMRR = selection.best.mrr
                report.heldOutLoss = selection.best.crossEntropy
            }
            w = selection.w
            if config.refit && !split.queries.isEmpty && selection.bestEpoch > 0 {
                w = refiner.run(all, epochs: selection.bestEpoch, heldOut: nil).w
                report.refitEpochs = selection.bestEpoch
            }
        }
        let end = clock.now
        report.refineSeconds = (end - afterSVD).seconds
        report.totalSeconds = (end - start).seconds
        return (Encoder(config: config, tfidf: tfidf, projection: w, fingerprint: report.fingerprint), report)
    }

    /// `W0 = V·S^p` from a rank-d randomized SVD of `x` (`[N × F]` → `[F × d]`, d capped by N and F),
    /// scaled so that its entries have RMS 1 (the embedding does not depend on W's scale; the
    /// learning rate does).
    static func lsaProjection(_ x: CSRMatrix, config: EncoderConfig) throws -> Matrix {
        let (v, s) = try LatentSemanticProjection.rightSingularVectors(
            x, rank: config.dimension, oversample: config.oversample,
            powerIterations: config.powerIterations, seed: config.seed)               // [F × d], [d]
        var w0 = v
        let d = w0.cols, power = config.singularValuePower
        if power != 0 {
            let columnScale = s.map { $0 > 0 ? powf($0, power) : 0 }
            w0.withUnsafeMutableBufferPointer { p in
                for i in 0..<p.count { p[i] *= columnScale[i % d] }
            }
        }
        let sumSquares = w0.values.reduce(0.0) { $0 + Double($1) * Double($1) }
        if sumSquares > 0 {
            let scale = Float((Double(w0.values.count) / sumSquares).squareRoot())     // entries' RMS → 1
            w0.withUnsafeMutableBufferPointer { p in
                for i in 0..<p.count { p[i] *= scale }
            }
        }
        return w0
    }

    /// A hash (32 hex digits) of everything training depends on: format version, configuration,
    /// lexicon, corpus and groups, in order. Equal fingerprints mean retraining would give the
    /// same encoder, so a caller can keep a saved one.
    public static func fingerprint(corpus: [String], groups: [[String]], weakGroups: [[String]] = [],
                                   lexicon: Lexicon = Lexicon(), config: EncoderConfig) -> String {
        var a = StableHash(), b = StableHash(seed: 0x84222325CBF29CE4)
        func feed(_ s: String) { a.combine(string: s); b.combine(string: s) }
        func feed(_ n: Int) { a.combine(integer: n); b.combine(integer: n) }
        feed("switchboard.encoder")
        feed(EncoderArtifact.version)
        feed(Normalizer.version)
        feed(String(decoding: config.canonicalJSON(), as: UTF8.self))
        let words = lexicon.words.sorted()
        feed(words.count); words.forEach(feed)
        feed(corpus.count); corpus.forEach(feed)
        for list in [groups, weakGroups] {
            feed(list.count)
            for g in list { feed(g.count); g.forEach(feed) }
        }
        return a.hex + b.hex
    }
}

/// Distinct texts in first-seen order.
struct TextTable {
    private(set) var texts: [String] = []
    private var numbers: [String: Int] = [:]

    /// The number of `text`, adding it when new.
    mutating func id(_ text: String) -> Int {
        if let n = numbers[text] { return n }
        numbers[text] = texts.count
        texts.append(text)
        return texts.count - 1
    }

    /// Distinct numbers of a group's texts, in order.
    mutating func ids(_ group: [String]) -> [Int] {
        var seen = Set<Int>()
        return group.map { id($0) }.filter { seen.insert($0).inserted }
    }
}

extension TrainingGroups {
    mutating func add(_ group: [Int], weight: Float, strong: Bool) {
        members.append(group)
        weights.append(weight)
        isStrong.append(strong)
    }
}

extension Duration {
    /// The duration in seconds.
    var seconds: Double {
        let c = components
        return Double(c.seconds) + Double(c.attoseconds) * 1e-18
    }
}
