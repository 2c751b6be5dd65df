import Foundation

/// Counts and timings of a fuzz run, per generator kind and over all cases.
struct FuzzStats {
    struct Kind {
        var cases = 0
        var accepted = 0
        var maxMs = 0.0
        var maxRssKB = 0
    }

    /// Cases slower than this are counted and listed (issue #10's bound is 2,000 ms).
    var slowMs: Double
    /// The cases over `slowMs`: (ms, description).
    var slow: [(ms: Double, label: String)] = []
    var kinds: [String: Kind] = [:]
    var results: [String: Int] = [:]
    var millis: [Double] = []
    /// The five slowest cases (ms, description).
    var slowestFive: [(ms: Double, label: String)] = []
    var peak = (kb: 0, label: "")
    var failures: [String] = []
    /// Cases left out by `--max-bytes`.
    var skipped = 0

    mutating func add(index: Int, _ c: FuzzCase, _ o: FuzzOutcome, peakKB: Int) {
        let ms = o.seconds * 1000
        var k = kinds[c.kind, default: Kind()]
        k.cases += 1
        if o.result == "ok" { k.accepted += 1 }
        k.maxMs = max(k.maxMs, ms)
        k.maxRssKB = max(k.maxRssKB, peakKB)
        kinds[c.kind] = k
        results[o.result, default: 0] += 1
        millis.append(ms)
        let label = "case \(index), \(c.kind) \(c.name), \(c.data.count) bytes"
        if slowestFive.count < 5 || ms > slowestFive[slowestFive.count - 1].ms {
            let mbPerSecond = Double(c.data.count) / 1_048_576 / max(o.seconds, 1e-9)
            slowestFive.append((ms, label + String(format: ", %.1f MB/s, ", mbPerSecond) + o.result))
            slowestFive.sort { $0.ms > $1.ms }
            if slowestFive.count > 5 { slowestFive.removeLast() }
        }
        if peakKB > peak.kb { peak = (peakKB, label) }
        if ms > slowMs { slow.append((ms, label + ", " + o.result)) }
    }

    func print(seed: UInt64, timeout: Double, seconds: Double, baselineKB: Int) {
        let sorted = millis.sorted()
        func quantile(_ q: Double) -> Double { sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int(Double(sorted.count) * q))] }
        Swift.print(String(format: "fuzz: %d cases (seed %llu) in %.1f s, time limit %.1f s per case", millis.count, seed, seconds, timeout)
                    + (skipped > 0 ? ", \(skipped) larger cases skipped" : ""))
        Swift.print("kind        cases  accepted  rejected   max ms  peak RSS MB")
        for (name, k) in kinds.sorted(by: { $0.key < $1.key }) {
            Swift.print(name.padding(toLength: 10, withPad: " ", startingAt: 0)
                        + String(format: " %6d  %8d  %8d  %7.1f  %11d", k.cases, k.accepted, k.cases - k.accepted, k.maxMs, k.maxRssKB >> 10))
        }
        Swift.print("results: " + results.sorted { $0.value > $1.value }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        Swift.print(String(format: "per case: p50 %.2f ms, p99 %.1f ms, max %.1f ms", quantile(0.5), quantile(0.99), slowestFive.first?.ms ?? 0))
        for s in slowestFive { Swift.print(String(format: "  %8.1f ms  ", s.ms) + s.label) }
        Swift.print(String(format: "over %.0f ms: %d cases", slowMs, slow.count))
        for s in slow.sorted(by: { $0.ms > $1.ms }) { Swift.print(String(format: "  %8.1f ms  ", s.ms) + s.label) }
        Swift.print("peak RSS: \(peak.kb >> 10) MB (\(peak.label)); \(baselineKB >> 10) MB before the first case")
        Swift.print("failures: \(failures.count)")
        for f in failures { Swift.print("  " + f) }
    }
}
