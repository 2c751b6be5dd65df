import Foundation
import XCTest
@testable import Ingestion

final class FileWalkerTests: XCTestCase {
    var root: URL!

    override func setUpWithError() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("walker-\(UUID().uuidString)")
        let files = [
            "README.md", "docs/en/b.md", "docs/en/a.md", "docs/zh/c.md", "docs/zh/draft-1.tmp",
            "eval/gold.jsonl", "faqs/faq.csv", "faqs/eval/keep.csv", ".hidden.md", ".git/config",
            "docs/.cache/x.md", "private/secret.md", "notes/README.md", "scripts/make_docx.py",
        ]
        for file in files {
            let url = root.appendingPathComponent(file)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data("x".utf8).write(to: url)
        }
        let ignore = """
        # comment line
        README.md
        eval/
        *.tmp
        /private/
        scripts/*.py

        """
        try Data(ignore.utf8).write(to: root.appendingPathComponent(".switchboardignore"))
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: root)
    }

    func testCollectsSortedSkippingHiddenAndIgnored() throws {
        let files = try FileWalker.collect([root.path])
        XCTAssertEqual(files.map(\.name), ["docs/en/a.md", "docs/en/b.md", "docs/zh/c.md", "faqs/faq.csv"])
        XCTAssertEqual(files.first?.url.standardizedFileURL.path, root.appendingPathComponent("docs/en/a.md").standardizedFileURL.path)
    }

    func testSingleFileUsesLastComponentAndKeepsArgumentOrder() throws {
        let single = root.appendingPathComponent("docs/zh/c.md").path
        let files = try FileWalker.collect([single, root.appendingPathComponent("docs/en").path])
        XCTAssertEqual(files.map(\.name), ["c.md", "a.md", "b.md"])
    }

    func testMissingPathIsNotFound() {
        assertIngestionError(.notFound) { _ = try FileWalker.collect([self.root.appendingPathComponent("nope").path]) }
    }

    func testIgnoreRules() {
        let rules = IgnoreRules("README.md\neval/\n*.tmp\n/private/\ndocs/**/draft*\n!keep.tmp\n  # not a comment?\n")
        XCTAssertTrue(rules.isIgnored("README.md", isDirectory: false))
        XCTAssertTrue(rules.isIgnored("sub/README.md", isDirectory: false))
        XCTAssertTrue(rules.isIgnored("eval", isDirectory: true))
        XCTAssertTrue(rules.isIgnored("faqs/eval", isDirectory: true))
        XCTAssertFalse(rules.isIgnored("eval", isDirectory: false))
        XCTAssertTrue(rules.isIgnored("a/b/c.tmp", isDirectory: false))
        XCTAssertFalse(rules.isIgnored("keep.tmp", isDirectory: false))
        XCTAssertTrue(rules.isIgnored("private", isDirectory: true))
        XCTAssertFalse(rules.isIgnored("docs/private", isDirectory: true))
        XCTAssertTrue(rules.isIgnored("docs/en/deep/draft-2.md", isDirectory: false))
        XCTAssertTrue(rules.isIgnored("docs/draft.md", isDirectory: false))
        XCTAssertFalse(rules.isIgnored("other/draft.md", isDirectory: false))
        XCTAssertTrue(IgnoreRules.glob(Array("*.md")[...], Array("a.md")[...]))
        XCTAssertFalse(IgnoreRules.glob(Array("*.md")[...], Array("x/a.md")[...]))
        XCTAssertTrue(IgnoreRules.glob(Array("a?c")[...], Array("abc")[...]))
        let deep = IgnoreRules("**/tmp/cache\n**/old\n")
        XCTAssertTrue(deep.isIgnored("tmp/cache", isDirectory: true))
        XCTAssertTrue(deep.isIgnored("a/b/tmp/cache", isDirectory: true))
        XCTAssertFalse(deep.isIgnored("a/tmp/cache2", isDirectory: true))
        XCTAssertTrue(deep.isIgnored("x/old", isDirectory: false))
    }
}
