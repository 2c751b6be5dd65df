import Engine
import Foundation
import TestSupport
import XCTest

/// Feedback teaching the reply suggester, gap clustering, hit counts and the summary.
final class FeedbackAnalyticsTests: TemporaryDirectoryTestCase {
    func transcripts() -> String {
        var lines: [String] = []
        func add(_ s: String, _ turns: [(String, String)]) {
            for (i, t) in turns.enumerated() {
                lines.append(#"{"session":"\#(s)","turn":\#(i + 1),"speaker":"\#(t.0)","text":"\#(t.1)"}"#)
            }
        }
        add("S1", [("customer", "my car will not start today, can you help"), ("agent", "Have you tried locking and unlocking the car with the app?")])
        add("S2", [("customer", "the car does not start this morning"), ("agent", "Have you tried locking and unlocking the car with the app?")])
        add("S3", [("customer", "how long does charging take"), ("agent", "About nine hours on an 11 kW wallbox.")])
        add("S4", [("customer", "where is my nearest dealer"), ("agent", "Which city are you in?")])
        return lines.joined(separator: "\n")
    }

    func testAnEditedReplyIsSuggestedFirstForTheSameTurnAndSurvivesARestart() throws {
        let data = dir.appendingPathComponent("data")
        var engine: Engine? = try quietEngine(data)
        _ = try engine!.importData(name: "turns.jsonl", data: Data(transcripts().utf8), format: nil)
        let turn = "my car won't start, what should I do"
        let request = SuggestRequest(turns: [ConversationTurn(speaker: "customer", text: turn)])
        let before = try engine!.suggestReplies(request).suggestions.map(\.text)
        XCTAssertEqual(before.first, "Have you tried locking and unlocking the car with the app?")

        let edited = "Please check the 12V battery first; I can send roadside assistance right away."
        let recorded = try engine!.recordFeedback(FeedbackRequest(kind: "suggestion_edited", sessionID: "c1", suggestionSource: "transcript:S1#2",
                                                                  text: before.first, editedText: edited, customerText: turn, actor: "agent-7"))
        XCTAssertTrue(recorded.learned)
        let after = try engine!.suggestReplies(request).suggestions.map(\.text)
        XCTAssertEqual(after.first, edited, "the edited reply now comes first: \(after)")
        XCTAssertTrue(after.contains(before[0]), "the old reply is still a candidate")

        engine = nil
        let reopened = try quietEngine(data)
        XCTAssertEqual(try reopened.suggestReplies(request).suggestions.first?.text, edited, "learned replies survive a restart")
        XCTAssertEqual(try reopened.analyticsSummary().feedback["suggestion_edited"], 1)
    }

    func testFeedbackOnAConversationLearnsItsLastCustomerTurn() throws {
        let engine = try quietEngine(dir.appendingPathComponent("data"))
        _ = try engine.importData(name: "turns.jsonl", data: Data(transcripts().utf8), format: nil)
        let conversation = try engine.openConversation(ConversationStart(channel: "phone", agentID: "agent-7"))
        _ = try engine.addTurn(conversation.id, ConversationTurn(speaker: "customer", text: "hello"))
        _ = try engine.addTurn(conversation.id, ConversationTurn(speaker: "agent", text: "Hello, how can I help?"))
        _ = try engine.addTurn(conversation.id, ConversationTurn(speaker: "customer", text: "my car won't start, what should I do"))
        let reply = "I am sending roadside assistance to your location now."
        let recorded = try engine.recordFeedback(FeedbackRequest(kind: "suggestion_accepted", sessionID: conversation.id, text: reply))
        XCTAssertEqual(recorded.customerText, "my car won't start, what should I do")
        let next = try engine.suggestReplies(SuggestRequest(turns: [ConversationTurn(speaker: "customer", text: "hello"),
                                                                    ConversationTurn(speaker: "agent", text: "Hello, how can I help?"),
                                                                    ConversationTurn(speaker: "customer", text: "my car won't start, what should I do")]))
        XCTAssertEqual(next.suggestions.first?.text, reply)
    }

    func testFeedbackValidation() throws {
        let engine = try quietEngine(dir.appendingPathComponent("data"))
        func code(_ r: FeedbackRequest) -> String? {
            do { _ = try engine.recordFeedback(r); return nil } catch { return error.engineCode }
        }
        XCTAssertEqual(code(FeedbackRequest(kind: "liked")), "invalid_kind")
        XCTAssertEqual(code(FeedbackRequest(kind: "suggestion_accepted", customerText: "hi")), "missing_text")
        XCTAssertEqual(code(FeedbackRequest(kind: "suggestion_accepted", text: "Hello!")), "missing_customer_text")
        XCTAssertEqual(code(FeedbackRequest(kind: "answer_rated")), "invalid_rating")
        XCTAssertEqual(code(FeedbackRequest(kind: "answer_rated", rating: FeedbackRating(9))), "invalid_rating")
        XCTAssertEqual(code(FeedbackRequest(kind: "answer_rated", rating: FeedbackRating(1), questionID: "q-nope")), "question_not_found")
        let q = engine.recordQuestion("is the E7 waterproof", sessionID: "s9", channel: "web", answered: true, confidence: 0.9, handoff: false, sources: [])
        XCTAssertNil(code(FeedbackRequest(kind: "answer_rated", rating: FeedbackRating(1), questionID: q)))
        // Without customer_text, the session's last logged question is the customer turn.
        let learned = try engine.recordFeedback(FeedbackRequest(kind: "suggestion_accepted", sessionID: "s9", text: "Yes, it is rated IP67."))
        XCTAssertEqual(learned.customerText, "is the E7 waterproof")
    }

    func testGapsGroupParaphrasesAndSeparateUnrelatedQuestions() throws {
        let engine = try quietEngine(dir.appendingPathComponent("data"))
        _ = try engine.importData(name: "notes.md", data: Data("# Notes\n\nThe E7 has a heat pump.\n".utf8), format: nil)
        let asked: [(String, Bool, Double)] = [
            ("How do I reset my account password?", false, 0), ("how can I reset the password of my account", false, 0.1),
            ("reset account password please", true, 0.2), ("Where is the nearest charging station?", false, 0),
            ("nearest charging station location", true, 0.3), ("Does the warranty cover the windscreen?", false, 0),
            ("What colour options does the E7 have?", true, 0.95),
        ]
        for (text, answered, confidence) in asked {
            engine.recordQuestion(text, sessionID: nil, channel: "web", answered: answered, confidence: confidence, handoff: !answered, sources: [])
        }
        _ = try engine.recordFeedback(FeedbackRequest(kind: "suggestion_rejected", text: "Which city are you in?",
                                                      customerText: "I forgot my account password, how to reset it"))
        let report = try engine.knowledgeGaps()
        XCTAssertEqual(report.questions, 7, "six gap questions and one rejected suggestion; the confident answer is not a gap")
        func cluster(of text: String) -> GapCluster? { report.clusters.first { $0.examples.contains(text) } }
        let password = try XCTUnwrap(cluster(of: "How do I reset my account password?"))
        XCTAssertEqual(password.size, 4, "\(report.clusters.map(\.examples))")
        XCTAssertEqual(password.reasons["rejected"], 1)
        let charging = try XCTUnwrap(cluster(of: "Where is the nearest charging station?"))
        XCTAssertEqual(charging.size, 2)
        XCTAssertNotEqual(password.id, charging.id)
        XCTAssertEqual(cluster(of: "Does the warranty cover the windscreen?")?.size, 1)
        XCTAssertNil(cluster(of: "What colour options does the E7 have?"))
        XCTAssertEqual(report.clusters.first?.id, password.id, "largest first")
        XCTAssertEqual(password.countsPerDay.values.reduce(0, +), 4)
        XCTAssertTrue(password.examples.contains(password.suggestedFAQ.question))
        XCTAssertEqual(password.suggestedFAQ.similar.count, 3)
        XCTAssertEqual(try engine.knowledgeGaps(minCount: 2).clusters.count, 2)
        XCTAssertTrue(try engine.knowledgeGaps(since: Date().timeIntervalSince1970 + 60).clusters.isEmpty)

        // "Create a FAQ from this cluster": the suggestion is a valid FAQ once it has an answer.
        var input = FAQInput(question: password.suggestedFAQ.question, similar: password.suggestedFAQ.similar)
        input.answer = "Open the Lanto app, tap Profile, then Reset password."
        let faq = try engine.createFAQ(input)
        XCTAssertEqual(try engine.search(SearchRequest(query: "forgot password reset")).hits.first?.faqID, faq.id)
    }

    func testHitCountsCountAnswerSourcesAndTopSearchHits() throws {
        let engine = try quietEngine(dir.appendingPathComponent("data"))
        let faqs = """
            {"id":"F1","question":"How long is the warranty?","answer":"Four years or 120,000 km."}
            {"id":"F2","question":"How fast does the E7 charge?","answer":"About nine hours at home."}
            """
        let doc = try engine.importData(name: "faqs.jsonl", data: Data(faqs.utf8), format: nil)
        let docID = try XCTUnwrap(doc.documentID)
        let search = try engine.search(SearchRequest(query: "warranty"))
        let top = try XCTUnwrap(search.hits.first)
        XCTAssertEqual(top.faqID, "F1")
        engine.recordSearch(search)
        engine.recordQuestion("warranty length?", sessionID: "a", channel: "app", answered: true, confidence: 0.8, handoff: false, sources: [top.chunkID])
        engine.recordQuestion("warranty?", sessionID: "b", channel: "app", answered: true, confidence: 0.8, handoff: false, sources: [top.chunkID, top.chunkID])
        let f2 = try XCTUnwrap(engine.search(SearchRequest(query: "charge E7")).hits.first)
        engine.recordQuestion("charging time", sessionID: "c", channel: "web", answered: true, confidence: 0.7, handoff: false, sources: [f2.chunkID])

        let byFAQ = try engine.hitCounts(kind: "faq")
        XCTAssertEqual(byFAQ.items.map(\.id), ["F1", "F2"])
        XCTAssertEqual(byFAQ.items[0].count, 3)
        XCTAssertEqual(byFAQ.items[0].answers, 2)
        XCTAssertEqual(byFAQ.items[0].searches, 1)
        XCTAssertEqual(byFAQ.items[0].name, "How long is the warranty?")
        let byDocument = try engine.hitCounts(kind: "document")
        XCTAssertEqual(byDocument.items.first?.id, docID)
        XCTAssertEqual(byDocument.items.first?.count, 4)
        XCTAssertEqual(byDocument.items.first?.name, "faqs.jsonl")
        XCTAssertEqual(try engine.hitCounts(kind: "chunk", limit: 1).items.map(\.id), [top.chunkID])
        XCTAssertThrowsError(try engine.hitCounts(kind: "page")) { XCTAssertEqual($0.engineCode, "invalid_kind") }

        let summary = try engine.analyticsSummary()
        XCTAssertEqual(summary.questions, 3)
        XCTAssertEqual(summary.answerRate, 1)
        XCTAssertEqual(summary.channels["app"], 2)
    }

    func testSummaryRatesAndTheLogSurvivesARestart() throws {
        let data = dir.appendingPathComponent("data")
        var engine: Engine? = try quietEngine(data)
        engine!.recordQuestion("a", sessionID: "s", channel: "web", answered: true, confidence: 0.9, handoff: false, sources: [], intent: "warranty", sentiment: "positive")
        engine!.recordQuestion("b", sessionID: "s", channel: "web", answered: false, confidence: 0.1, handoff: true, sources: [], intent: "warranty", sentiment: "negative")
        engine!.recordQuestion("c", sessionID: "t", channel: "phone", answered: true, confidence: 0.3, handoff: false, sources: [], intent: "charging")
        engine!.recordQuestion("d", sessionID: "t", channel: "phone", answered: false, confidence: 0, handoff: true, sources: [])
        _ = try engine!.recordFeedback(FeedbackRequest(kind: "suggestion_accepted", text: "Sure.", customerText: "can you help"))
        _ = try engine!.recordFeedback(FeedbackRequest(kind: "suggestion_rejected", text: "No."))
        _ = try engine!.recordFeedback(FeedbackRequest(kind: "answer_rated", sessionID: "t", rating: FeedbackRating(4)))
        engine!.flushAnalytics()
        engine = nil
        let summary = try quietEngine(data).analyticsSummary()
        XCTAssertEqual(summary.questions, 4)
        XCTAssertEqual(summary.answerRate, 0.5)
        XCTAssertEqual(summary.handoffRate, 0.5)
        XCTAssertEqual(summary.lowConfidence, 3)
        XCTAssertEqual(summary.topIntents.first?.intent, "warranty")
        XCTAssertEqual(summary.topIntents.first?.count, 2)
        XCTAssertEqual(summary.suggestionAcceptanceRate, 0.5)
        XCTAssertEqual(summary.averageRating, 4)
        XCTAssertEqual(summary.sentimentMix, ["positive": 1, "negative": 1])
        XCTAssertEqual(summary.perHour.count, 24)
        XCTAssertEqual(summary.perHour.last?.questions, 4, "all four were asked this hour")
        XCTAssertEqual(summary.perHour.map(\.questions).reduce(0, +), 4)
        XCTAssertEqual(try Engine.parseSince("2026-11-25"), 1_795_564_800)
        XCTAssertEqual(try Engine.parseSince("2026-11-25T00:00:01.5Z"), 1_795_564_801.5, "RFC 3339 fractional seconds")
        XCTAssertEqual(try Engine.parseSince("2026-11-25T01:00:00+01:00"), 1_795_564_800)
        XCTAssertThrowsError(try Engine.parseSince("1e300"), "a date past 9999 cannot be written back as RFC 3339")
        XCTAssertThrowsError(try Engine.parseSince("-1"))
        XCTAssertThrowsError(try Engine.parseSince("yesterday")) { XCTAssertEqual($0.engineCode, "invalid_since") }
    }
}

extension Error {
    var engineCode: String? { (self as? EngineError).map { $0.code } }
}
