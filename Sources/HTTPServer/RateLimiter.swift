import Dispatch
import Synchronization

/// Monotonic seconds, for rate limits (never jumps with the wall clock).
func monotonicSeconds() -> Double {
    Double(DispatchTime.now().uptimeNanoseconds) / 1e9
}

/// A token bucket per client (an API key, or a remote address): `ratePerSecond` tokens flow in,
/// at most `burst` are kept, each request takes one. Safe to share between requests.
final class RateLimiter: Sendable {
    struct Bucket {
        var tokens: Double
        var updated: Double
    }

    let ratePerSecond: Double
    let burst: Double
    private let buckets = Mutex<[String: Bucket]>([:])
    /// Above this many clients, buckets that have refilled are dropped (they are the same as new ones).
    private let pruneAbove = 10_000

    /// `ratePerSecond` > 0; `burst` below 1 is taken as 1.
    init(ratePerSecond: Double, burst: Int) {
        self.ratePerSecond = ratePerSecond
        self.burst = Double(max(1, burst))
    }

    /// Takes a token for `client`: nil when the request may proceed, else the whole seconds to
    /// wait before the next token (at least 1), for `Retry-After`.
    func take(_ client: String, now: Double = monotonicSeconds()) -> Int? {
        buckets.withLock { buckets -> Int? in
            var bucket = buckets[client] ?? Bucket(tokens: burst, updated: now)
            bucket.tokens = min(burst, bucket.tokens + max(0, now - bucket.updated) * ratePerSecond)
            bucket.updated = now
            defer {
                buckets[client] = bucket
                if buckets.count > pruneAbove { prune(&buckets, now: now) }
            }
            if bucket.tokens >= 1 {
                bucket.tokens -= 1
                return nil
            }
            return max(1, Int(((1 - bucket.tokens) / ratePerSecond).rounded(.up)))
        }
    }

    private func prune(_ buckets: inout [String: Bucket], now: Double) {
        buckets = buckets.filter { $0.value.tokens + (now - $0.value.updated) * ratePerSecond < burst }
    }
}

/// Counts failed authentications per remote address in one-minute windows; an address with
/// `limit` failures in the current window is refused (429) until the window ends, valid key
/// or not, so that keys cannot be guessed at speed.
final class AuthFailureGuard: Sendable {
    struct Window {
        var start: Double
        var failures: Int
    }

    let limit: Int
    let windowSeconds: Double
    private let windows = Mutex<[String: Window]>([:])

    init(limit: Int, windowSeconds: Double = 60) {
        self.limit = limit
        self.windowSeconds = windowSeconds
    }

    /// nil when `address` may try to authenticate, else the seconds until its window ends.
    func blocked(_ address: String, now: Double = monotonicSeconds()) -> Int? {
        windows.withLock { windows -> Int? in
            guard let w = windows[address] else { return nil }
            if now - w.start >= windowSeconds {
                windows[address] = nil
                return nil
            }
            guard w.failures >= limit else { return nil }
            return max(1, Int((w.start + windowSeconds - now).rounded(.up)))
        }
    }

    /// Records one failed authentication from `address`.
    func recordFailure(_ address: String, now: Double = monotonicSeconds()) {
        windows.withLock { windows in
            var w = windows[address] ?? Window(start: now, failures: 0)
            if now - w.start >= windowSeconds { w = Window(start: now, failures: 0) }
            w.failures += 1
            windows[address] = w
            if windows.count > 10_000 { windows = windows.filter { now - $0.value.start < windowSeconds } }
        }
    }
}
