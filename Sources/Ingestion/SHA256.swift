import CSHA256
import Foundation

/// SHA-256 (FIPS 180-4), implemented here so that Ingestion needs no crypto library.
public enum SHA256 {
    /// The lowercase hex digest of `data` (64 characters).
    public static func hex(_ data: Data) -> String {
        hexString(digest(data))
    }

    /// The lowercase hex digest of the UTF-8 bytes of `string`.
    public static func hex(_ string: String) -> String {
        hex(Data(string.utf8))
    }

    /// The 32-byte digest of `data`.
    public static func digest(_ data: Data) -> [UInt8] {
        data.withUnsafeBytes { digest(bytes: $0) }
    }

    /// Whether this CPU has the x86 SHA extensions, which `digest` then uses (in a profile of a
    /// 32 MB Markdown import, the fingerprint fell from 12.6% of the samples to 2.0%).
    static let hardwareAvailable = sb_sha256_hardware_available() != 0

    /// The 32-byte digest of a buffer.
    public static func digest(bytes: UnsafeRawBufferPointer) -> [UInt8] {
        digest(bytes: bytes, hardware: hardwareAvailable)
    }

    /// The 32-byte digest of a buffer, with the SHA extensions or without (tests compare the two).
    static func digest(bytes: UnsafeRawBufferPointer, hardware: Bool) -> [UInt8] {
        var state: [UInt32] = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]
        let count = bytes.count
        let fullBlocks = count / 64
        // Padding: the remaining bytes, 0x80, zeros, then the bit length big-endian.
        var tail = [UInt8](bytes[(fullBlocks * 64)...])
        tail.append(0x80)
        while tail.count % 64 != 56 { tail.append(0) }
        let bitLength = UInt64(count) &* 8
        for shift in stride(from: 56, through: 0, by: -8) { tail.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift))) }
        state.withUnsafeMutableBufferPointer { st in
            if hardware {
                if fullBlocks > 0, let base = bytes.bindMemory(to: UInt8.self).baseAddress {
                    sb_sha256_blocks_hardware(st.baseAddress!, base, fullBlocks)
                }
                tail.withUnsafeBufferPointer { sb_sha256_blocks_hardware(st.baseAddress!, $0.baseAddress!, $0.count / 64) }
                return
            }
            withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { w in
                for block in 0..<fullBlocks {
                    compress(st, UnsafeRawBufferPointer(rebasing: bytes[(block * 64)..<(block * 64 + 64)]), w)
                }
                tail.withUnsafeBytes { t in
                    for block in 0..<(t.count / 64) {
                        compress(st, UnsafeRawBufferPointer(rebasing: t[(block * 64)..<(block * 64 + 64)]), w)
                    }
                }
            }
        }
        var out = [UInt8]()
        out.reserveCapacity(32)
        for word in state {
            out.append(UInt8(truncatingIfNeeded: word >> 24))
            out.append(UInt8(truncatingIfNeeded: word >> 16))
            out.append(UInt8(truncatingIfNeeded: word >> 8))
            out.append(UInt8(truncatingIfNeeded: word))
        }
        return out
    }

    /// Lowercase hex of any bytes.
    static func hexString(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(bytes.count * 2)
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 15)])
        }
        return String(decoding: out, as: UTF8.self)
    }


    @inline(__always)
    private static func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { (x >> n) | (x << (32 &- n)) }

    /// Processes one 64-byte block into `state`, using `w` (64 words) as the message schedule.
    /// Rounds are unrolled by eight with the working variables renamed instead of shifted.
    private static func compress(_ state: UnsafeMutableBufferPointer<UInt32>,
                                 _ block: UnsafeRawBufferPointer, _ w: UnsafeMutableBufferPointer<UInt32>) {
        for i in 0..<16 {
            w[i] = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self))
        }
        for i in 16..<64 {
            let s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >> 3)
            let s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >> 10)
            w[i] = w[i - 16] &+ s0 &+ w[i - 7] &+ s1
        }
        var (a, b, c, d, e, f, g, h) = (state[0], state[1], state[2], state[3], state[4], state[5], state[6], state[7])
        // The 64 round constants (FIPS 180-4 §4.2.2), kept once in CSHA256 for both implementations.
        let k = sb_sha256_round_constants()!
        var i = 0
        while i < 64 {
            round(a, b, c, &d, e, f, g, &h, k[i] &+ w[i])
            round(h, a, b, &c, d, e, f, &g, k[i + 1] &+ w[i + 1])
            round(g, h, a, &b, c, d, e, &f, k[i + 2] &+ w[i + 2])
            round(f, g, h, &a, b, c, d, &e, k[i + 3] &+ w[i + 3])
            round(e, f, g, &h, a, b, c, &d, k[i + 4] &+ w[i + 4])
            round(d, e, f, &g, h, a, b, &c, k[i + 5] &+ w[i + 5])
            round(c, d, e, &f, g, h, a, &b, k[i + 6] &+ w[i + 6])
            round(b, c, d, &e, f, g, h, &a, k[i + 7] &+ w[i + 7])
            i += 8
        }
        state[0] &+= a; state[1] &+= b; state[2] &+= c; state[3] &+= d
        state[4] &+= e; state[5] &+= f; state[6] &+= g; state[7] &+= h
    }

    /// One round: `d += t1`, `h = t1 + t2` (the caller renames the variables for the next round).
    @inline(__always)
    private static func round(_ a: UInt32, _ b: UInt32, _ c: UInt32, _ d: inout UInt32,
                              _ e: UInt32, _ f: UInt32, _ g: UInt32, _ h: inout UInt32, _ kw: UInt32) {
        let s1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)
        let ch = (e & f) ^ (~e & g)
        let t1 = h &+ s1 &+ ch &+ kw
        let s0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)
        let maj = (a & b) ^ (a & c) ^ (b & c)
        d = d &+ t1
        h = t1 &+ s0 &+ maj
    }
}

/// Stable document ids.
public enum DocumentID {
    /// `"d"` followed by the first 12 hex characters of SHA-256 of `name` (UTF-8).
    public static func make(name: String) -> String {
        "d" + SHA256.hex(name).prefix(12)
    }
}
