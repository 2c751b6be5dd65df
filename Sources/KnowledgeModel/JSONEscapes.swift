/// NUL characters written as `\u0000` in JSON text.
///
/// SQLite keeps a string with a NUL in it, but reads it back cut at the NUL (as a C string): an
/// editor's FAQ question "\u0000" came back empty, and every later edit of the editor document then
/// failed to re-import it. So a request body's NULs become U+FFFD (as undecodable bytes do) and an
/// imported JSON record that holds one is refused with its line.
public enum JSONEscapes {
    /// Rewrites every `\u0000` escape of JSON text as `\ufffd` (same length, so nothing else
    /// moves); returns how many there were.
    @discardableResult
    public static func replaceNULs(in bytes: inout [UInt8]) -> Int {
        var count = 0, from = 0
        while let at = bytes.withUnsafeBytes({ firstNUL(in: UnsafeRawBufferPointer(rebasing: $0[from...])) }).map({ $0 + from }) {
            // `at` is the escaping backslash; "u0000" follows it.
            bytes.replaceSubrange((at + 2)..<(at + 6), with: Array("fffd".utf8))
            count += 1
            from = at + 6
        }
        return count
    }

    /// The byte offset of the first `\u0000` escape in JSON text (a backslash that escapes: one
    /// after an even run of backslashes), or nil when there is none.
    public static func firstNUL(in bytes: UnsafeRawBufferPointer) -> Int? {
        let backslash = UInt8(ascii: "\\"), n = bytes.count
        var i = 0
        while i < n {
            guard bytes[i] == backslash else { i += 1; continue }
            var j = i
            while j < n && bytes[j] == backslash { j += 1 }
            // The run's last backslash escapes the next character when the run is odd.
            if (j - i) % 2 == 1, j + 5 <= n, bytes[j] == UInt8(ascii: "u"),
               bytes[j + 1] == 0x30, bytes[j + 2] == 0x30, bytes[j + 3] == 0x30, bytes[j + 4] == 0x30 {
                return j - 1
            }
            i = j
        }
        return nil
    }
}
