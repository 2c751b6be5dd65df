import Engine
import Foundation
import Hummingbird

/// Live agent assist: conversations, their turns, their event stream (Server-Sent Events) and close.
extension Routes {
    func registerConversations(on router: Router<AppRequestContext>) {
        router.post("/v1/conversations") { request, context in
            let buffer = try await collect(request)
            let start = buffer.readableBytes == 0 ? ConversationStart() : try JSON.decode(ConversationStart.self, from: buffer)
            return JSON.response(try context.engine.openConversation(start), status: .created)
        }
        router.get("/v1/conversations/{id}") { _, context in
            JSON.response(try context.engine.conversation(try context.parameters.require("id")))
        }
        router.post("/v1/conversations/{id}/turns") { request, context in
            let id = try context.parameters.require("id")
            let turn = try JSON.decode(ConversationTurn.self, from: try await collect(request))
            return JSON.response(try await blocking { try context.engine.addTurn(id, turn) })
        }
        router.post("/v1/conversations/{id}/close") { _, context in
            let id = try context.parameters.require("id")
            return JSON.response(try context.engine.closeConversation(id))
        }
        router.get("/v1/conversations/{id}/events") { _, context in
            let (past, stream) = try context.engine.watchConversation(try context.parameters.require("id"))
            var headers = HTTPFields()
            headers[.contentType] = "text/event-stream"
            headers[.cacheControl] = "no-cache"
            return Response(status: .ok, headers: headers, body: ResponseBody { writer in
                // A comment first, so that clients see the stream open before the first turn.
                try await writer.write(ByteBuffer(string: ": connected\n\n"))
                for r in past { try await writer.write(Self.event(r)) }
                for await r in stream { try await writer.write(Self.event(r)) }
                try await writer.finish(nil)
            })
        }
    }

    /// One Server-Sent Event: `event: turn`, the turn number as id, the result as JSON.
    static func event(_ result: TurnResult) -> ByteBuffer {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = (try? encoder.encode(result)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        return ByteBuffer(string: "event: turn\nid: \(result.turn)\ndata: \(json)\n\n")
    }
}
