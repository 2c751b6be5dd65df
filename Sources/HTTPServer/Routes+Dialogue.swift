import Engine
import Foundation
import Hummingbird

/// Understanding a conversation: intent, sentiment, reply suggestions.
extension Routes {
    struct TextBody: Decodable { var text: String }

    struct SentimentBody: Decodable {
        var text: String?
        var turns: [ConversationTurn]?
    }

    func registerDialogue(on router: Router<AppRequestContext>) {
        router.post("/v1/answer") { request, _ in
            let body = try JSON.decode(AnswerRequest.self, from: try await collect(request))
            return JSON.response(try await blocking { try engine.answer(body) })
        }
        router.post("/v1/intents/classify") { request, _ in
            let body = try JSON.decode(TextBody.self, from: try await collect(request))
            return JSON.response(try engine.classifyIntent(body.text))
        }
        router.post("/v1/sentiment") { request, _ in
            let body = try JSON.decode(SentimentBody.self, from: try await collect(request))
            return JSON.response(try engine.sentiment(text: body.text, turns: body.turns))
        }
        router.post("/v1/replies/suggest") { request, _ in
            let body = try JSON.decode(SuggestRequest.self, from: try await collect(request))
            return JSON.response(try await blocking { try engine.suggestReplies(body) })
        }
    }
}
