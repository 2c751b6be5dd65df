import Engine
import Foundation
import Hummingbird
import KnowledgeModel

/// The routes of the API. Each handler validates its input, calls the engine and returns
/// JSON; every error becomes `{"error":{"code","message"}}` in `ErrorMiddleware`.
struct Routes: Sendable {
    let settings: ServerSettings

    func register(on router: Router<AppRequestContext>) {
        router.get("/healthz") { _, context in JSON.response(["status": "ok"]) }
        router.get("/readyz") { _, context in JSON.response(["status": "ready"]) }
        router.get("/v1/stats") { _, context in JSON.response(try context.engine.stats()) }
        router.post("/v1/search") { request, context in
            let body = try await collect(request)
            let search = try JSON.decode(SearchRequest.self, from: body)
            let result = try context.engine.search(search)
            try context.engine.recordSearch(result)
            return JSON.response(result)
        }
        router.get("/v1/documents") { _, context in
            JSON.response(DocumentList(documents: try context.engine.documents()))
        }
        router.get("/v1/documents/{id}") { _, context in
            let id = try context.parameters.require("id")
            let (doc, chunks) = try context.engine.document(id)
            return JSON.response(DocumentDetail(document: doc, chunks: chunks.map(ChunkView.init)))
        }
        router.delete("/v1/documents/{id}") { _, context in
            let id = try context.parameters.require("id")
            let deleted = try await blocking { try context.engine.deleteDocument(id) }
            try context.engine.retrainIfStale()
            return JSON.response(["deleted": deleted])
        }
        registerGraph(on: router)
        registerDialogue(on: router)
        registerConversations(on: router)
        registerKnowledge(on: router)
        registerConsole(on: router)
        registerService(on: router)
        router.post("/v1/documents") { request, context in
            try await DocumentUpload(engine: context.engine).handle(request, body: try await collect(request))
        }
    }

    /// The largest offset a listing takes (2³¹ − 1, as the spec states).
    static let maxOffset = Int(Int32.max)

    func collect(_ request: Request) async throws -> ByteBuffer {
        try await request.body.collect(upTo: settings.maxBodyBytes)
    }
}

struct DocumentList: Codable { var documents: [DocumentInfo] }

struct DocumentDetail: Codable {
    var document: DocumentInfo
    var chunks: [ChunkView]
}

/// A chunk as `GET /v1/documents/{id}` shows it.
struct ChunkView: Codable {
    var id: String
    var ordinal: Int
    var kind: String
    var title: String
    var section: String
    var sectionPath: [String]
    var text: String
    var faqID: String?
    var question: String?
    var similarQuestions: [String]
    var tags: [String]

    enum CodingKeys: String, CodingKey {
        case id, ordinal, kind, title, section, sectionPath = "section_path", text
        case faqID = "faq_id", question, similarQuestions = "similar_questions", tags
    }

    init(_ c: Chunk) {
        id = c.id
        ordinal = c.ordinal
        kind = c.kind.rawValue
        title = c.title
        section = c.section
        sectionPath = c.sectionPath
        text = c.text
        faqID = c.faqID
        question = c.question
        similarQuestions = c.similarQuestions
        tags = c.tags
    }
}

/// An integer query parameter, `fallback` when absent; a value that is not a whole number in
/// `range` (the range Server/openapi.yaml gives the parameter) is a 400.
func intParameter(_ request: Request, _ name: String, default fallback: Int, in range: ClosedRange<Int>) throws -> Int {
    guard let raw = request.uri.queryParameters.get(name) else { return fallback }
    guard let n = Int(raw), range.contains(n) else {
        throw APIError(.badRequest, code: "invalid_parameter",
                       "'\(name)' must be a whole number from \(range.lowerBound) to \(range.upperBound), got '\(raw)'")
    }
    return n
}
