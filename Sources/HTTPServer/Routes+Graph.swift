import Engine
import Foundation
import Graph
import Hummingbird

/// The knowledge graph's routes: lookups, neighbours, paths, subgraphs, facts, the edit log,
/// candidate terms, export and import.
extension Routes {
    struct ImportBody: Decodable {
        var name: String
        var format: String
        var content: String
        var relationships: String?
    }

    struct Actor: Decodable { var actor: String? }

    func registerGraph(on router: Router<AppRequestContext>) {
        router.get("/v1/graph/entities") { request, context in
            let q = request.uri.queryParameters.get("q") ?? ""
            let limit = try intParameter(request, "limit", default: 20, in: 1...200)
            return JSON.response(["entities": try context.engine.graphEntities(query: q, limit: limit)])
        }
        router.get("/v1/graph/entities/{id}") { _, context in
            JSON.response(try context.engine.graphEntity(try context.parameters.require("id")))
        }
        router.get("/v1/graph/entities/{id}/neighbors") { request, context in
            let hops = try intParameter(request, "hops", default: 1, in: 1...4)
            return JSON.response(["neighbors": try context.engine.graphNeighbors(try context.parameters.require("id"), hops: hops)])
        }
        router.get("/v1/graph/entities/{id}/facts") { request, context in
            let attribute = request.uri.queryParameters.get("attribute")
            return JSON.response(["facts": try context.engine.graphFacts(entity: try context.parameters.require("id"), attribute: attribute)])
        }
        router.get("/v1/graph/paths") { request, context in
            guard let from = request.uri.queryParameters.get("from"), let to = request.uri.queryParameters.get("to") else {
                throw APIError(.badRequest, code: "missing_parameter", "give both 'from' and 'to' entity ids")
            }
            return JSON.response(["path": try context.engine.graphPath(from: from, to: to)])
        }
        router.get("/v1/graph/subgraph") { request, context in
            let ids = (request.uri.queryParameters.get("ids") ?? "").split(separator: ",").map(String.init)
            let hops = try intParameter(request, "hops", default: 1, in: 0...3)
            return JSON.response(try context.engine.graphSubgraph(ids, hops: hops))
        }
        router.get("/v1/graph/candidates") { request, context in
            let limit = try intParameter(request, "limit", default: 50, in: 1...500)
            return JSON.response(["candidates": try await blocking { try context.engine.graphCandidates(limit: limit) }])
        }
        router.get("/v1/graph/merge-proposals") { request, context in
            let limit = try intParameter(request, "limit", default: 50, in: 1...500)
            return JSON.response(["proposals": try await blocking { try context.engine.graphMergeProposals(limit: limit) }])
        }
        router.get("/v1/graph/edits") { request, context in
            let limit = try intParameter(request, "limit", default: 100, in: 1...1000)
            return JSON.response(["edits": try context.engine.graphEditLog(limit: limit)])
        }
        router.post("/v1/graph/edits") { request, context in
            let body = try await collect(request)
            let edit = try JSON.decode(GraphEdit.self, from: body)
            // With API keys the key's name is who edited; in --dev mode the claimed name.
            let claimed = try JSON.decode(Actor.self, from: body).actor ?? request.headers[.init("X-Actor")!] ?? "api"
            let actor = context.actor(claimed: claimed)
            let applied = try await blocking { try context.engine.editGraph(edit, actor: actor) }
            return JSON.response(applied, status: .created)
        }
        router.get("/v1/graph/export") { request, context in
            let format = request.uri.queryParameters.get("format") ?? "json"
            let (contentType, data) = try context.engine.exportGraph(format: format)
            var headers = HTTPFields()
            headers[.contentType] = contentType
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
        }
        router.post("/v1/graph/import") { request, context in
            let body = try JSON.decode(ImportBody.self, from: try await collect(request))
            let result = try await blocking {
                try context.engine.importGraph(name: body.name, format: body.format, data: Data(body.content.utf8),
                                       relationships: body.relationships.map { Data($0.utf8) })
            }
            return JSON.response(result, status: result.status == .unchanged ? .ok : .created)
        }
    }
}
