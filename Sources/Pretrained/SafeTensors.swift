import Foundation
import LinearAlgebra
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A read-only, memory-mapped safetensors file.
///
/// Format (https://github.com/huggingface/safetensors): an 8-byte little-endian header length
/// `N`, then `N` bytes of UTF-8 JSON mapping each tensor name to
/// `{"dtype": "F32", "shape": [rows, cols], "data_offsets": [begin, end]}` (byte offsets relative
/// to the end of the header) plus an optional `"__metadata__"` object of strings, then the
/// tensor bytes (little-endian, row-major).
///
/// Opening validates the whole header against the file size (a truncated copy is reported at
/// open, not when a tensor is read). The mapping lives as long as this object; tensors are read
/// by copying into `Matrix` / `[Float]` after a dtype and shape check.
public final class SafeTensorsFile: @unchecked Sendable {
    // @unchecked: the mapping is read-only (PROT_READ, MAP_PRIVATE) and never changes after init.

    /// Element types of the format (only `F32` is read as weights; the others are recognized so
    /// that a file of another precision gets a clear dtype error).
    public enum DType: String, Sendable, CaseIterable {
        case f64 = "F64", f32 = "F32", f16 = "F16", bf16 = "BF16"
        case i64 = "I64", i32 = "I32", i16 = "I16", i8 = "I8", u8 = "U8", bool = "BOOL"
        case u16 = "U16", u32 = "U32", u64 = "U64", f8e4m3 = "F8_E4M3", f8e5m2 = "F8_E5M2"

        /// Bytes per element.
        public var byteSize: Int {
            switch self {
            case .f64, .i64, .u64: return 8
            case .f32, .i32, .u32: return 4
            case .f16, .bf16, .i16, .u16: return 2
            case .i8, .u8, .bool, .f8e4m3, .f8e5m2: return 1
            }
        }
    }

    /// One tensor's entry in the header.
    public struct TensorInfo: Sendable, Equatable {
        public let name: String
        public let dtype: DType
        public let shape: [Int]
        /// Byte range inside the data section (after the header).
        public let byteRange: Range<Int>
        /// Number of elements (product of the shape; 1 for a scalar).
        public var elementCount: Int { shape.reduce(1, *) }
    }

    /// The file's path.
    public let path: String
    /// Every tensor in the header, by name.
    public let tensors: [String: TensorInfo]
    /// The header's `__metadata__` strings (empty when absent).
    public let metadata: [String: String]

    private let mapping: UnsafeRawPointer
    private let mappedLength: Int
    private let dataStart: Int

    /// Maps `path` and validates its header.
    /// - Throws: `PretrainedError.unreadable` (missing file, permissions), `.truncated` (file
    ///   shorter than the header or a tensor's bytes), `.malformedHeader` (not the format).
    public init(path: String) throws {
        self.path = path
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw PretrainedError.unreadable(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else {
            throw PretrainedError.unreadable(path: path, reason: String(cString: strerror(errno)))
        }
        let size = Int(st.st_size)
        guard size >= 8 else {
            throw PretrainedError.truncated(path: path, detail: "\(size) bytes, shorter than the 8-byte header length")
        }
        guard let raw = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), raw != MAP_FAILED else {
            throw PretrainedError.unreadable(path: path, reason: "mmap failed: " + String(cString: strerror(errno)))
        }
        let base = UnsafeRawPointer(raw)
        do {
            let parsed = try SafeTensorsFile.parseHeader(base: base, size: size, path: path)
            self.tensors = parsed.tensors
            self.metadata = parsed.metadata
            self.dataStart = parsed.dataStart
        } catch {
            munmap(raw, size)
            throw error
        }
        self.mapping = base
        self.mappedLength = size
    }

    deinit {
        munmap(UnsafeMutableRawPointer(mutating: mapping), mappedLength)
    }

    /// The header entry of `name`.
    /// - Throws: `PretrainedError.missingTensor`.
    public func info(_ name: String) throws -> TensorInfo {
        guard let t = tensors[name] else { throw PretrainedError.missingTensor(name: name, path: path) }
        return t
    }

    /// The elements of an `F32` tensor of exactly `shape`, copied out of the mapping.
    /// - Throws: `.missingTensor`, `.wrongDType`, `.wrongShape`.
    public func floats(_ name: String, shape: [Int]) throws -> [Float] {
        let t = try info(name)
        guard t.dtype == .f32 else {
            throw PretrainedError.wrongDType(name: name, expected: DType.f32.rawValue, found: t.dtype.rawValue)
        }
        guard t.shape == shape else { throw PretrainedError.wrongShape(name: name, expected: shape, found: t.shape) }
        let count = t.elementCount
        var out = [Float](repeating: 0, count: count)
        out.withUnsafeMutableBytes { dst in
            // memcpy tolerates any alignment of the source offset; little-endian hosts only.
            if count > 0, let d = dst.baseAddress {
                memcpy(d, mapping + dataStart + t.byteRange.lowerBound, count * 4)
            }
        }
        return out
    }

    /// An `F32` matrix tensor `[rows × cols]` (PyTorch `Linear` weights are `[out × in]`).
    public func matrix(_ name: String, rows: Int, cols: Int) throws -> Matrix {
        Matrix(rows: rows, cols: cols, values: try floats(name, shape: [rows, cols]))
    }

    /// An `F32` vector tensor of `count` elements.
    public func vector(_ name: String, count: Int) throws -> [Float] {
        try floats(name, shape: [count])
    }

    // MARK: - Header

    private struct ParsedHeader {
        var tensors: [String: TensorInfo]
        var metadata: [String: String]
        var dataStart: Int
    }

    /// Largest header accepted (the format's own limit is 100 MB).
    static let maxHeaderBytes = 100_000_000

    private static func parseHeader(base: UnsafeRawPointer, size: Int, path: String) throws -> ParsedHeader {
        var n: UInt64 = 0
        memcpy(&n, base, 8)
        n = UInt64(littleEndian: n)
        guard n <= UInt64(maxHeaderBytes) else {
            throw PretrainedError.malformedHeader(path: path, detail: "header length \(n) exceeds \(maxHeaderBytes) bytes")
        }
        let headerLength = Int(n)
        guard 8 + headerLength <= size else {
            throw PretrainedError.truncated(path: path,
                                            detail: "header of \(headerLength) bytes but only \(size - 8) bytes follow")
        }
        let json = Data(bytes: base + 8, count: headerLength)
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: json)
        } catch {
            throw PretrainedError.malformedHeader(path: path, detail: "header is not JSON (\(error.localizedDescription))")
        }
        guard let dict = object as? [String: Any] else {
            throw PretrainedError.malformedHeader(path: path, detail: "header is not a JSON object")
        }
        let dataLength = size - 8 - headerLength
        var tensors: [String: TensorInfo] = [:]
        var metadata: [String: String] = [:]
        for (name, value) in dict {
            if name == "__metadata__" {
                metadata = (value as? [String: String]) ?? [:]
                continue
            }
            let t = try parseEntry(name: name, value: value, path: path)
            guard t.byteRange.upperBound <= dataLength else {
                throw PretrainedError.truncated(path: path, detail: "tensor \(name) ends at byte \(t.byteRange.upperBound) "
                                                + "of the data section, which has \(dataLength) bytes")
            }
            tensors[name] = t
        }
        return ParsedHeader(tensors: tensors, metadata: metadata, dataStart: 8 + headerLength)
    }

    private static func parseEntry(name: String, value: Any, path: String) throws -> TensorInfo {
        func bad(_ detail: String) -> PretrainedError {
            .malformedHeader(path: path, detail: "tensor \(name): \(detail)")
        }
        guard let entry = value as? [String: Any] else { throw bad("entry is not an object") }
        guard let dtypeName = entry["dtype"] as? String else { throw bad("no dtype") }
        guard let dtype = DType(rawValue: dtypeName) else { throw bad("unknown dtype \(dtypeName)") }
        guard let shapeValues = entry["shape"] as? [Any] else { throw bad("no shape") }
        var shape: [Int] = []
        for v in shapeValues {
            guard let d = (v as? NSNumber)?.intValue, d >= 0 else { throw bad("shape \(shapeValues) is not a list of sizes") }
            shape.append(d)
        }
        guard let offsets = entry["data_offsets"] as? [Any], offsets.count == 2,
              let begin = (offsets[0] as? NSNumber)?.intValue, let end = (offsets[1] as? NSNumber)?.intValue,
              begin >= 0, end >= begin else { throw bad("data_offsets is not [begin, end]") }
        let (count, overflow) = shape.reduce((1, false)) { acc, d in
            let (p, o) = acc.0.multipliedReportingOverflow(by: d)
            return (p, acc.1 || o)
        }
        guard !overflow, count.multipliedReportingOverflow(by: dtype.byteSize).overflow == false,
              end - begin == count * dtype.byteSize else {
            throw bad("\(end - begin) bytes for shape \(shape) of \(dtypeName)")
        }
        return TensorInfo(name: name, dtype: dtype, shape: shape, byteRange: begin..<end)
    }
}
