import CZlib
import Foundation
import KnowledgeModel
import XCTest
@testable import Ingestion

/// A tiny ZIP writer for fixtures: stored or raw-deflated entries (via zlib), with the option
/// to lie about sizes or use unsafe names.
struct ZipWriter {
    struct Entry {
        var name: String
        var data: [UInt8]
        var deflate = false
        /// Replaces the uncompressed size written in the headers (to fake a lying archive).
        var declaredSize: Int? = nil
    }

    static func make(_ entries: [Entry]) -> Data {
        var out = [UInt8]()
        var central = [UInt8]()
        for entry in entries {
            let payload = entry.deflate ? deflate(entry.data) : entry.data
            let crc = entry.data.withUnsafeBufferPointer { UInt32(crc32(0, $0.baseAddress, UInt32($0.count))) }
            let name = Array(entry.name.utf8)
            let size = UInt32(entry.declaredSize ?? entry.data.count)
            let method: UInt16 = entry.deflate ? 8 : 0
            let offset = UInt32(out.count)
            // Local file header.
            put32(&out, 0x0403_4b50); put16(&out, 20); put16(&out, 0); put16(&out, method)
            put16(&out, 0); put16(&out, 0); put32(&out, crc)
            put32(&out, UInt32(payload.count)); put32(&out, size)
            put16(&out, UInt16(name.count)); put16(&out, 0)
            out += name
            out += payload
            // Central directory header.
            put32(&central, 0x0201_4b50); put16(&central, 20); put16(&central, 20); put16(&central, 0)
            put16(&central, method); put16(&central, 0); put16(&central, 0); put32(&central, crc)
            put32(&central, UInt32(payload.count)); put32(&central, size)
            put16(&central, UInt16(name.count)); put16(&central, 0); put16(&central, 0)
            put16(&central, 0); put16(&central, 0); put32(&central, 0); put32(&central, offset)
            central += name
        }
        let centralOffset = UInt32(out.count)
        out += central
        put32(&out, 0x0605_4b50); put16(&out, 0); put16(&out, 0)
        put16(&out, UInt16(entries.count)); put16(&out, UInt16(entries.count))
        put32(&out, UInt32(central.count)); put32(&out, centralOffset); put16(&out, 0)
        return Data(out)
    }

    /// Raw deflate (no zlib header) at the best compression.
    static func deflate(_ input: [UInt8]) -> [UInt8] {
        var stream = z_stream()
        precondition(deflateInit2_(&stream, 9, Z_DEFLATED, -15, 9, Z_DEFAULT_STRATEGY, zlibVersion(),
                                   Int32(MemoryLayout<z_stream>.size)) == Z_OK)
        defer { deflateEnd(&stream) }
        var source = input.isEmpty ? [0] : input
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, UInt(input.count))) + 64)
        var produced = 0
        source.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                stream.next_in = inBuffer.baseAddress
                stream.avail_in = UInt32(input.count)
                stream.next_out = outBuffer.baseAddress
                stream.avail_out = UInt32(outBuffer.count)
                let status = CZlib.deflate(&stream, Z_FINISH)
                precondition(status == Z_STREAM_END)
                produced = outBuffer.count - Int(stream.avail_out)
            }
        }
        return Array(output[..<produced])
    }

    private static func put16(_ out: inout [UInt8], _ v: UInt16) { out.append(UInt8(v & 0xFF)); out.append(UInt8(v >> 8)) }
    private static func put32(_ out: inout [UInt8], _ v: UInt32) {
        for shift in stride(from: 0, to: 32, by: 8) { out.append(UInt8((v >> UInt32(shift)) & 0xFF)) }
    }
}

/// Builds minimal DOCX files.
enum DocxFixture {
    static let stylesXML = """
    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
    <w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
      <w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/></w:style>
      <w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/></w:style>
      <w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 2"/></w:style>
      <w:style w:type="paragraph" w:styleId="ListBullet"><w:name w:val="List Bullet"/></w:style>
    </w:styles>
    """

    /// A DOCX whose body is `body` (WordprocessingML paragraphs and tables).
    static func make(body: String, styles: String? = stylesXML, deflateDocument: Bool = true) -> Data {
        let document = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>\(body)<w:sectPr/></w:body></w:document>
        """
        var entries = [
            ZipWriter.Entry(name: "[Content_Types].xml", data: Array("<Types/>".utf8)),
            ZipWriter.Entry(name: "word/document.xml", data: Array(document.utf8), deflate: deflateDocument),
        ]
        if let styles { entries.append(ZipWriter.Entry(name: "word/styles.xml", data: Array(styles.utf8))) }
        return ZipWriter.make(entries)
    }

    /// A paragraph with an optional style id.
    static func p(_ text: String, style: String? = nil) -> String {
        let properties = style.map { "<w:pPr><w:pStyle w:val=\"\($0)\"/></w:pPr>" } ?? ""
        return "<w:p>\(properties)<w:r><w:t xml:space=\"preserve\">\(text)</w:t></w:r></w:p>"
    }
}

extension XCTestCase {
    /// Parses inline text with a default importer.
    func parse(_ name: String, _ text: String, format: DocumentFormat? = nil, importer: Importer = Importer()) throws -> ParsedFile {
        try importer.parse(name: name, data: Data(text.utf8), format: format, importedAt: 1_700_000_000)
    }

    /// Asserts that `body` throws an `IngestionError` with `code`; returns it.
    @discardableResult
    func assertIngestionError(_ code: IngestionError.Code, file: StaticString = #filePath, line: UInt = #line,
                              _ body: () throws -> Void) -> IngestionError? {
        do {
            try body()
            XCTFail("expected \(code), got no error", file: file, line: line)
        } catch let error as IngestionError {
            XCTAssertEqual(error.code, code, "\(error)", file: file, line: line)
            XCTAssertFalse(error.description.contains("\n"), file: file, line: line)
            return error
        } catch {
            XCTFail("expected IngestionError, got \(error)", file: file, line: line)
        }
        return nil
    }
}
