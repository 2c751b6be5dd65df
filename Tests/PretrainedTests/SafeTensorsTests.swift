import XCTest
@testable import Pretrained
import TestSupport

final class SafeTensorsTests: XCTestCase {
    func testReadsTensorsAndMetadata() throws {
        let dir = try makeTempDirectory()
        let path = dir + "/t.safetensors"
        try write(safetensorsBytes([
            TestTensor("a", shape: [2, 3], floats: [1, 2, 3, 4, 5, 6]),
            TestTensor("b", shape: [2], floats: [-1, 0.5]),
            TestTensor("ids", dtype: "I64", shape: [1], bytes: [7, 0, 0, 0, 0, 0, 0, 0]),
        ]), to: path)
        let file = try SafeTensorsFile(path: path)
        XCTAssertEqual(file.metadata["format"], "pt")
        XCTAssertEqual(Set(file.tensors.keys), ["a", "b", "ids"])
        let a = try file.matrix("a", rows: 2, cols: 3)
        XCTAssertEqual(a.rowArrays, [[1, 2, 3], [4, 5, 6]])
        XCTAssertEqual(try file.vector("b", count: 2), [-1, 0.5])
        XCTAssertEqual(try file.info("ids").dtype, .i64)
    }

    func testMissingFileIsUnreadable() {
        XCTAssertThrowsError(try SafeTensorsFile(path: "/nonexistent/model.safetensors")) { error in
            guard case PretrainedError.unreadable = error else { return XCTFail("\(error)") }
        }
    }

    func testTruncatedFileIsReportedAtOpen() throws {
        let dir = try makeTempDirectory()
        let full = safetensorsBytes([TestTensor("w", shape: [4, 4], floats: [Float](repeating: 1, count: 16))])
        // Cut inside the data, inside the header, and inside the length prefix.
        for (cut, label) in [(full.count - 5, "data"), (20, "header"), (4, "prefix")] {
            let path = dir + "/cut-\(label).safetensors"
            try write(Array(full.prefix(cut)), to: path)
            XCTAssertThrowsError(try SafeTensorsFile(path: path), label) { error in
                guard case PretrainedError.truncated = error else { return XCTFail("\(label): \(error)") }
                XCTAssertTrue("\(error)".contains("truncated"), "\(error)")
            }
        }
    }

    func testWrongDTypeShapeAndMissingTensor() throws {
        let dir = try makeTempDirectory()
        let path = dir + "/t.safetensors"
        try write(safetensorsBytes([
            TestTensor("half", dtype: "F16", shape: [2], bytes: [0, 60, 0, 60]),
            TestTensor("w", shape: [2, 2], floats: [1, 2, 3, 4]),
        ]), to: path)
        let file = try SafeTensorsFile(path: path)
        XCTAssertThrowsError(try file.vector("half", count: 2)) { error in
            XCTAssertEqual(error as? PretrainedError, .wrongDType(name: "half", expected: "F32", found: "F16"))
        }
        XCTAssertThrowsError(try file.matrix("w", rows: 4, cols: 1)) { error in
            XCTAssertEqual(error as? PretrainedError, .wrongShape(name: "w", expected: [4, 1], found: [2, 2]))
        }
        XCTAssertThrowsError(try file.vector("nope", count: 1)) { error in
            XCTAssertEqual(error as? PretrainedError, .missingTensor(name: "nope", path: path))
        }
    }

    func testMalformedHeaders() throws {
        let dir = try makeTempDirectory()
        func file(_ header: String, data: [UInt8] = []) throws -> String {
            let path = dir + "/\(UUID().uuidString).safetensors"
            var bytes: [UInt8] = []
            withUnsafeBytes(of: UInt64(header.utf8.count).littleEndian) { bytes.append(contentsOf: $0) }
            try write(bytes + Array(header.utf8) + data, to: path)
            return path
        }
        let cases = [
            "not json",
            "[1, 2]",
            #"{"w": {"dtype": "F99", "shape": [1], "data_offsets": [0, 4]}}"#,
            #"{"w": {"dtype": "F32", "shape": [2], "data_offsets": [0, 4]}}"#,   // 4 bytes for 2 floats
            #"{"w": {"dtype": "F32", "shape": [1]}}"#,
        ]
        for header in cases {
            XCTAssertThrowsError(try SafeTensorsFile(path: try file(header, data: [0, 0, 0, 0])), header) { error in
                guard case PretrainedError.malformedHeader = error else { return XCTFail("\(header): \(error)") }
            }
        }
        // A header length larger than the format allows is rejected before reading it.
        var huge: [UInt8] = []
        withUnsafeBytes(of: UInt64(1 << 40).littleEndian) { huge.append(contentsOf: $0) }
        let path = dir + "/huge.safetensors"
        try write(huge + [0, 0], to: path)
        XCTAssertThrowsError(try SafeTensorsFile(path: path))
    }
}
