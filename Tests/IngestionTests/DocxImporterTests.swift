import Foundation
import KnowledgeModel
import XCTest
@testable import Ingestion

final class DocxImporterTests: XCTestCase {
    let body = [
        DocxFixture.p("X5 PHEV Handbook", style: "Title"),
        DocxFixture.p("Overview &amp; scope", style: "1"),
        "<w:p><w:pPr><w:tabs><w:tab w:val=\"left\" w:pos=\"720\"/></w:tabs></w:pPr><w:r><w:t>Electric</w:t></w:r><w:r><w:tab/><w:t xml:space=\"preserve\">range 130 km</w:t></w:r><w:r><w:br/><w:t>combined 1,150 km.</w:t></w:r></w:p>",
        DocxFixture.p("Charging", style: "Heading2"),
        "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr><w:r><w:t>DC 30–80% in 25 min</w:t></w:r></w:p>",
        DocxFixture.p("AC 6.6 kW", style: "ListBullet"),
        "<w:tbl><w:tblPr/><w:tr><w:tc><w:p><w:r><w:t>Trim</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Price</w:t></w:r></w:p></w:tc></w:tr>",
        "<w:tr><w:tc><w:p><w:r><w:t>Pro</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>¥189,800</w:t></w:r></w:p></w:tc></w:tr>",
        "<w:tr><w:tc><w:p><w:r><w:t>Max</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>¥219,800</w:t></w:r></w:p><w:p><w:r><w:t>6 seats</w:t></w:r></w:p></w:tc></w:tr></w:tbl>",
        "<w:p><w:r><w:instrText>PAGE</w:instrText></w:r><w:del><w:r><w:delText>deleted</w:delText></w:r></w:del><w:r><w:t>保修八年。</w:t></w:r></w:p>",
        "<w:p/>",
    ].joined()

    func testStoredAndDeflatedDocuments() throws {
        for deflate in [false, true] {
            let data = DocxFixture.make(body: body, deflateDocument: deflate)
            let file = try Importer().parse(name: "docs/docx/x5-handbook.docx", data: data, importedAt: 0)
            XCTAssertEqual(file.document.format, .docx)
            XCTAssertEqual(file.document.title, "X5 PHEV Handbook")
            let texts = file.chunks.map(\.text).joined(separator: "\n")
            XCTAssertTrue(texts.contains("Electric\trange 130 km\ncombined 1,150 km."), texts)
            XCTAssertTrue(texts.contains("Pro: ¥189,800"))
            XCTAssertTrue(texts.contains("Max: ¥219,800 6 seats"))
            XCTAssertFalse(texts.contains("Trim: Price"))
            XCTAssertTrue(texts.contains("保修八年。"))
            XCTAssertFalse(texts.contains("PAGE"))
            XCTAssertFalse(texts.contains("deleted"))
            XCTAssertEqual(file.chunks.first { $0.text.contains("Electric") }?.sectionPath, ["Overview & scope"])
            XCTAssertEqual(file.chunks.first { $0.text.contains("DC 30") }?.sectionPath, ["Overview & scope", "Charging"])
        }
    }

    func testBlockKinds() throws {
        let doc = try DocxParser.parse([UInt8](DocxFixture.make(body: body)), limits: ImportLimits())
        XCTAssertEqual(doc.blocks[0], TextBlock(.heading(level: 1), "X5 PHEV Handbook"))
        XCTAssertEqual(doc.blocks[1], TextBlock(.heading(level: 1), "Overview & scope"))
        XCTAssertTrue(doc.blocks.contains(TextBlock(.heading(level: 2), "Charging")), "style id HeadingN without styles.xml entry")
        XCTAssertTrue(doc.blocks.contains(TextBlock(.listItem, "DC 30–80% in 25 min")))
        XCTAssertTrue(doc.blocks.contains(TextBlock(.listItem, "AC 6.6 kW")))
    }

    func testTitleFromHeading1WithoutStylesXML() throws {
        let data = DocxFixture.make(body: DocxFixture.p("Roadside help", style: "Heading1") + DocxFixture.p("Call 400-820-6688."), styles: nil)
        let file = try Importer().parse(name: "roadside.docx", data: data, importedAt: 0)
        XCTAssertEqual(file.document.title, "Roadside help")
        XCTAssertEqual(file.chunks.map(\.text), ["Call 400-820-6688."])
        XCTAssertEqual(file.chunks.first?.sectionPath, [])
    }

    func testNotAZip() {
        assertIngestionError(.notAZip) {
            _ = try Importer().parse(name: "fake.docx", data: Data("just some text, not a zip".utf8), importedAt: 0)
        }
        assertIngestionError(.notAZip) {
            _ = try Importer().parse(name: "fake.docx", data: Data([0x50, 0x4B, 0x03, 0x04, 1, 2, 3]), importedAt: 0)
        }
    }

    func testZipWithoutDocumentIsMalformed() {
        let data = ZipWriter.make([ZipWriter.Entry(name: "hello.txt", data: Array("hi".utf8))])
        assertIngestionError(.malformed) { _ = try Importer().parse(name: "x.docx", data: data, importedAt: 0) }
    }

    func testCorruptDeflateIsMalformed() {
        var data = [UInt8](DocxFixture.make(body: body))
        // Damage the deflated document.xml payload (it follows the first entry's local header).
        let offset = 30 + "[Content_Types].xml".utf8.count + "<Types/>".utf8.count + 30 + "word/document.xml".utf8.count
        for i in offset..<(offset + 12) { data[i] = 0xFF }
        assertIngestionError(.malformed) { _ = try Importer().parse(name: "x.docx", data: Data(data), importedAt: 0) }
    }

    func testUnsafeEntryNames() {
        for name in ["../evil.xml", "word/../../evil.xml", "/etc/passwd", "word\\document.xml", "C:/evil.xml"] {
            let data = ZipWriter.make([
                ZipWriter.Entry(name: "word/document.xml", data: Array("<w:document/>".utf8)),
                ZipWriter.Entry(name: name, data: Array("x".utf8)),
            ])
            assertIngestionError(.unsafeArchive) { _ = try Importer().parse(name: "t.docx", data: data, importedAt: 0) }
        }
    }

    func testZipBombByRatio() {
        // 40 MiB of zeros deflate to ~40 KiB: ratio ~1000, over the default 200.
        let zeros = [UInt8](repeating: 0x20, count: 40 << 20)
        let data = ZipWriter.make([ZipWriter.Entry(name: "word/document.xml", data: zeros, deflate: true)])
        XCTAssertLessThan(data.count, 1 << 20)
        assertIngestionError(.unsafeArchive) { _ = try Importer().parse(name: "bomb.docx", data: data, importedAt: 0) }
    }

    func testZipBombOverTotalLimit() {
        let chunk = [UInt8](repeating: 0x41, count: 3 << 20)
        let entries = (0..<3).map { ZipWriter.Entry(name: "word/part\($0).xml", data: chunk, deflate: true) }
        let data = ZipWriter.make(entries)
        let limits = ImportLimits(maxUncompressedBytes: 8 << 20, maxCompressionRatio: 100_000)
        assertIngestionError(.unsafeArchive) { _ = try Importer(limits: limits).parse(name: "b.docx", data: data, importedAt: 0) }
    }

    func testLyingSizeIsStoppedWhileInflating() {
        // The header claims 1 KiB but the entry inflates to 5 MiB: inflation stops at the claimed size.
        let xml = "<w:document><w:body>" + String(repeating: "<w:p><w:r><w:t>spam</w:t></w:r></w:p>", count: 150_000) + "</w:body></w:document>"
        let data = ZipWriter.make([ZipWriter.Entry(name: "word/document.xml", data: Array(xml.utf8), deflate: true, declaredSize: 1024)])
        assertIngestionError(.unsafeArchive) { _ = try Importer().parse(name: "liar.docx", data: data, importedAt: 0) }
    }

    func testTooManyEntries() {
        let entries = (0..<20).map { ZipWriter.Entry(name: "f\($0).txt", data: [0x41]) }
        let limits = ImportLimits(maxZipEntries: 10)
        assertIngestionError(.unsafeArchive) {
            _ = try Importer(limits: limits).parse(name: "many.docx", data: ZipWriter.make(entries), importedAt: 0)
        }
    }

    func testZipDetectedWithoutExtension() {
        let data = DocxFixture.make(body: DocxFixture.p("Hello"))
        XCTAssertEqual(Importer().detectFormat(name: "upload", data: data), .docx)
    }
}
