import Engine
import Foundation
import Hummingbird

/// Feedback, knowledge-gap analytics, hit counts, and editing FAQs, intents, reply scripts and
/// synonyms (live in search and models within seconds).
extension Routes {
    struct DeletedBody: Codable { var deleted: String }

    struct IntentDeleted: Codable { var deleted: Int; var remaining: Int; var label: String }

    func registerKnowledge(on router: Router<AppRequestContext>) {
        registerFeedbackAndAnalytics(on: router)
        registerFAQs(on: router)
        registerIntentEditing(on: router)
        registerReplyEditing(on: router)
        registerSynonyms(on: router)
    }

    private func registerFeedbackAndAnalytics(on router: Router<AppRequestContext>) {
        router.post("/v1/feedback") { request, context in
            let body = try JSON.decode(FeedbackRequest.self, from: try await collect(request))
            return JSON.response(try await blocking { try context.engine.recordFeedback(body) }, status: .created)
        }
        router.get("/v1/analytics/gaps") { request, context in
            let since = try sinceParameter(request)
            let minCount = try intParameter(request, "min_count", default: 1, in: 1...1_000_000)
            let limit = try intParameter(request, "limit", default: 50, in: 1...1000)
            var similarity = 0.35
            if let raw = request.uri.queryParameters.get("similarity") {
                guard let v = Double(raw) else { throw APIError(.badRequest, code: "invalid_parameter", "'similarity' must be a number, got '\(raw)'") }
                similarity = v
            }
            let threshold = similarity
            return JSON.response(try await blocking { try context.engine.knowledgeGaps(since: since, minCount: minCount, similarity: threshold, limit: limit) })
        }
        router.get("/v1/analytics/hits") { request, context in
            let kind = request.uri.queryParameters.get("kind") ?? "document"
            let limit = try intParameter(request, "limit", default: 20, in: 1...1000)
            return JSON.response(try await blocking { try context.engine.hitCounts(kind: kind, limit: limit) })
        }
        router.get("/v1/analytics/summary") { request, context in
            let since = try sinceParameter(request)
            return JSON.response(try await blocking { try context.engine.analyticsSummary(since: since) })
        }
    }

    private func registerFAQs(on router: Router<AppRequestContext>) {
        router.get("/v1/faqs") { request, context in
            let limit = try intParameter(request, "limit", default: 100, in: 1...1000)
            let offset = try intParameter(request, "offset", default: 0, in: 0...Self.maxOffset)
            let q = request.uri.queryParameters.get("q")
            return JSON.response(try context.engine.listFAQs(query: q, limit: limit, offset: offset))
        }
        router.post("/v1/faqs") { request, context in
            let body = try JSON.decode(FAQInput.self, from: try await collect(request))
            return JSON.response(try await blocking { try context.engine.createFAQ(body) }, status: .created)
        }
        router.get("/v1/faqs/{id}") { _, context in
            JSON.response(try context.engine.faq(try context.parameters.require("id")))
        }
        router.put("/v1/faqs/{id}") { request, context in
            let id = try context.parameters.require("id")
            let body = try JSON.decode(FAQInput.self, from: try await collect(request))
            return JSON.response(try await blocking { try context.engine.updateFAQ(id, body) })
        }
        router.delete("/v1/faqs/{id}") { _, context in
            let id = try context.parameters.require("id")
            try await blocking { try context.engine.deleteFAQ(id) }
            return JSON.response(DeletedBody(deleted: id))
        }
    }

    private func registerIntentEditing(on router: Router<AppRequestContext>) {
        router.get("/v1/intents") { _, context in
            JSON.response(["intents": try context.engine.listIntents()])
        }
        router.post("/v1/intents") { request, context in
            let body = try JSON.decode(IntentInput.self, from: try await collect(request))
            let view = try await blocking { try context.engine.addIntentExamples(body) }
            try context.engine.retrainIfStale()
            return JSON.response(view, status: .created)
        }
        router.get("/v1/intents/{label}") { _, context in
            JSON.response(try context.engine.intent(try context.parameters.require("label")))
        }
        router.put("/v1/intents/{label}") { request, context in
            let label = try context.parameters.require("label")
            let body = try JSON.decode(IntentInput.self, from: try await collect(request))
            let view = try await blocking { try context.engine.replaceIntentExamples(label, body) }
            try context.engine.retrainIfStale()
            return JSON.response(view)
        }
        router.delete("/v1/intents/{label}") { _, context in
            let label = try context.parameters.require("label")
            let (deleted, remaining) = try await blocking { try context.engine.deleteIntent(label) }
            try context.engine.retrainIfStale()
            return JSON.response(IntentDeleted(deleted: deleted, remaining: remaining, label: label))
        }
    }

    private func registerReplyEditing(on router: Router<AppRequestContext>) {
        router.get("/v1/replies") { _, context in
            JSON.response(["replies": try context.engine.listReplies()])
        }
        router.post("/v1/replies") { request, context in
            let body = try JSON.decode(ReplyInput.self, from: try await collect(request))
            return JSON.response(try await blocking { try context.engine.createReply(body) }, status: .created)
        }
        router.get("/v1/replies/{id}") { _, context in
            JSON.response(try context.engine.reply(try context.parameters.require("id")))
        }
        router.put("/v1/replies/{id}") { request, context in
            let id = try context.parameters.require("id")
            let body = try JSON.decode(ReplyInput.self, from: try await collect(request))
            return JSON.response(try await blocking { try context.engine.updateReply(id, body) })
        }
        router.delete("/v1/replies/{id}") { _, context in
            let id = try context.parameters.require("id")
            try await blocking { try context.engine.deleteReply(id) }
            return JSON.response(DeletedBody(deleted: id))
        }
    }

    private func registerSynonyms(on router: Router<AppRequestContext>) {
        router.get("/v1/synonyms") { _, context in
            JSON.response(["synonyms": try context.engine.listSynonyms()])
        }
        router.post("/v1/synonyms") { request, context in
            let body = try JSON.decode(SynonymInput.self, from: try await collect(request))
            return JSON.response(try await blocking { try context.engine.createSynonyms(body) }, status: .created)
        }
        router.get("/v1/synonyms/{id}") { _, context in
            JSON.response(try context.engine.synonyms(try context.parameters.require("id")))
        }
        router.put("/v1/synonyms/{id}") { request, context in
            let id = try context.parameters.require("id")
            let body = try JSON.decode(SynonymInput.self, from: try await collect(request))
            return JSON.response(try await blocking { try context.engine.updateSynonyms(id, body) })
        }
        router.delete("/v1/synonyms/{id}") { _, context in
            let id = try context.parameters.require("id")
            try await blocking { try context.engine.deleteSynonyms(id) }
            return JSON.response(DeletedBody(deleted: id))
        }
    }

    /// The `since` query parameter (seconds, ISO 8601 date-time or date), nil when absent.
    func sinceParameter(_ request: Request) throws -> Double? {
        guard let raw = request.uri.queryParameters.get("since") else { return nil }
        return try Engine.parseSince(raw)
    }
}
