import Foundation
import KnowledgeModel
import XCTest
@testable import Ingestion

final class HTMLImporterTests: XCTestCase {
    let page = """
    <!DOCTYPE html>
    <html><head><meta charset="utf-8"><title>E9 Service &amp; Care</title>
    <style>body { color: red; } h1 { }</style>
    <script>var x = "<p>not text</p>";</script></head>
    <body>
    <nav><a href="/">Home</a></nav>
    <h1>E9 Service &amp; Care</h1>
    <p>First   paragraph
       with <b>bold</b> and <a href="#">a link</a>.</p>
    <h2>Schedule</h2>
    <div>Every 20,000&nbsp;km or 12 months.<br>First service free.</div>
    <ul><li>Brake fluid</li><li>Cabin filter <i>(every year)</i></li></ul>
    <h3>Prices</h3>
    <table>
      <thead><tr><th>Item</th><th>Price</th></tr></thead>
      <tbody><tr><td>Basic</td><td>&yen;680</td></tr><tr><td>Full</td><td>&#165;1,280</td></tr></tbody>
    </table>
    <table><tr><th>Model</th><th>Interval</th><th>Note</th></tr>
      <tr><td>E7</td><td>20,000 km</td><td>&#x2014; none</td></tr></table>
    <noscript>Enable JavaScript</noscript>
    <template><p>hidden</p></template>
    <svg><title>icon</title><text>svg text</text></svg>
    <pre>line 1
      line 2</pre>
    <!-- a comment <p>inside</p> -->
    </body></html>
    """

    func testBlocksAndTitle() throws {
        let doc = HTMLParser.parse(Array(page.utf8))
        XCTAssertEqual(doc.title, "E9 Service & Care")
        let texts = doc.blocks.map(\.text)
        XCTAssertEqual(doc.blocks.first, TextBlock(.heading(level: 1), "E9 Service & Care"), "the <nav> menu is dropped")
        XCTAssertTrue(doc.blocks.contains(TextBlock(.heading(level: 1), "E9 Service & Care")))
        XCTAssertTrue(texts.contains("First paragraph with bold and a link."))
        XCTAssertTrue(doc.blocks.contains(TextBlock(.heading(level: 2), "Schedule")))
        XCTAssertTrue(texts.contains("Every 20,000 km or 12 months."))
        XCTAssertTrue(texts.contains("First service free."))
        XCTAssertTrue(doc.blocks.contains(TextBlock(.listItem, "Brake fluid")))
        XCTAssertTrue(doc.blocks.contains(TextBlock(.listItem, "Cabin filter (every year)")))
        XCTAssertTrue(doc.blocks.contains(TextBlock(.tableRow, "Basic: ¥680")))
        XCTAssertTrue(doc.blocks.contains(TextBlock(.tableRow, "Full: ¥1,280")))
        XCTAssertTrue(doc.blocks.contains(TextBlock(.tableRow, "Model: E7; Interval: 20,000 km; Note: — none")))
        XCTAssertTrue(doc.blocks.contains(TextBlock(.code, "line 1\n  line 2")))
        let all = texts.joined(separator: " ")
        for hidden in ["color", "not text", "JavaScript", "hidden", "svg text", "icon", "comment", "inside", "Item: Price", "Home"] {
            XCTAssertFalse(all.contains(hidden), hidden)
        }
    }

    /// A saved web page's footer does not join its last section; a menu or footer left open ends
    /// where the content starts, so malformed markup loses nothing.
    func testPageChromeIsDroppedAndAnUnclosedOneLosesNoContent() {
        let page = "<body><h1>Charging</h1><h2>Costs</h2><p>About 2,000 CNY.</p><footer><p>© 2026 Lanto. Privacy policy.</p></footer></body>"
        XCTAssertEqual(HTMLParser.parse(Array(page.utf8)).blocks.map(\.text), ["Charging", "Costs", "About 2,000 CNY."])
        let unclosed = "<body><nav><a href=\"/\">Home</a><main><h1>Charging</h1><p>A wall box.</p></main></body>"
        XCTAssertEqual(HTMLParser.parse(Array(unclosed.utf8)).blocks.map(\.text), ["Charging", "A wall box."])
        let late = "<body><p>Intro.</p><footer>Notice</body><p>After the body.</p>"
        XCTAssertEqual(HTMLParser.parse(Array(late.utf8)).blocks.map(\.text), ["Intro.", "After the body."])
    }

    func testImporterSectionPaths() throws {
        let file = try parse("docs/html/e9-service.html", page)
        XCTAssertEqual(file.document.format, .html)
        XCTAssertEqual(file.document.title, "E9 Service & Care")
        XCTAssertEqual(file.chunks.first { $0.text.contains("First paragraph") }?.sectionPath, [])
        XCTAssertEqual(file.chunks.first { $0.text.contains("Brake fluid") }?.sectionPath, ["Schedule"])
        XCTAssertEqual(file.chunks.first { $0.text.contains("Basic: ¥680") }?.sectionPath, ["Schedule", "Prices"])
    }

    func testTitleFromFirstH1AndEntities() {
        let doc = HTMLParser.parse(Array("<h1>Lanto &lt;X5&gt; &quot;PHEV&quot; &#28572;&#x9014; &bogus; &amp</h1><p>x</p>".utf8))
        XCTAssertEqual(doc.title, "Lanto <X5> \"PHEV\" 澜途 &bogus; &")
    }

    func testMalformedMarkupNeverCrashes() {
        let inputs = [
            "<p>unclosed <b>bold <i>italic", "<<<>>><p", "<div <p>>text</div>", "</p></p></div>text",
            "<table><td>cell without row<tr><td>a<td>b</table>", "<script>never closed", "<!-- never closed",
            "<a href=\"unterminated>link</a> after", "&#xZZ; &#99999999; &#0; &",
            "<h2>heading without end<p>para", "<li>item<li>item2", "<", "<!", "</", "<a", "<![CDATA[ raw",
            "<svg><svg></svg>still hidden</svg>shown", "<table><tr><td><table><tr><td>x</td></tr></table></td></tr></table>",
        ]
        for input in inputs {
            _ = HTMLParser.parse(Array(input.utf8))
        }
        XCTAssertEqual(HTMLParser.parse(Array("<svg><svg></svg>still hidden</svg>shown".utf8)).blocks.map(\.text), ["shown"])
        XCTAssertEqual(HTMLParser.parse(Array("<h2>heading without end<p>para".utf8)).blocks,
                       [TextBlock(.heading(level: 2), "heading without end"), TextBlock(.paragraph, "para")])
        XCTAssertEqual(HTMLParser.parse(Array("<li>item<li>item2".utf8)).blocks,
                       [TextBlock(.listItem, "item"), TextBlock(.listItem, "item2")])
        // Random bytes.
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("<>/!-=\"' abcdhpt&#;x123\n".utf8)
        for _ in 0..<200 {
            let bytes = (0..<Int.random(in: 0..<200, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
            _ = HTMLParser.parse(bytes)
        }
    }
}
