import Engine
import Foundation
import Hummingbird
import ServiceLifecycle

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
                // Results and a heartbeat comment every `heartbeatSeconds`: writing to a client that
                // went away fails and ends the stream (else it would wait for the conversation's
                // close and hold up the server's shutdown). A graceful shutdown ends it too.
                for await item in Self.withHeartbeat(stream).cancelOnGracefulShutdown() {
                    switch item {
                    case .result(let r): try await writer.write(Self.event(r))
                    case .heartbeat: try await writer.write(ByteBuffer(string: ": ping\n\n"))
                    }
                }
                try await writer.finish(nil)
            })
        }
    }

    enum StreamItem: Sendable {
        case result(TurnResult)
        case heartbeat
    }

    static let heartbeatSeconds = 15

    /// `results` with a heartbeat between them; it ends when `results` ends or it is cancelled.
    static func withHeartbeat(_ results: AsyncStream<TurnResult>) -> AsyncStream<StreamItem> {
        let (merged, continuation) = AsyncStream<StreamItem>.makeStream(bufferingPolicy: .bufferingNewest(256))
        let forward = Task {
            for await r in results { continuation.yield(.result(r)) }
            continuation.finish()
        }
        let beat = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(heartbeatSeconds))
                continuation.yield(.heartbeat)
            }
        }
        continuation.onTermination = { _ in
            forward.cancel()
            beat.cancel()
        }
        return merged
    }

    /// One Server-Sent Event: `event: turn`, the turn number as id, the result as JSON.
    static func event(_ result: TurnResult) -> ByteBuffer {
        let json = String(decoding: JSON.encode(result), as: UTF8.self)
        return ByteBuffer(string: "event: turn\nid: \(result.turn)\ndata: \(json)\n\n")
    }
}
