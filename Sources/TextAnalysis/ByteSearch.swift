/// Substring search over UTF-8 bytes. Foundation's `contains(_:)`, `range(of:)` and
/// `replacingOccurrences(of:with:)` bridge to `NSString` on every call on Linux, which showed up in
/// the request profiles; texts compared here are already normalized or lowercased, so comparing
/// bytes gives the same answer. An empty `part` is found nowhere, as with Foundation.
public enum ByteSearch {
    /// Whether `text` contains `part`.
    public static func contains(_ text: String, _ part: String) -> Bool {
        firstOffset(of: part, in: text, from: 0) != nil
    }

    /// The first UTF-8 offset at or after `start` where `part` occurs in `text`.
    public static func firstOffset(of part: String, in text: String, from start: Int) -> Int? {
        var text = text, part = part
        return text.withUTF8 { h in part.withUTF8 { n in firstOffset(of: n, in: h, from: start) } }
    }

    /// The first offset at or after `start` where the bytes `n` occur in `h` (nil for empty `n`).
    public static func firstOffset(of n: UnsafeBufferPointer<UInt8>, in h: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard !n.isEmpty, n.count <= h.count, start >= 0 else { return nil }
        var i = start
        while i <= h.count - n.count {
            if h[i] == n[0] {
                var k = 1
                while k < n.count && h[i + k] == n[k] { k += 1 }
                if k == n.count { return i }
            }
            i += 1
        }
        return nil
    }
}
