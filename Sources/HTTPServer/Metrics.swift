import Engine
import Foundation
import Synchronization

/// One gauge sample for `/metrics`: a name (`switchboard_chunks`), a help line, labels and a value.
/// Samples with the same name are one metric family.
public struct MetricGauge: Sendable, Equatable {
    public var name: String
    public var help: String
    public var labels: [String: String]
    public var value: Double

    public init(_ name: String, _ value: Double, help: String, labels: [String: String] = [:]) {
        self.name = name
        self.help = help
        self.labels = labels
        self.value = value
    }
}

/// Request counters and latency histograms, written as Prometheus text (exposition format 0.0.4)
/// by `GET /metrics`. Cheap enough for every request: one short lock and two in-place
/// dictionary updates.
public final class Metrics: Sendable {
    /// Histogram bucket bounds in seconds: 0.5 ms ... 5 s.
    public static let buckets: [Double] = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5]

    struct CounterKey: Hashable { var route: String; var method: String; var status: Int }
    struct HistogramKey: Hashable { var route: String; var method: String }
    struct Histogram {
        var counts = [UInt64](repeating: 0, count: Metrics.buckets.count)
        var sum = 0.0
        var count: UInt64 = 0

        mutating func record(_ seconds: Double) {
            if let i = Metrics.buckets.firstIndex(where: { seconds <= $0 }) { counts[i] += 1 }
            sum += seconds
            count += 1
        }
    }

    struct State {
        var requests: [CounterKey: UInt64] = [:]
        var durations: [HistogramKey: Histogram] = [:]
    }

    private let state = Mutex(State())
    private let started = monotonicSeconds()
    /// Extra gauges (index sizes, model versions) computed at scrape time.
    let gauges: @Sendable () -> [MetricGauge]

    public init(gauges: @escaping @Sendable () -> [MetricGauge] = { [] }) {
        self.gauges = gauges
    }

    /// Counts one finished request. `route` is the route's pattern (never the raw path, so the
    /// number of series stays bounded).
    public func observe(route: String, method: String, status: Int, seconds: Double) {
        state.withLock { s in
            s.requests[CounterKey(route: route, method: method, status: status), default: 0] += 1
            s.durations[HistogramKey(route: route, method: method), default: Histogram()].record(seconds)
        }
    }

    /// The Prometheus text exposition of everything measured so far plus the gauges.
    public func exposition() -> String {
        let s = state.withLock { $0 }
        var out = ""
        out += "# HELP switchboard_requests_total HTTP requests by route pattern, method and status.\n"
        out += "# TYPE switchboard_requests_total counter\n"
        for (k, n) in s.requests.sorted(by: { ($0.key.route, $0.key.method, $0.key.status) < ($1.key.route, $1.key.method, $1.key.status) }) {
            out += "switchboard_requests_total\(Self.labels(["route": k.route, "method": k.method, "status": String(k.status)])) \(n)\n"
        }
        out += "# HELP switchboard_request_duration_seconds Time from request head to response, by route pattern and method.\n"
        out += "# TYPE switchboard_request_duration_seconds histogram\n"
        for (k, h) in s.durations.sorted(by: { ($0.key.route, $0.key.method) < ($1.key.route, $1.key.method) }) {
            let base = ["route": k.route, "method": k.method]
            var cumulative: UInt64 = 0
            for (i, bound) in Metrics.buckets.enumerated() {
                cumulative += h.counts[i]
                out += "switchboard_request_duration_seconds_bucket\(Self.labels(base.merging(["le": Self.number(bound)]) { a, _ in a })) \(cumulative)\n"
            }
            out += "switchboard_request_duration_seconds_bucket\(Self.labels(base.merging(["le": "+Inf"]) { a, _ in a })) \(h.count)\n"
            out += "switchboard_request_duration_seconds_sum\(Self.labels(base)) \(Self.number(h.sum))\n"
            out += "switchboard_request_duration_seconds_count\(Self.labels(base)) \(h.count)\n"
        }
        var all = gauges()
        all.append(MetricGauge("switchboard_uptime_seconds", monotonicSeconds() - started, help: "Seconds since the server started."))
        if let rss = Self.residentBytes() {
            all.append(MetricGauge("process_resident_memory_bytes", rss, help: "Resident memory of the process in bytes."))
        }
        var seen: Set<String> = []
        for family in all.map(\.name) where seen.insert(family).inserted {
            let samples = all.filter { $0.name == family }
            out += "# HELP \(family) \(Self.escapeHelp(samples[0].help))\n"
            out += "# TYPE \(family) gauge\n"
            for g in samples { out += "\(family)\(Self.labels(g.labels)) \(Self.number(g.value))\n" }
        }
        return out
    }

    /// `{a="1",b="2"}` with names sorted and values escaped; "" without labels.
    static func labels(_ labels: [String: String]) -> String {
        guard !labels.isEmpty else { return "" }
        let order = ["route", "method", "status", "le"]
        let keys = labels.keys.sorted { (order.firstIndex(of: $0) ?? order.count, $0) < (order.firstIndex(of: $1) ?? order.count, $1) }
        return "{" + keys.map { "\($0)=\"\(escapeLabel(labels[$0] ?? ""))\"" }.joined(separator: ",") + "}"
    }

    static func escapeLabel(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
    }

    static func escapeHelp(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n")
    }

    /// A sample value as Prometheus reads it (integers without a fraction, NaN and infinities by name).
    static func number(_ x: Double) -> String {
        if x.isNaN { return "NaN" }
        if x.isInfinite { return x > 0 ? "+Inf" : "-Inf" }
        if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
        return String(x)
    }

    /// Resident set size from /proc/self/statm (Linux); nil elsewhere.
    static func residentBytes() -> Double? {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return nil }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Double(fields[1]) else { return nil }
        return pages * Double(sysconf(Int32(_SC_PAGESIZE)))
    }
}

extension Metrics {
    /// The gauges the engine can tell: counts of what is stored and indexed, and the encoder's
    /// version as `switchboard_model_info{name="encoder",version="<fingerprint>"} 1`.
    public static func engineGauges(_ engine: Engine) -> @Sendable () -> [MetricGauge] {
        { [engine] in
            guard let s = try? engine.stats() else { return [] }
            var g = [
                MetricGauge("switchboard_documents", Double(s.documents), help: "Stored documents."),
                MetricGauge("switchboard_chunks", Double(s.chunks), help: "Stored chunks."),
                MetricGauge("switchboard_faqs", Double(s.faqs), help: "Stored FAQs."),
                MetricGauge("switchboard_entities", Double(s.entities), help: "Lexicon entities."),
                MetricGauge("switchboard_intents", Double(s.intents), help: "Intent labels."),
            ]
            if let n = s.indexedChunks { g.append(MetricGauge("switchboard_indexed_chunks", Double(n), help: "Chunks in the BM25 index.")) }
            if let n = s.indexTerms { g.append(MetricGauge("switchboard_index_terms", Double(n), help: "Distinct terms in the BM25 index.")) }
            if let n = s.vectors { g.append(MetricGauge("switchboard_vectors", Double(n), help: "Wording vectors in the vector index.")) }
            if let encoder = s.encoder {
                g.append(MetricGauge("switchboard_model_info", 1, help: "Models in use, with their versions.",
                                     labels: ["name": "encoder", "version": encoder]))
            }
            return g
        }
    }
}
