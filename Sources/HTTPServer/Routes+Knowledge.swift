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
        router.post("/v1/feedback") { request, _ in
            let body = try JSON.decode(FeedbackRequest.self, from: try await collect(request))
            return JSON.response(try await blocking { try engine.recordFeedback(body) }, status: .created)
        }
        router.get("/v1/analytics/gaps") { request, _ in
            let since = try sinceParameter(request)
            let minCount = try intParameter(request, "min_count") ?? 1
            let limit = try intParameter(request, "limit") ?? 50
            var similarity = 0.35
            if let raw = request.uri.queryParameters.get("similarity") {
                guard let v = Double(raw) else { throw APIError(.badRequest, code: "invalid_parameter", "'similarity' must be a number, got '\(raw)'") }
                similarity = v
            }
            let threshold = similarity
            return JSON.response(try await blocking { try engine.knowledgeGaps(since: since, minCount: minCount, similarity: threshold, limit: limit) })
        }
        router.get("/v1/analytics/hits") { request, _ in
            let kind = request.uri.queryParameters.get("kind") ?? "document"
            let limit = try intParameter(request, "limit") ?? 20
            return JSON.response(try await blocking { try engine.hitCounts(kind: kind, limit: limit) })
        }
        router.get("/v1/analytics/summary") { request, _ in
            let since = try sinceParameter(request)
            return JSON.response(try await blocking { try engine.analyticsSummary(since: since) })
        }
    }

    private func registerFAQs(on router: Router<AppRequestContext>) {
        router.get("/v1/faqs") { request, _ in
            let limit = try intParameter(request, "limit") ?? 100
            let offset = try intParameter(request, "offset") ?? 0
            let q = request.uri.queryParameters.get("q")
            return JSON.response(try engine.listFAQs(query: q, limit: limit, offset: offset))
        }
        router.post("/v1/faqs") { request, _ in
            let body = try JSON.decode(FAQInput.self, from: try await collect(request))
            return JSON.response(try await blocking { try engine.createFAQ(body) }, status: .created)
        }
        router.get("/v1/faqs/{id}") { _, context in
            JSON.response(try engine.faq(try context.parameters.require("id")))
        }
        router.put("/v1/faqs/{id}") { request, context in
            let id = try context.parameters.require("id")
            let body = try JSON.decode(FAQInput.self, from: try await collect(request))
            return JSON.response(try await blocking { try engine.updateFAQ(id, body) })
        }
        router.delete("/v1/faqs/{id}") { _, context in
            let id = try context.parameters.require("id")
            try await blocking { try engine.deleteFAQ(id) }
            return JSON.response(DeletedBody(deleted: id))
        }
    }

    private func registerIntentEditing(on router: Router<AppRequestContext>) {
        router.get("/v1/intents") { _, _ in
            JSON.response(["intents": try engine.listIntents()])
        }
        router.post("/v1/intents") { request, _ in
            let body = try JSON.decode(IntentInput.self, from: try await collect(request))
            let view = try await blocking { try engine.addIntentExamples(body) }
            engine.retrainIfStale()
            return JSON.response(view, status: .created)
        }
        router.get("/v1/intents/{label}") { _, context in
            JSON.response(try engine.intent(try context.parameters.require("label")))
        }
        router.put("/v1/intents/{label}") { request, context in
            let label = try context.parameters.require("label")
            let body = try JSON.decode(IntentInput.self, from: try await collect(request))
            let view = try await blocking { try engine.replaceIntentExamples(label, body) }
            engine.retrainIfStale()
            return JSON.response(view)
        }
        router.delete("/v1/intents/{label}") { _, context in
            let label = try context.parameters.require("label")
            let (deleted, remaining) = try await blocking { try engine.deleteIntent(label) }
            engine.retrainIfStale()
            return JSON.response(IntentDeleted(deleted: deleted, remaining: remaining, label: label))
        }
    }

    private func registerReplyEditing(on router: Router<AppRequestContext>) {
        router.get("/v1/replies") { _, _ in
            JSON.response(["replies": try engine.listReplies()])
        }
        router.post("/v1/replies") { request, _ in
            let body = try JSON.decode(ReplyInput.self, from: try await collect(request))
            return JSON.response(try await blocking { try engine.createReply(body) }, status: .created)
        }
        router.get("/v1/replies/{id}") { _, context in
            JSON.response(try engine.reply(try context.parameters.require("id")))
        }
        router.put("/v1/replies/{id}") { request, context in
            let id = try context.parameters.require("id")
            let body = try JSON.decode(ReplyInput.self, from: try await collect(request))
            return JSON.response(try await blocking { try engine.updateReply(id, body) })
        }
        router.delete("/v1/replies/{id}") { _, context in
            let id = try context.parameters.require("id")
            try await blocking { try engine.deleteReply(id) }
            return JSON.response(DeletedBody(deleted: id))
        }
    }

    private func registerSynonyms(on router: Router<AppRequestContext>) {
        router.get("/v1/synonyms") { _, _ in
            JSON.response(["synonyms": try engine.listSynonyms()])
        }
        router.post("/v1/synonyms") { request, _ in
            let body = try JSON.decode(SynonymInput.self, from: try await collect(request))
            return JSON.response(try await blocking { try engine.createSynonyms(body) }, status: .created)
        }
        router.get("/v1/synonyms/{id}") { _, context in
            JSON.response(try engine.synonyms(try context.parameters.require("id")))
        }
        router.put("/v1/synonyms/{id}") { request, context in
            let id = try context.parameters.require("id")
            let body = try JSON.decode(SynonymInput.self, from: try await collect(request))
            return JSON.response(try await blocking { try engine.updateSynonyms(id, body) })
        }
        router.delete("/v1/synonyms/{id}") { _, context in
            let id = try context.parameters.require("id")
            try await blocking { try engine.deleteSynonyms(id) }
            return JSON.response(DeletedBody(deleted: id))
        }
    }

    /// The `since` query parameter (seconds, ISO 8601 date-time or date), nil when absent.
    func sinceParameter(_ request: Request) throws -> Double? {
        guard let raw = request.uri.queryParameters.get("since"), !raw.isEmpty else { return nil }
        return try Engine.parseSince(raw)
    }
}
