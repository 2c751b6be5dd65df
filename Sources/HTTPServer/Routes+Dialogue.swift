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
        router.post("/v1/answer") { request, context in
            let body = try JSON.decode(AnswerRequest.self, from: try await collect(request))
            return JSON.response(try await blocking { try context.engine.answer(body) })
        }
        router.post("/v1/intents/classify") { request, context in
            let body = try JSON.decode(TextBody.self, from: try await collect(request))
            return JSON.response(try context.engine.classifyIntent(body.text))
        }
        router.post("/v1/sentiment") { request, context in
            let body = try JSON.decode(SentimentBody.self, from: try await collect(request))
            return JSON.response(try context.engine.sentiment(text: body.text, turns: body.turns))
        }
        router.post("/v1/replies/suggest") { request, context in
            let body = try JSON.decode(SuggestRequest.self, from: try await collect(request))
            return JSON.response(try await blocking { try context.engine.suggestReplies(body) })
        }
    }
}
