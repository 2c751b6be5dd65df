@testable import Engine
import Foundation
@testable import LinearAlgebra
import Logging
import XCTest

/// The engine with its self-trained encoder: trained from the knowledge, used by `vector` and
/// `hybrid` search, kept in step with imports and deletes, and skipped when nothing changed.
final class SemanticSearchTests: XCTestCase {
    var dir: URL!
    var engine: Engine!

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("semantic-tests-\(UUID().uuidString)")
        engine = try quietEngine(dir)
        let faqs = """
            {"id":"W","question":"How long is the warranty?","similar":["warranty period length","how many years of guarantee","guarantee duration"],"answer":"Four years or 120,000 km."}
            {"id":"C","question":"How do I charge the car at home?","similar":["home charging setup","charging from my garage","plug in at home"],"answer":"Install a wallbox; it charges at 11 kW."}
            {"id":"T","question":"What tyre pressure should I use?","similar":["correct tyre pressure","how much air in the tyres","inflate tires to what"],"answer":"2.5 bar when cold."}
            {"id":"B","question":"How do I book a service appointment?","similar":["schedule maintenance","make a service booking","reserve a workshop slot"],"answer":"Use the app or call the hotline."}
            """
        _ = try engine.importData(name: "faq.jsonl", data: Data(faqs.utf8), format: nil)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: dir)
    }

    func testTrainingIsFingerprintedAndSearchDefaultsToHybrid() throws {
        XCTAssertThrowsError(try engine.search(SearchRequest(query: "warranty", mode: "vector"))) { e in
            XCTAssertEqual((e as? EngineError)?.code, "vectors_unavailable")
        }
        XCTAssertEqual(try engine.train().status, "trained")
        XCTAssertEqual(try engine.train().status, "unchanged", "same knowledge, same config: no retraining")
        XCTAssertEqual(try engine.train(force: true).status, "trained")
        let r = try engine.search(SearchRequest(query: "guarantee years"))
        XCTAssertEqual(r.mode, "hybrid")
        XCTAssertEqual(r.hits.first?.faqID, "W")
        let v = try engine.search(SearchRequest(query: "how much air in the tyres", mode: "vector", explain: true))
        XCTAssertEqual(v.hits.first?.faqID, "T")
        XCTAssertNotNil(v.hits.first?.explanation)
    }

    func testHybridExplanationAddsUp() throws {
        try engine.train()
        let r = try engine.search(SearchRequest(query: "charging at home", mode: "hybrid", explain: true))
        let top = try XCTUnwrap(r.hits.first)
        XCTAssertEqual(top.faqID, "C")
        let e = try XCTUnwrap(top.explanation)
        XCTAssertEqual(e.value, top.score, accuracy: 1e-9)
        let fusionParts = e.details.filter { !$0.description.hasPrefix("BM25F") }
        XCTAssertEqual(fusionParts.map(\.value).reduce(0, +), top.score, accuracy: 1e-9)
    }

    func testNewAndDeletedDocumentsReachTheVectorsWithoutRetraining() throws {
        try engine.train()
        _ = try engine.search(SearchRequest(query: "warranty"))
        let more = #"{"id":"R","question":"Is roadside assistance free?","similar":["free towing","breakdown help cost"],"answer":"Yes, for four years."}"#
        _ = try engine.importData(name: "more.jsonl", data: Data(more.utf8), format: nil)
        let hit = try engine.search(SearchRequest(query: "is roadside assistance free", mode: "vector")).hits.first
        XCTAssertEqual(hit?.faqID, "R")
        _ = try engine.deleteDocument("more.jsonl")
        let after = try engine.search(SearchRequest(query: "is roadside assistance free", limit: 10, mode: "vector"))
        XCTAssertFalse(after.hits.contains { $0.faqID == "R" })
    }

    func testTheEncoderSurvivesARestart() throws {
        try engine.train()
        let reopened = try quietEngine(dir)
        XCTAssertEqual(try reopened.search(SearchRequest(query: "schedule maintenance")).mode, "hybrid")
        XCTAssertEqual(try reopened.train().status, "unchanged")
    }
}

final class VectorPersistenceTests: XCTestCase {
    func testTheVectorIndexIsSavedReusedAndRebuiltWhenStaleOrDamaged() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("vec-persist-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let engine = try quietEngine(dir)
        _ = try engine.importData(name: "a.md", data: Data("# Guide\n\nCharging at home with a wallbox.\n\n## Tyres\n\nTyre pressure 2.5 bar.\n".utf8), format: nil)
        try engine.warmUp()
        let file = dir.appendingPathComponent("index/vectors.bin")
        XCTAssertTrue(FileManager.default.fileExists(atPath: file.path))
        XCTAssertEqual(try engine.stats().vectors, 2)

        // A restart with the same knowledge reuses it; a damaged file is rebuilt, not fatal.
        try Data("garbage".utf8).write(to: file)
        let reopened = try quietEngine(dir)
        try reopened.warmUp()
        XCTAssertEqual(try reopened.stats().vectors, 2)
        XCTAssertEqual(try reopened.search(SearchRequest(query: "wallbox", mode: "vector")).hits.first?.section, "")
    }
}

final class RetrainPolicyTests: XCTestCase {
    /// `n` FAQs with ids `prefix0`... as JSONL (three wordings each).
    func faqs(_ prefix: String, _ n: Int) -> Data {
        Data((0..<n).map { #"{"id":"\#(prefix)\#($0)","question":"question \#(prefix) number \#($0)?","similar":["variant \#($0) of \#(prefix)"],"answer":"answer \#($0)"}"# }
            .joined(separator: "\n").utf8)
    }

    /// An engine on `dir` trained on 30 FAQs, with its encoder's fingerprint (12 characters).
    func trainedEngine(_ dir: URL) throws -> (Engine, String) {
        let engine = try quietEngine(dir)
        _ = try engine.importData(name: "a.jsonl", data: faqs("A", 30), format: nil)
        try engine.warmUp()
        return (engine, try XCTUnwrap(try engine.stats().encoder))
    }

    func testEnoughChangesRetrainInTheBackgroundAndSwapTheEncoder() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("retrain-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let (engine, before) = try trainedEngine(dir)
        XCTAssertFalse(engine.retrainIfStale(), "nothing changed since training")
        _ = try engine.importData(name: "b.jsonl", data: faqs("B", 5), format: nil)
        XCTAssertFalse(engine.retrainIfStale(), "5 new chunks: below the threshold, encoded with the current encoder")
        XCTAssertEqual(try engine.stats().vectors, 35 * 3)
        _ = try engine.importData(name: "c.jsonl", data: faqs("C", 25), format: nil)
        XCTAssertTrue(engine.retrainIfStale())
        let deadline = Date().addingTimeInterval(30)
        var after = before
        while after == before, Date() < deadline {
            Thread.sleep(forTimeInterval: 0.1)
            after = (try? engine.stats().encoder ?? before) ?? before
        }
        XCTAssertNotEqual(after, before, "a new encoder was swapped in")
        XCTAssertEqual(try engine.stats().vectors, 60 * 3)
    }

    /// A server shutting down stops a background retraining at its next epoch and waits for it;
    /// the model cut short is not saved, and no retraining starts afterwards.
    func testShutdownStopsABackgroundRetrainingUnsaved() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("retrain-stop-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir); TrainingStop.withdraw() }
        let (engine, before) = try trainedEngine(dir)
        let saved = try Data(contentsOf: ModelFiles.encoder(in: dir))
        _ = try engine.importData(name: "c.jsonl", data: faqs("C", 25), format: nil)
        XCTAssertTrue(engine.retrainIfStale())
        XCTAssertTrue(engine.finishBackgroundWork(waitingUpTo: 30), "the training stopped and was waited for")
        XCTAssertEqual(try engine.stats().encoder, before, "the encoder cut short was not swapped in")
        XCTAssertEqual(try Data(contentsOf: ModelFiles.encoder(in: dir)), saved, "nor saved")
        _ = try engine.importData(name: "d.jsonl", data: faqs("D", 40), format: nil)
        XCTAssertFalse(engine.retrainIfStale(), "no retraining starts once shutdown began")
    }

    func testBackgroundWorkCountsJobsAndClosesForNewOnes() {
        let work = BackgroundWork()
        XCTAssertTrue(work.wait(seconds: 0), "nothing running")
        XCTAssertTrue(work.begin())
        XCTAssertFalse(work.wait(seconds: 0.05), "a job is running")
        work.end()
        XCTAssertTrue(work.wait(seconds: 0))
        work.close()
        XCTAssertFalse(work.begin(), "closed: no new job")
        XCTAssertTrue(work.wait(seconds: 0))
    }
}
