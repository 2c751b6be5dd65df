import Engine
import Foundation
import Hummingbird
import KnowledgeModel

/// `POST /v1/documents`: a JSON body `{"name","format"?,"content"}` (or `content_base64` for
/// binary files such as DOCX), or a multipart/form-data upload of one or more files.
struct DocumentUpload {
    let engine: Engine

    struct JSONBody: Decodable {
        var name: String
        var format: String?
        var content: String?
        var contentBase64: String?

        enum CodingKeys: String, CodingKey {
            case name, format, content, contentBase64 = "content_base64"
        }
    }

    func handle(_ request: Request, body: ByteBuffer) async throws -> Response {
        let contentType = request.headers[.contentType] ?? ""
        if contentType.lowercased().hasPrefix("multipart/form-data") {
            return try await multipart(contentType: contentType, body: body)
        }
        guard contentType.isEmpty || contentType.lowercased().contains("json") else {
            throw APIError(.unsupportedMediaType, code: "unsupported_media_type",
                           "send application/json {\"name\",\"format\",\"content\"} or multipart/form-data; got \(contentType)")
        }
        let upload = try JSON.decode(JSONBody.self, from: body)
        let format = try Self.format(upload.format)
        let data: Data
        if upload.content != nil && upload.contentBase64 != nil {
            throw APIError(.badRequest, code: "ambiguous_content", "give the file in 'content' (text) or in 'content_base64', not both")
        }
        if let text = upload.content {
            data = Data(text.utf8)
        } else if let b64 = upload.contentBase64 {
            guard let decoded = Data(base64Encoded: b64, options: .ignoreUnknownCharacters) else {
                throw APIError(.badRequest, code: "invalid_base64", "content_base64 is not valid base64")
            }
            data = decoded
        } else {
            throw APIError(.badRequest, code: "missing_content", "give the file in 'content' (text) or 'content_base64'")
        }
        let name = upload.name
        // Text given without a format under a name without an extension ("Return policy") is plain
        // text when its content does not say otherwise.
        let plainText = upload.content != nil
        let result = try await blocking { try engine.importData(name: name, data: data, format: format, plainTextWhenUnknown: plainText) }
        engine.retrainIfStale()
        return JSON.response(result, status: result.status == .created ? .created : .ok)
    }

    func multipart(contentType: String, body: ByteBuffer) async throws -> Response {
        let parts = try Multipart.parse(body: Data(body.readableBytesView), contentType: contentType)
        let formatField = parts.first { $0.name == "format" && $0.filename == nil }.map { String(decoding: $0.data, as: UTF8.self) }
        let format = try Self.format(formatField)
        let files = parts.filter { $0.filename != nil }
        guard !files.isEmpty else { throw APIError(.badRequest, code: "missing_file", "the multipart body has no file part") }
        var results: [FileImportResult] = []
        for part in files {
            let name = part.filename ?? "upload"
            do {
                results.append(try await blocking { try engine.importData(name: name, data: part.data, format: format) })
            } catch let e as EngineError {
                if files.count == 1 { throw e }
                results.append(FileImportResult(name: name, status: .failed, documentID: nil, format: nil, chunks: 0, records: 0,
                                                bytes: part.data.count, error: ErrorBody(code: e.code, message: e.message)))
            }
        }
        engine.retrainIfStale()
        if files.count == 1 { return JSON.response(results[0], status: results[0].status == .created ? .created : .ok) }
        return JSON.response(["files": results])
    }

    static func format(_ name: String?) throws -> DocumentFormat? {
        guard let name, !name.isEmpty else { return nil }
        guard let f = DocumentFormat(rawValue: name) else {
            let all = DocumentFormat.allCases.map(\.rawValue).joined(separator: ", ")
            throw APIError(.unsupportedMediaType, code: "unknown_format", "format '\(name)' is not one of \(all)")
        }
        return f
    }
}
