import Foundation
import TestSupport
import XCTest

/// End-to-end tests of the built `switchboard` executable: exit codes, one-line errors, --json.
final class CLITests: TemporaryDirectoryTestCase {

    var binary: URL {
        // The test bundle sits next to the products of the same build.
        var url = Bundle.main.bundleURL
        while !FileManager.default.fileExists(atPath: url.appendingPathComponent("switchboard").path), url.path != "/" {
            url.deleteLastPathComponent()
        }
        return url.appendingPathComponent("switchboard")
    }

    struct Run { var status: Int32; var stdout: String; var stderr: String }

    /// Runs the binary with this process's environment, changed by `environment` (nil: unset).
    func run(_ args: [String], environment: [String: String?] = [:], directory: URL? = nil) throws -> Run {
        let p = Process()
        p.executableURL = binary
        if !environment.isEmpty {
            var env = ProcessInfo.processInfo.environment
            for (name, value) in environment { env[name] = value }
            p.environment = env
        }
        p.arguments = args
        p.currentDirectoryURL = directory ?? dir
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Run(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }

    /// A knowledge folder "kb" with these files (path → content) and an `eval/` folder that
    /// `.switchboardignore` keeps out of the knowledge (questions, not knowledge).
    func knowledgeFolder(_ files: [String: String]) throws -> URL {
        let kb = dir.appendingPathComponent("kb")
        try FileManager.default.createDirectory(at: kb.appendingPathComponent("eval"), withIntermediateDirectories: true)
        for (path, content) in files.merging([".switchboardignore": "eval/\n"], uniquingKeysWith: { a, _ in a }) {
            try Data(content.utf8).write(to: kb.appendingPathComponent(path))
        }
        return kb
    }

    func testBenchAnswerTimesEveryStageOnAKnowledgeFolder() throws {
        let kb = try knowledgeFolder([
            "charging.md": "# Charging\n\n## Home charger\n\nThe wallbox charges at 11 kW.\n\n## Public chargers\n\nFast chargers give 80% in 30 minutes.\n",
            "eval/questions.jsonl": "{\"question\": \"how fast is the wallbox\"}\n{\"question\": \"public fast charger time\"}\n",
        ])
        let bench = try run(["bench", "answer", "--knowledge", kb.path, "--rounds", "2", "--json"])
        XCTAssertEqual(bench.status, 0, bench.stderr)
        let report = try JSONSerialization.jsonObject(with: Data(bench.stdout.utf8)) as? [String: Any]
        let stages = (report?["stages"] as? [[String: Any]])?.compactMap { $0["stage"] as? String } ?? []
        for stage in ["answer", "turn", "search (hybrid, session)", "baseline: search (bm25)", "answer JSON (as served)"] {
            XCTAssertTrue(stages.contains(stage), "\(stage) missing: \(bench.stdout)")
        }
        XCTAssertEqual(report?["questions"] as? Int, 2)

        let bad = try run(["bench", "answer", "--knowledge", kb.path, "--rounds", "1"])
        XCTAssertEqual(bad.status, 2)
        XCTAssertTrue(bad.stderr.contains("--rounds"), bad.stderr)
        let empty = dir.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        let none = try run(["bench", "answer", "--knowledge", empty.path])
        XCTAssertEqual(none.status, 2, none.stderr)
        XCTAssertTrue(none.stderr.contains("no questions"), none.stderr)
    }

    /// `eval answers --json` (with `flags`) on `kb`: the report, and the raw output for messages.
    func evalAnswersReport(_ kb: URL, _ flags: [String] = []) throws -> (report: [String: Any], stdout: String) {
        let r = try run(["eval", "answers", "--knowledge", kb.path, "--json"] + flags)
        XCTAssertEqual(r.status, 0, r.stderr)
        return (try XCTUnwrap(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any], r.stdout), r.stdout)
    }

    /// `eval answers` grades each set and says what the answers came from: a document question
    /// answered by a FAQ holding the same fact counts as such, not as the document.
    func testEvalAnswersSaysWhatTheAnswersCameFrom() throws {
        let kb = try knowledgeFolder([
            "charging.md": "# Charging\n\n## Home charger\n\nThe wallbox charges the car at 11 kW overnight.\n\n## Public chargers\n\nFast chargers give 80% in 30 minutes.\n",
            "faqs.jsonl": "{\"id\": \"F1\", \"question\": \"How fast does the wallbox charge?\", \"answer\": \"The wallbox charges at 11 kW.\"}\n",
            "eval/questions.jsonl": "{\"question\": \"how fast does the wallbox charge\", \"expected_faq\": \"F1\"}\n",
            "eval/doc_questions.jsonl": "{\"question\": \"how long do public fast chargers take to reach 80%\", \"expected_doc\": \"charging.md\", \"expected_section\": \"Public chargers\"}\n",
        ])
        let (report, stdout) = try evalAnswersReport(kb)
        let sets = try XCTUnwrap(report["sets"] as? [[String: Any]])
        XCTAssertEqual(sets.compactMap { $0["set"] as? String }, ["faq questions", "document questions"])
        for set in sets {
            let by = try XCTUnwrap(set["answered_by"] as? [String: Int], "\(set)")
            let handedOff = try XCTUnwrap(set["handed_off"] as? Int)
            XCTAssertEqual(by.values.reduce(0, +) + handedOff, set["questions"] as? Int, "every question answered or handed off: \(set)")
            XCTAssertNotNil(set["document_correct"] as? Int)
        }
        XCTAssertEqual(sets[0]["answered_by"] as? [String: Int], ["faq": 1], stdout)
        XCTAssertNil(report["misses"], "misses are listed only when asked for")
    }

    /// `--misses` lists the questions the bot got wrong, with what it answered instead.
    func testEvalAnswersListsMisses() throws {
        let kb = try knowledgeFolder([
            "faqs.jsonl": "{\"id\": \"F1\", \"question\": \"How fast does the wallbox charge?\", \"answer\": \"The wallbox charges at 11 kW.\"}\n",
            "eval/questions.jsonl": "{\"question\": \"how fast does the wallbox charge\", \"expected_faq\": \"F9\"}\n",
        ])
        let (report, stdout) = try evalAnswersReport(kb, ["--misses"])
        let misses = try XCTUnwrap(report["misses"] as? [[String: Any]], stdout)
        XCTAssertEqual(misses.count, 1, stdout)
        XCTAssertEqual(misses.first?["question"] as? String, "how fast does the wallbox charge")
        XCTAssertEqual(misses.first?["expected"] as? String, "F9")
        XCTAssertEqual(misses.first?["set"] as? String, "faq questions")
        XCTAssertNotNil(misses.first?["kind"] as? String)

        let text = try run(["eval", "answers", "--knowledge", kb.path, "--misses"])
        XCTAssertEqual(text.status, 0, text.stderr)
        XCTAssertTrue(text.stdout.contains("faq questions: 1 missed"), text.stdout)
        XCTAssertTrue(text.stdout.contains("expected F9"), text.stdout)
    }

    /// Follow-up sessions are asked turn by turn; the last answer must hold the value, and the
    /// last question asked alone is the baseline.
    func testEvalAnswersAsksFollowUpsInOneSession() throws {
        let kb = try knowledgeFolder([
            "lexicon.jsonl": "{\"id\":\"model_e7\",\"name\":\"E7\",\"type\":\"model\"}\n{\"id\":\"model_e9\",\"name\":\"E9\",\"type\":\"model\"}\n",
            "e7.md": "# E7 Spec Sheet\n\n| Item | Value |\n|---|---|\n| Range (CLTC) | 650 km |\n",
            "e9.md": "# E9 Spec Sheet\n\n| Item | Value |\n|---|---|\n| Range (CLTC) | 720 km |\n",
            "faqs.jsonl": "{\"id\": \"F9\", \"question\": \"What about the E9?\", \"answer\": \"The E9 is our seven-seat SUV.\"}\n",
            "eval/followups.jsonl": """
                {"turns": ["What is the range of the E7?", "What about the E9?"], "expected_value": "720 km"}
                {"turns": ["What is the range of the E7?", "What about the E9?"], "expected_value": "1,720 km"}

                """,
        ])
        let (report, stdout) = try evalAnswersReport(kb, ["--misses"])
        let set = try XCTUnwrap((report["sets"] as? [[String: Any]])?.first { $0["set"] as? String == "follow-up questions" }, stdout)
        XCTAssertEqual(set["questions"] as? Int, 2)
        XCTAssertEqual(set["correct"] as? Int, 1, "720 km is not 1,720 km: \(set)")
        XCTAssertEqual(set["correct_asked_alone"] as? Int, 0, "\"What about the E9?\" alone is the FAQ's question")
        let misses = try XCTUnwrap(report["misses"] as? [[String: Any]], stdout)
        XCTAssertEqual(misses.map { $0["question"] as? String }, ["What is the range of the E7? → What about the E9?"])
        XCTAssertEqual(misses.first?["expected"] as? String, "1,720 km")

        let text = try run(["eval", "answers", "--knowledge", kb.path])
        XCTAssertTrue(text.stdout.contains("follow-up questions: 2 sessions  last answer holds the expected value 0.500 (asked alone, without the session: 0.000)"),
                      text.stdout)
    }

    /// An OpenBLAS that does not know this CPU model falls back to its Prescott (SSE3) kernels;
    /// `switchboard` then starts itself again with the kernels the CPU can run. (On a CPU that
    /// OpenBLAS knows, the first check holds anyway; the second shows the check can fail.)
    func testOpenBLASRunsKernelsThatFitTheCPU() throws {
        let flags = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?
            .split(separator: "\n").first { $0.hasPrefix("flags") }?.split(separator: " ").map(String.init) ?? []
        let plain = try run(["bench", "gemm", "--n", "64"], environment: ["OPENBLAS_CORETYPE": .none])
        XCTAssertEqual(plain.status, 0, plain.stderr)
        guard plain.stdout.contains("DYNAMIC_ARCH"), flags.contains("avx2"), flags.contains("fma") else {
            throw XCTSkip("not a dynamic-architecture OpenBLAS on an AVX2 CPU: \(plain.stdout)")
        }
        let config = plain.stdout.split(separator: "\n").first ?? ""
        XCTAssertFalse(config.contains(" Prescott "), plain.stdout)
        if plain.stdout.contains("OpenBLAS did not recognize") {
            XCTAssertTrue(plain.stdout.contains("restarted with OPENBLAS_CORETYPE=SkylakeX") || plain.stdout.contains("restarted with OPENBLAS_CORETYPE=Haswell"), plain.stdout)
        }
        let chosen = try run(["bench", "gemm", "--n", "64"], environment: ["OPENBLAS_CORETYPE": "Prescott"])
        XCTAssertTrue((chosen.stdout.split(separator: "\n").first ?? "").contains(" Prescott "), "the user's OPENBLAS_CORETYPE stands: \(chosen.stdout)")
        XCTAssertFalse(chosen.stdout.contains("OpenBLAS did not recognize"), chosen.stdout)
    }

    /// `answer` prints what POST /v1/answer returns; several questions share one session, so a
    /// follow-up ("and the price?") resolves by the model the first one named.
    func testAnswerMirrorsTheAnswerAPI() throws {
        let kb = try knowledgeFolder([
            "faqs.jsonl": """
            {"question": "How far can the Aurora go on one charge?", "answer": "The Aurora has a range of 520 km."}
            {"question": "How much does the Aurora cost?", "answer": "The Aurora starts at 32,000 euros."}
            {"question": "How much does the Borealis cost?", "answer": "The Borealis starts at 45,000 euros."}
            {"question": "How far can the Borealis go on one charge?", "answer": "The Borealis has a range of 610 km."}
            {"question": "极光售价多少？", "answer": "极光起售价32万元。"}
            {"question": "极光续航多少公里？", "answer": "极光续航520公里。"}
            {"question": "北辰售价多少？", "answer": "北辰起售价45万元。"}
            {"question": "北辰续航多少公里？", "answer": "北辰续航610公里。"}
            """,
        ])
        let data = dir.appendingPathComponent("data").path
        let imported = try run(["import", kb.path, "--data", data])
        XCTAssertEqual(imported.status, 0, imported.stderr)

        let one = try run(["answer", "What is the range of the Aurora?", "--json", "--data", data])
        XCTAssertEqual(one.status, 0, one.stderr)
        let r = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(one.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(r["answer"] as? String, "The Aurora has a range of 520 km.")
        XCTAssertEqual(r["kind"] as? String, "faq")
        XCTAssertEqual((r["sources"] as? [[String: Any]])?.first?["document_name"] as? String, "faqs.jsonl")
        XCTAssertNotNil(r["question_id"] as? String)

        let two = try run(["answer", "How much does the Borealis cost?", "and how far can it go on one charge?",
                           "--session", "s-1", "--json", "--data", data])
        XCTAssertEqual(two.status, 0, two.stderr)
        let rs = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(two.stdout.utf8)) as? [[String: Any]])
        XCTAssertEqual(rs.map { $0["session_id"] as? String }, ["s-1", "s-1"])
        XCTAssertEqual(rs.map { $0["answer"] as? String }, ["The Borealis starts at 45,000 euros.", "The Borealis has a range of 610 km."])

        let zh = try run(["answer", "北辰多少钱？", "续航呢？", "--json", "--data", data])
        XCTAssertEqual(zh.status, 0, zh.stderr)
        let zhs = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(zh.stdout.utf8)) as? [[String: Any]])
        XCTAssertEqual(zhs.map { $0["answer"] as? String }, ["北辰起售价45万元。", "北辰续航610公里。"])

        let plain = try run(["answer", "How much does the Aurora cost?", "--data", data])
        XCTAssertEqual(plain.status, 0, plain.stderr)
        XCTAssertTrue(plain.stdout.contains("The Aurora starts at 32,000 euros."), plain.stdout)
        XCTAssertTrue(plain.stdout.contains("source: faqs.jsonl"), plain.stdout)

        for args in [["answer", "   ", "--data", data], ["answer", "--data", data]] {
            let bad = try run(args)
            XCTAssertEqual(bad.status, 2, "\(args): \(bad.stdout)")
            XCTAssertEqual(bad.stderr.split(separator: "\n").filter { !$0.contains(" info ") }.count, 1, bad.stderr)
        }
    }

    func testImportSearchStatsDelete() throws {
        let kb = dir.appendingPathComponent("kb")
        try FileManager.default.createDirectory(at: kb, withIntermediateDirectories: true)
        try Data("# Charging\n\n## Home charger\n\nThe wallbox charges at 11 kW.\n".utf8).write(to: kb.appendingPathComponent("charging.md"))
        let data = dir.appendingPathComponent("data").path

        let imported = try run(["import", kb.path, "--data", data])
        XCTAssertEqual(imported.status, 0, imported.stderr)
        XCTAssertTrue(imported.stdout.contains("1 created"), imported.stdout)

        let search = try run(["search", "wallbox", "--json", "--data", data])
        XCTAssertEqual(search.status, 0, search.stderr)
        let json = try JSONSerialization.jsonObject(with: Data(search.stdout.utf8)) as! [String: Any]
        let hits = json["hits"] as! [[String: Any]]
        XCTAssertEqual(hits.first?["section"] as? String, "Home charger")
        // A misspelt word is mended against the knowledge (with a word list of its own here), and said so.
        let words = dir.appendingPathComponent("words.txt"), config = dir.appendingPathComponent("config.json")
        try Data("charges\n".utf8).write(to: words)
        try Data(#"{"search": {"spelling_words": "\#(words.path)"}}"#.utf8).write(to: config)
        let mended = try run(["search", "walbox", "--data", data, "--config", config.path])
        XCTAssertEqual(mended.status, 0, mended.stderr)
        XCTAssertTrue(mended.stdout.contains("showing results for \"wallbox\""), mended.stdout)
        XCTAssertTrue(mended.stdout.contains("Home charger"), mended.stdout)

        let stats = try run(["stats", "--json", "--data", data])
        let s = try JSONSerialization.jsonObject(with: Data(stats.stdout.utf8)) as! [String: Any]
        XCTAssertEqual(s["documents"] as? Int, 1)
        XCTAssertEqual(s["chunks"] as? Int, 1)

        let deleted = try run(["delete", "charging.md", "--data", data])
        XCTAssertEqual(deleted.status, 0, deleted.stderr)
        let after = try run(["stats", "--json", "--data", data])
        XCTAssertEqual((try JSONSerialization.jsonObject(with: Data(after.stdout.utf8)) as! [String: Any])["documents"] as? Int, 0)
    }

    func testEvalRepliesReadsTranscriptFiles() throws {
        var lines: [String] = [], csv = ["session,turn,speaker,text"]
        for s in 0..<6 {
            for (turn, (speaker, text)) in [("customer", "I need a taxi to the station."), ("agent", "What time would you like to leave?"),
                                            ("customer", "At 5 pm please."), ("agent", "Booked: a blue car, reference \(100 + s).")].enumerated() {
                lines.append(#"{"session":"s\#(s)","turn":\#(turn + 1),"speaker":"\#(speaker)","text":"\#(text)"}"#)
                csv.append("s\(s),\(turn + 1),\(speaker),\"\(text)\"")
            }
        }
        for (name, content) in [("turns.jsonl", lines), ("turns.csv", csv)] {
            let path = dir.appendingPathComponent(name).path
            try Data(content.joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: path))
            let r = try run(["eval", "replies", "--data", path, "--hold-out-every", "3", "--json"])
            XCTAssertEqual(r.status, 0, r.stderr)
            let m = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
            XCTAssertEqual(m["sessions"] as? Int, 6, name)
            XCTAssertEqual(m["heldOutSessions"] as? Int, 2, name)
            XCTAssertEqual(m["queries"] as? Int, 4, name)
            XCTAssertEqual(m["recallAt1"] as? Double, 1, name)      // the reference number is masked
            let bad = try run(["eval", "replies", "--data", path, "--hold-out-every", "1"])
            XCTAssertEqual(bad.status, 2)
            XCTAssertEqual(bad.stderr.split(separator: "\n").count, 1, bad.stderr)
        }
    }

    func testUserMistakesExitWithCode2AndOneLine() throws {
        let data = dir.appendingPathComponent("data").path
        let examples = dir.appendingPathComponent("examples.jsonl").path
        try Data(#"{"text":"good","label":"positive"}"#.utf8).write(to: URL(fileURLWithPath: examples))
        for args in [["import", "/no/such/file.md", "--data", data],
                     ["eval", "sentiment", "--train", examples, "--test", examples, "--dense-vectors", "bogus"],
                     ["eval", "intents", "--train", examples, "--test", examples, "--encoder", "/no/such/model", "--dense-weight", "1"],
                     ["search", "", "--data", data],
                     ["search", "x", "--limit", "0", "--data", data],
                     ["delete", "nothing", "--data", data],
                     ["frobnicate"]] {
            let r = try run(args)
            XCTAssertEqual(r.status, 2, "\(args): \(r.stderr)")
            XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, "\(args): one line, got \(r.stderr)")
        }
    }

    func testAFolderWithABadFileImportsTheGoodOnesAndExits2() throws {
        let kb = dir.appendingPathComponent("kb")
        try FileManager.default.createDirectory(at: kb, withIntermediateDirectories: true)
        try Data("# Good\n\ntext\n".utf8).write(to: kb.appendingPathComponent("good.md"))
        try Data([0x41, 0xC3, 0x28, 0xA0, 0xA1, 0x42]).write(to: kb.appendingPathComponent("bad.txt"))
        let data = dir.appendingPathComponent("data").path
        let r = try run(["import", kb.path, "--data", data])
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.stderr.contains("bad.txt"), r.stderr)
        XCTAssertTrue(r.stdout.contains("1 created"), r.stdout)
    }

    /// `serve` on a free port answers, then stops cleanly (exit 0) on SIGTERM.
    func testServeAnswersAndShutsDownGracefullyOnSIGTERM() throws {
        let p = Process()
        p.executableURL = binary
        p.arguments = ["serve", "--port", "0", "--data", dir.appendingPathComponent("data").path]
        p.currentDirectoryURL = dir
        let err = Pipe()
        p.standardError = err
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        // A failed check must not leave the server running after the test.
        defer { if p.isRunning { p.terminate(); p.waitUntilExit() } }
        var log = ""
        var port: Int?
        let deadline = Date().addingTimeInterval(20)
        while port == nil, Date() < deadline {
            let chunk = err.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            log += String(decoding: chunk, as: UTF8.self)
            if let range = log.range(of: #"listening on http://127\.0\.0\.1:(\d+)"#, options: .regularExpression) {
                port = Int(log[range].split(separator: ":").last!)
            }
        }
        let bound = try XCTUnwrap(port, "no listening line in: \(log)")
        let data = try Data(contentsOf: URL(string: "http://127.0.0.1:\(bound)/healthz")!)
        XCTAssertEqual(String(decoding: data, as: UTF8.self), #"{"status":"ok"}"#)
        // Run from a folder without Server/console, it still serves the checkout's console.
        let page = try Data(contentsOf: URL(string: "http://127.0.0.1:\(bound)/console/index.html")!)
        XCTAssertTrue(String(decoding: page, as: UTF8.self).contains("<html"))
        kill(p.processIdentifier, SIGTERM)
        p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 0)
    }

    /// Run from a folder without `Models/`, the binary still trains with the shipped model
    /// configurations (found beside the executable): training again from the checkout, where the
    /// working directory holds them, finds every model unchanged.
    func testTheShippedModelConfigurationsAreUsedFromAnyWorkingDirectory() throws {
        let kb = try knowledgeFolder([:])
        for sub in ["faqs", "intents", "sentiment"] {
            try FileManager.default.createDirectory(at: kb.appendingPathComponent(sub), withIntermediateDirectories: true)
        }
        try Data("""
            {"id": "F1", "question": "How long does the battery warranty last?", "similar": ["battery warranty years", "is the battery covered"], "answer": "Eight years or 160,000 km."}
            {"id": "F2", "question": "Where can I charge my car?", "similar": ["public chargers near me", "charging stations"], "answer": "At any public fast charger or at home."}
            """.utf8).write(to: kb.appendingPathComponent("faqs/faqs.jsonl"))
        let intents = ["book a service", "service appointment please", "I need a maintenance slot", "schedule my car service",
                       "what does the E7 cost", "price of the car", "how much is it", "E7 price list"]
        try Data(intents.enumerated().map { #"{"text": "\#($0.element)", "label": "\#($0.offset < 4 ? "booking" : "price")"}"# }
            .joined(separator: "\n").utf8).write(to: kb.appendingPathComponent("intents/intents.jsonl"))
        let feelings = [("great service, thank you", "positive"), ("I love this car", "positive"), ("very happy with it", "positive"),
                        ("this is terrible", "negative"), ("I am angry about the delay", "negative"), ("worst repair ever", "negative"),
                        ("the car is blue", "neutral"), ("I have a question", "neutral"), ("my car is an E7", "neutral")]
        try Data(feelings.map { #"{"text": "\#($0.0)", "sentiment": "\#($0.1)"}"# }.joined(separator: "\n").utf8)
            .write(to: kb.appendingPathComponent("sentiment/sentiment.jsonl"))
        let data = dir.appendingPathComponent("data").path
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent("Models").path))
        let imported = try run(["import", kb.path, "--data", data])
        XCTAssertEqual(imported.status, 0, imported.stderr)
        let checkout = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let train = try run(["train", "--json", "--data", data], directory: checkout)
        XCTAssertEqual(train.status, 0, train.stderr)
        let report = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(train.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(report["status"] as? String, "unchanged", train.stdout)
        XCTAssertEqual((report["intent"] as? [String: Any])?["status"] as? String, "unchanged", train.stdout)
        XCTAssertEqual((report["sentiment"] as? [String: Any])?["status"] as? String, "unchanged", train.stdout)
    }
}
