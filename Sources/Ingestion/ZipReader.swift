import CZlib
import Foundation

/// A read-only ZIP archive reader: end-of-central-directory record, central directory, local headers;
/// stored and deflated entries. Entry names are checked for path traversal and sizes against
/// `ImportLimits` before anything is decompressed.
struct ZipReader {
    /// One central-directory entry.
    struct Entry {
        var name: String
        var method: UInt16
        var flags: UInt16
        var compressedSize: Int
        var uncompressedSize: Int
        var localHeaderOffset: Int
    }

    private let bytes: [UInt8]
    private let limits: ImportLimits
    private(set) var entries: [Entry] = []
    /// Bytes produced so far by `read`, counted against `maxUncompressedBytes`.
    private var produced = 0

    /// Reads the directory. Throws `.notAZip` when there is no ZIP structure, `.unsafeArchive`
    /// for unsafe names or sizes, `.malformed` for a damaged directory.
    init(bytes: [UInt8], limits: ImportLimits) throws(ParseFailure) {
        self.bytes = bytes
        self.limits = limits
        guard bytes.count >= 22, let eocd = findEndOfCentralDirectory() else {
            throw ParseFailure(.notAZip, "not a ZIP archive (no end-of-central-directory record)")
        }
        let count = Int(u16(eocd + 10))
        let directorySize = Int(u32(eocd + 12))
        let directoryOffset = Int(u32(eocd + 16))
        if count == 0xFFFF || directoryOffset == 0xFFFF_FFFF {
            throw ParseFailure(.malformed, "ZIP64 archives are not supported")
        }
        guard count <= limits.maxZipEntries else {
            throw ParseFailure(.unsafeArchive, "ZIP lists \(count) entries (limit \(limits.maxZipEntries))")
        }
        guard directoryOffset + directorySize <= eocd else {
            throw ParseFailure(.malformed, "ZIP central directory lies outside the file")
        }
        var p = directoryOffset
        var declaredTotal = 0
        entries.reserveCapacity(count)
        for _ in 0..<count {
            guard p + 46 <= eocd, u32(p) == 0x0201_4b50 else {
                throw ParseFailure(.malformed, "damaged ZIP central directory")
            }
            let nameLength = Int(u16(p + 28)), extraLength = Int(u16(p + 30)), commentLength = Int(u16(p + 32))
            guard p + 46 + nameLength <= eocd else { throw ParseFailure(.malformed, "damaged ZIP central directory") }
            let nameBytes = bytes[(p + 46)..<(p + 46 + nameLength)]
            let name = String(decoding: nameBytes, as: UTF8.self)
            try Self.checkName(name, raw: nameBytes)
            let entry = Entry(name: name, method: u16(p + 10), flags: u16(p + 8),
                              compressedSize: Int(u32(p + 20)), uncompressedSize: Int(u32(p + 24)),
                              localHeaderOffset: Int(u32(p + 42)))
            try checkSizes(entry)
            declaredTotal += entry.uncompressedSize
            guard declaredTotal <= limits.maxUncompressedBytes else {
                throw ParseFailure(.unsafeArchive, "ZIP would expand to more than \(limits.maxUncompressedBytes) bytes")
            }
            entries.append(entry)
            p += 46 + nameLength + extraLength + commentLength
        }
    }

    /// The entry called `name`, if any.
    func entry(named name: String) -> Entry? {
        entries.first { $0.name == name }
    }

    /// The uncompressed bytes of an entry, never more than its declared size.
    mutating func read(_ entry: Entry) throws(ParseFailure) -> [UInt8] {
        if entry.flags & 1 != 0 { throw ParseFailure(.malformed, "ZIP entry \(entry.name) is encrypted") }
        let p = entry.localHeaderOffset
        guard p + 30 <= bytes.count, u32(p) == 0x0403_4b50 else {
            throw ParseFailure(.malformed, "damaged ZIP local header for \(entry.name)")
        }
        let dataStart = p + 30 + Int(u16(p + 26)) + Int(u16(p + 28))
        guard dataStart + entry.compressedSize <= bytes.count else {
            throw ParseFailure(.malformed, "ZIP entry \(entry.name) is truncated")
        }
        let budget = limits.maxUncompressedBytes - produced
        guard entry.uncompressedSize <= budget else {
            throw ParseFailure(.unsafeArchive, "ZIP would expand to more than \(limits.maxUncompressedBytes) bytes")
        }
        let input = bytes[dataStart..<(dataStart + entry.compressedSize)]
        let output: [UInt8]
        switch entry.method {
        case 0:
            guard entry.compressedSize == entry.uncompressedSize else {
                throw ParseFailure(.malformed, "stored ZIP entry \(entry.name) has inconsistent sizes")
            }
            output = Array(input)
        case 8:
            output = try Inflate.raw(input, maxOutput: entry.uncompressedSize, entryName: entry.name)
        default:
            throw ParseFailure(.malformed, "ZIP entry \(entry.name) uses unsupported compression method \(entry.method)")
        }
        produced += output.count
        return output
    }

    /// Rejects names that could escape the archive root: `..` components, absolute paths,
    /// backslashes, drive letters and NUL bytes.
    static func checkName(_ name: String, raw: ArraySlice<UInt8>) throws(ParseFailure) {
        let unsafe = name.hasPrefix("/") || raw.contains(UInt8(ascii: "\\")) || raw.contains(0)
            || name.split(separator: "/", omittingEmptySubsequences: false).contains("..")
            || (raw.count >= 2 && raw[raw.startIndex + 1] == UInt8(ascii: ":"))
        if unsafe { throw ParseFailure(.unsafeArchive, "unsafe ZIP entry name \"\(name)\"") }
    }

    /// Rejects entries whose declared size or compression ratio is beyond the limits.
    private func checkSizes(_ entry: Entry) throws(ParseFailure) {
        if entry.compressedSize == 0xFFFF_FFFF || entry.uncompressedSize == 0xFFFF_FFFF {
            throw ParseFailure(.malformed, "ZIP64 entries are not supported")
        }
        guard entry.uncompressedSize <= limits.maxUncompressedBytes else {
            throw ParseFailure(.unsafeArchive, "ZIP entry \(entry.name) would expand to \(entry.uncompressedSize) bytes")
        }
        if entry.uncompressedSize > 1 << 20,
           entry.uncompressedSize / max(entry.compressedSize, 1) > limits.maxCompressionRatio {
            throw ParseFailure(.unsafeArchive,
                               "ZIP entry \(entry.name) has compression ratio above \(limits.maxCompressionRatio)")
        }
    }

    /// The offset of the end-of-central-directory record, searched backwards over the comment area.
    private func findEndOfCentralDirectory() -> Int? {
        let lowest = max(0, bytes.count - 22 - 0xFFFF)
        var p = bytes.count - 22
        while p >= lowest {
            if bytes[p] == 0x50 && u32(p) == 0x0605_4b50 { return p }
            p -= 1
        }
        return nil
    }

    private func u16(_ p: Int) -> UInt16 { UInt16(bytes[p]) | UInt16(bytes[p + 1]) << 8 }

    private func u32(_ p: Int) -> UInt32 {
        UInt32(bytes[p]) | UInt32(bytes[p + 1]) << 8 | UInt32(bytes[p + 2]) << 16 | UInt32(bytes[p + 3]) << 24
    }
}


/// Raw DEFLATE decompression through the system zlib, with a hard bound on the output.
enum Inflate {
    /// Inflates raw deflate data (no zlib header, windowBits -15). Stops and throws `.unsafeArchive`
    /// as soon as the output would exceed `maxOutput` bytes, so a bomb is never expanded past the bound;
    /// throws `.malformed` for corrupt or truncated data.
    static func raw(_ input: ArraySlice<UInt8>, maxOutput: Int, entryName: String) throws(ParseFailure) -> [UInt8] {
        var stream = z_stream()
        guard inflateInit2_(&stream, -15, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw ParseFailure(.malformed, "cannot initialise zlib")
        }
        defer { inflateEnd(&stream) }
        // One byte of slack lets us notice output beyond the bound.
        var output = [UInt8](repeating: 0, count: maxOutput + 1)
        var status: Int32 = Z_OK
        var written = 0
        var source = Array(input)
        if source.isEmpty { source = [0] }
        let inputCount = input.count
        source.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                stream.next_in = inBuffer.baseAddress
                stream.avail_in = UInt32(inputCount)
                stream.next_out = outBuffer.baseAddress
                stream.avail_out = UInt32(outBuffer.count)
                repeat {
                    status = inflate(&stream, Z_NO_FLUSH)
                } while status == Z_OK && stream.avail_out > 0 && stream.avail_in > 0
                written = outBuffer.count - Int(stream.avail_out)
            }
        }
        if written > maxOutput {
            throw ParseFailure(.unsafeArchive, "ZIP entry \(entryName) inflates beyond its declared size")
        }
        guard status == Z_STREAM_END else {
            throw ParseFailure(.malformed, "ZIP entry \(entryName) has corrupt or truncated deflate data")
        }
        output.removeSubrange(written...)
        return output
    }
}
