import Foundation
import Ingestion
import LinearAlgebra
import Storage
import TextAnalysis

/// `GET /v1/analytics/gaps` response: questions the knowledge does not answer well, clustered.
public struct GapReport: Codable, Sendable {
    /// How many gap questions were considered (unanswered, low-confidence, rated down, rejected).
    public var questions: Int
    /// How they were compared and grouped.
    public var method: String
    public var clusters: [GapCluster]
}

/// One group of questions that ask the same thing.
public struct GapCluster: Codable, Sendable {
    public var id: String
    /// Questions in the cluster (repeats counted).
    public var size: Int
    /// Up to 5 distinct wordings, most frequent first.
    public var examples: [String]
    /// ISO 8601.
    public var firstSeen: String
    public var lastSeen: String
    /// Questions per UTC day (`yyyy-MM-dd`).
    public var countsPerDay: [String: Int]
    /// Why its questions are gaps: unanswered, low_confidence, rated_down, rejected.
    public var reasons: [String: Int]
    /// A FAQ to create from the cluster, ready for `POST /v1/faqs` once an answer is written.
    public var suggestedFAQ: SuggestedFAQ

    enum CodingKeys: String, CodingKey {
        case id, size, examples, firstSeen = "first_seen", lastSeen = "last_seen", countsPerDay = "counts_per_day", reasons
        case suggestedFAQ = "suggested_faq"
    }
}

/// A FAQ prefilled from a gap cluster: the medoid as the question, the other wordings as similar questions.
public struct SuggestedFAQ: Codable, Sendable {
    public var question: String
    public var similar: [String]
    public var answer: String
}

/// `GET /v1/analytics/hits` response.
public struct HitReport: Codable, Sendable {
    public var kind: String
    public var items: [HitItem]
}

/// How often one document, FAQ or chunk was an answer's source or the top search hit.
public struct HitItem: Codable, Sendable {
    public var id: String
    /// The document's name, the FAQ's question, or the chunk's title and section.
    public var name: String?
    public var count: Int
    public var answers: Int
    public var searches: Int
    public var lastAt: String

    enum CodingKeys: String, CodingKey { case id, name, count, answers, searches, lastAt = "last_at" }
}

/// `GET /v1/analytics/summary` response.
public struct AnalyticsSummary: Codable, Sendable {
    public var since: String?
    public var questions: Int
    public var answered: Int
    public var answerRate: Double?
    public var handoffs: Int
    public var handoffRate: Double?
    public var lowConfidence: Int
    public var averageConfidence: Double?
    public var channels: [String: Int]
    public var topIntents: [IntentCount]
    /// Feedback by kind.
    public var feedback: [String: Int]
    /// (accepted + edited) / (accepted + edited + rejected) suggestions; nil without any.
    public var suggestionAcceptanceRate: Double?
    public var ratings: Int
    public var averageRating: Double?
    /// Questions by sentiment label (those logged with one).
    public var sentimentMix: [String: Int] = [:]
    /// Questions per hour for the last 24 hours (oldest first), hours in UTC.
    public var perHour: [HourCount] = []

    public struct IntentCount: Codable, Sendable {
        public var intent: String
        public var count: Int
    }

    public struct HourCount: Codable, Sendable {
        /// The hour's start, ISO 8601.
        public var hour: String
        public var questions: Int
    }

    enum CodingKeys: String, CodingKey {
        case since, questions, answered, answerRate = "answer_rate", handoffs, handoffRate = "handoff_rate"
        case lowConfidence = "low_confidence", averageConfidence = "average_confidence", channels, topIntents = "top_intents"
        case feedback, suggestionAcceptanceRate = "suggestion_acceptance_rate", ratings, averageRating = "average_rating"
        case sentimentMix = "sentiment_mix", perHour = "per_hour"
    }
}

extension Engine {
    /// Answers below this confidence are gaps (and counted as low-confidence in the summary).
    public static let lowConfidence = 0.5
    /// At most this many distinct gap questions (the newest) are clustered.
    static let maxGapTexts = 2000

    /// The knowledge's gaps since `since` (seconds since 1970): unanswered and low-confidence
    /// questions, questions whose answers were rated 1-2, and customer turns whose suggestions were
    /// rejected, grouped by meaning.
    ///
    /// Clustering: average-linkage agglomerative clustering cut at `similarity` (cosine). Each
    /// distinct wording is a point (weighted by how often it was asked) compared by the cosine of the
    /// encoder's vectors blended with a TF-IDF cosine over the analyzer's terms (TF-IDF alone before an
    /// encoder is trained). Chosen over k-means because the number of gaps is unknown and most are
    /// singletons: a threshold says "same question" directly, needs no k, and average linkage keeps a
    /// chain of loosely related wordings from merging (single linkage would). Built with the
    /// nearest-neighbour chain (O(n²) time and memory for n ≤ 2000 wordings). The default cut (0.35)
    /// was picked on Knowledge/ with its trained encoder and 15 zh/en gap questions: 0.3-0.4 kept
    /// every paraphrase pair together and merged no unrelated questions; from 0.5 paraphrases split.
    public func knowledgeGaps(since: Double? = nil, minCount: Int = 1, similarity: Double = 0.35, limit: Int = 50) throws(EngineError) -> GapReport {
        guard minCount >= 1 else { throw EngineError.badRequest("invalid_min_count", "min_count must be at least 1") }
        guard similarity > 0, similarity < 1 else { throw EngineError.badRequest("invalid_similarity", "similarity must be between 0 and 1 (exclusive)") }
        guard (1...1000).contains(limit) else { throw EngineError.badRequest("invalid_limit", "limit must be between 1 and 1000") }
        let (questions, feedback) = try loggedActivity(since: since)
        // Every gap occurrence: (text, when, why).
        var occurrences: [(text: String, at: Double, reason: String)] = []
        let ratedDown = Set(feedback.filter { $0.kind == "answer_rated" && ($0.rating ?? 5) <= 2 }.compactMap(\.questionID))
        var byID: [String: LoggedQuestion] = [:]
        for q in questions {
            byID[q.id] = q
            if !q.answered { occurrences.append((q.text, q.at, "unanswered")) }
            else if q.confidence < Self.lowConfidence { occurrences.append((q.text, q.at, "low_confidence")) }
            else if ratedDown.contains(q.id) { occurrences.append((q.text, q.at, "rated_down")) }
        }
        for f in feedback where f.kind == "suggestion_rejected" {
            if let t = f.customerText { occurrences.append((t, f.at, "rejected")) }
        }
        for f in feedback where f.kind == "answer_rated" && (f.rating ?? 5) <= 2 {
            // A rating of a question logged before `since`, or not logged: count it at the rating's time.
            if let id = f.questionID, byID[id] == nil, let q = try? store.question(id: id) { occurrences.append((q.text, f.at, "rated_down")) }
        }
        // Distinct wordings (by normalized text), the newest `maxGapTexts`.
        var keyIndex: [String: Int] = [:]
        var wordings: [(text: String, times: [Double], reasons: [String: Int])] = []
        for o in occurrences.sorted(by: { $0.at > $1.at }) {
            let key = Normalizer.normalize(o.text).trimmingCharacters(in: .whitespacesAndNewlines)
            guard !key.isEmpty else { continue }
            if let i = keyIndex[key] {
                wordings[i].times.append(o.at)
                wordings[i].reasons[o.reason, default: 0] += 1
            } else if wordings.count < Self.maxGapTexts {
                keyIndex[key] = wordings.count
                wordings.append((o.text, [o.at], [o.reason: 1]))
            }
        }
        let s = try snapshot()
        let texts = wordings.map(\.text)
        let weights = wordings.map { Double($0.times.count) }
        var sim = Self.tfidfCosines(texts, analyzer: s.analyzer)
        var method = "average-linkage agglomerative, cosine >= \(similarity), TF-IDF over analyzer terms"
        if let encoder = s.semantic?.encoder, !texts.isEmpty {
            let x = encoder.encode(texts)
            let gram = Kernels.matmul(x, .none, x, .transpose)
            for i in 0..<texts.count {
                for j in 0..<texts.count { sim[i * texts.count + j] = 0.7 * Double(gram[i, j]) + 0.3 * sim[i * texts.count + j] }
            }
            method = "average-linkage agglomerative, cosine >= \(similarity), 0.7 encoder + 0.3 TF-IDF"
        }
        let groups = GapClustering.cluster(similarity: sim, weights: weights, threshold: similarity)
        var clusters: [GapCluster] = []
        for members in groups {
            let size = members.reduce(0) { $0 + wordings[$1].times.count }
            guard size >= minCount else { continue }
            let medoid = members.max { a, b in
                let sa = members.reduce(0.0) { $0 + weights[$1] * sim[a * texts.count + $1] }
                let sb = members.reduce(0.0) { $0 + weights[$1] * sim[b * texts.count + $1] }
                return sa != sb ? sa < sb : a > b
            } ?? members[0]
            let ordered = members.sorted { wordings[$0].times.count != wordings[$1].times.count ? wordings[$0].times.count > wordings[$1].times.count : $0 < $1 }
            let times = members.flatMap { wordings[$0].times }
            var perDay: [String: Int] = [:]
            for t in times { perDay[Self.day(t), default: 0] += 1 }
            var reasons: [String: Int] = [:]
            for m in members { for (r, n) in wordings[m].reasons { reasons[r, default: 0] += n } }
            let question = wordings[medoid].text
            clusters.append(GapCluster(
                id: "gap-" + SHA256Hex.prefix(Normalizer.normalize(question)),
                size: size, examples: ordered.prefix(5).map { wordings[$0].text },
                firstSeen: Self.iso(times.min() ?? 0), lastSeen: Self.iso(times.max() ?? 0), countsPerDay: perDay, reasons: reasons,
                suggestedFAQ: SuggestedFAQ(question: question, similar: ordered.filter { $0 != medoid }.prefix(20).map { wordings[$0].text }, answer: "")))
        }
        clusters.sort { $0.size != $1.size ? $0.size > $1.size : $0.lastSeen > $1.lastSeen }
        return GapReport(questions: occurrences.count, method: method, clusters: Array(clusters.prefix(limit)))
    }

    /// Hit counts of one kind (`document`, `faq` or `chunk`), most used first.
    public func hitCounts(kind: String, limit: Int = 20) throws(EngineError) -> HitReport {
        guard ["document", "faq", "chunk"].contains(kind) else {
            throw EngineError.badRequest("invalid_kind", "kind must be document, faq or chunk; got '\(kind)'")
        }
        guard (1...1000).contains(limit) else { throw EngineError.badRequest("invalid_limit", "limit must be between 1 and 1000") }
        flushAnalytics()
        let rows: [HitCount]
        do { rows = try store.hitCounts(kind: kind) } catch { throw Engine.storageError(error) }
        var items: [String: HitItem] = [:]
        var last: [String: Double] = [:]
        for r in rows {
            var item = items[r.id] ?? HitItem(id: r.id, name: nil, count: 0, answers: 0, searches: 0, lastAt: "")
            item.count += r.count
            if r.via == "answer" { item.answers += r.count } else { item.searches += r.count }
            last[r.id] = max(last[r.id] ?? 0, r.lastAt)
            items[r.id] = item
        }
        let s = state.withLock { $0 }
        var faqQuestions: [String: String] = [:]
        if kind == "faq", let s { for c in s.chunks.values { if let f = c.faqID, let q = c.question { faqQuestions[f] = q } } }
        var out = Array(items.values)
        for i in out.indices {
            out[i].lastAt = Self.iso(last[out[i].id] ?? 0)
            switch kind {
            case "document": out[i].name = s?.documentNames[out[i].id]
            case "faq": out[i].name = faqQuestions[out[i].id]
            default:
                if let c = s?.chunks[out[i].id] { out[i].name = c.section.isEmpty ? c.title : "\(c.title) › \(c.section)" }
            }
        }
        out.sort { $0.count != $1.count ? $0.count > $1.count : $0.id < $1.id }
        return HitReport(kind: kind, items: Array(out.prefix(limit)))
    }

    /// The questions log and the feedback since `since`, after writing what is queued.
    func loggedActivity(since: Double?) throws(EngineError) -> (questions: [LoggedQuestion], feedback: [FeedbackEntry]) {
        flushAnalytics()
        do { return (try store.questions(since: since), try store.feedback(since: since)) } catch { throw Engine.storageError(error) }
    }

    /// Questions, answer and hand-off rates, intents and feedback since `since`.
    public func analyticsSummary(since: Double? = nil) throws(EngineError) -> AnalyticsSummary {
        let (questions, feedback) = try loggedActivity(since: since)
        let n = questions.count
        let answered = questions.filter(\.answered).count
        let handoffs = questions.filter(\.handoff).count
        var channels: [String: Int] = [:]
        var intents: [String: Int] = [:]
        for q in questions {
            channels[q.channel ?? "unknown", default: 0] += 1
            if let i = q.intent { intents[i, default: 0] += 1 }
        }
        var kinds: [String: Int] = [:]
        for f in feedback { kinds[f.kind, default: 0] += 1 }
        let accepted = (kinds["suggestion_accepted"] ?? 0) + (kinds["suggestion_edited"] ?? 0)
        let judged = accepted + (kinds["suggestion_rejected"] ?? 0)
        let ratings = feedback.compactMap(\.rating)
        func rate(_ k: Int, _ of: Int) -> Double? { of > 0 ? Double(k) / Double(of) : nil }
        var mix: [String: Int] = [:]
        for q in questions { if let label = q.sentiment { mix[label, default: 0] += 1 } }
        let thisHour = (Date().timeIntervalSince1970 / 3600).rounded(.down) * 3600
        var hours = [Int](repeating: 0, count: 24)
        for q in questions {
            let back = Int(((thisHour - q.at) / 3600).rounded(.up))
            let slot = q.at >= thisHour ? 23 : 23 - back
            if (0..<24).contains(slot) { hours[slot] += 1 }
        }
        var summary = AnalyticsSummary(
            since: since.map(Self.iso), questions: n, answered: answered, answerRate: rate(answered, n),
            handoffs: handoffs, handoffRate: rate(handoffs, n), lowConfidence: questions.filter { $0.confidence < Self.lowConfidence }.count,
            averageConfidence: n > 0 ? questions.reduce(0) { $0 + $1.confidence } / Double(n) : nil,
            channels: channels,
            topIntents: intents.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(10)
                .map { AnalyticsSummary.IntentCount(intent: $0.key, count: $0.value) },
            feedback: kinds, suggestionAcceptanceRate: rate(accepted, judged), ratings: ratings.count,
            averageRating: ratings.isEmpty ? nil : Double(ratings.reduce(0, +)) / Double(ratings.count))
        summary.sentimentMix = mix
        summary.perHour = hours.enumerated().map { i, count in
            AnalyticsSummary.HourCount(hour: Self.iso(thisHour - Double(23 - i) * 3600), questions: count)
        }
        return summary
    }

    /// Parses a `since` parameter: seconds since 1970, an ISO 8601 date-time, or a day (`2026-11-25`, UTC).
    public static func parseSince(_ raw: String) throws(EngineError) -> Double {
        let t = raw.trimmingCharacters(in: .whitespaces)
        // Seconds up to the end of 9999, so that the date written back is an RFC 3339 date-time.
        if let seconds = Double(t), seconds >= 0, seconds <= 253_402_300_799 { return seconds }
        let full = ISO8601DateFormatter()
        if let d = full.date(from: t) { return d.timeIntervalSince1970 }
        full.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let d = full.date(from: t) { return d.timeIntervalSince1970 }
        let day = ISO8601DateFormatter()
        day.formatOptions = [.withFullDate]
        if let d = day.date(from: t) { return d.timeIntervalSince1970 }
        throw EngineError.badRequest("invalid_since", "since must be seconds since 1970 (to 9999), an ISO 8601 date-time or a date like 2026-11-25; got '\(raw)'")
    }

    static func iso(_ t: Double) -> String {
        ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: t))
    }

    static func day(_ t: Double) -> String {
        String(iso(t).prefix(10))
    }

    /// Pairwise cosines of TF-IDF vectors over the analyzer's terms (IDF from `texts`), row-major n × n.
    static func tfidfCosines(_ texts: [String], analyzer: Analyzer) -> [Double] {
        let n = texts.count
        let bags: [[String: Double]] = texts.map { t in analyzer.terms(t).reduce(into: [:]) { $0[$1, default: 0] += 1 } }
        var df: [String: Double] = [:]
        for b in bags { for k in b.keys { df[k, default: 0] += 1 } }
        let vectors: [[String: Double]] = bags.map { b in
            var v: [String: Double] = [:]
            for (k, tf) in b { v[k] = (1 + log(tf)) * (log((1 + Double(n)) / (1 + (df[k] ?? 0))) + 1) }
            let norm = v.values.reduce(0) { $0 + $1 * $1 }.squareRoot()
            return norm > 0 ? v.mapValues { $0 / norm } : v
        }
        var sim = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            sim[i * n + i] = 1
            for j in (i + 1)..<max(n, i + 1) {
                let (a, b) = vectors[i].count <= vectors[j].count ? (vectors[i], vectors[j]) : (vectors[j], vectors[i])
                var d = 0.0
                for (k, x) in a { if let y = b[k] { d += x * y } }
                sim[i * n + j] = d
                sim[j * n + i] = d
            }
        }
        return sim
    }
}

/// Average-linkage agglomerative clustering with the nearest-neighbour chain, cut at a similarity.
enum GapClustering {
    /// Groups of point indices whose average-linkage similarity is at least `threshold`.
    /// `similarity` is row-major n × n; `weights` are the points' multiplicities.
    static func cluster(similarity: [Double], weights: [Double], threshold: Double) -> [[Int]] {
        let n = weights.count
        guard n > 1 else { return n == 1 ? [[0]] : [] }
        var d = similarity.map { 1 - $0 }
        var size = weights
        var active = [Bool](repeating: true, count: n)
        var activeCount = n
        var parent = Array(0..<n)
        func find(_ x: Int) -> Int {
            var x = x
            while parent[x] != x { parent[x] = parent[parent[x]]; x = parent[x] }
            return x
        }
        let cut = 1 - threshold
        var chain: [Int] = []
        while activeCount > 1 {
            if chain.isEmpty, let first = active.firstIndex(of: true) { chain.append(first) }
            let a = chain[chain.count - 1]
            let previous = chain.count >= 2 ? chain[chain.count - 2] : -1
            var best = previous
            var bestD = previous >= 0 ? d[a * n + previous] : Double.infinity
            for k in 0..<n where active[k] && k != a && d[a * n + k] < bestD {
                best = k
                bestD = d[a * n + k]
            }
            if best == previous && previous >= 0 {
                chain.removeLast(2)
                // Merge `previous` into `a`: Lance-Williams update for average linkage.
                let wa = size[a], wb = size[previous]
                for k in 0..<n where active[k] && k != a && k != previous {
                    let v = (wa * d[a * n + k] + wb * d[previous * n + k]) / (wa + wb)
                    d[a * n + k] = v
                    d[k * n + a] = v
                }
                size[a] = wa + wb
                active[previous] = false
                activeCount -= 1
                if bestD <= cut { parent[find(previous)] = find(a) }
            } else {
                chain.append(best)
            }
        }
        var groups: [Int: [Int]] = [:]
        for i in 0..<n { groups[find(i), default: []].append(i) }
        return groups.values.sorted { $0[0] < $1[0] }
    }
}

/// A short stable hex id from a text.
enum SHA256Hex {
    static func prefix(_ text: String) -> String {
        String(Ingestion.SHA256.hex(Data(text.utf8)).prefix(10))
    }
}
