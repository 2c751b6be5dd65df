import Foundation
import Hummingbird
import KnowledgeModel

/// JSON encoding and decoding for the API, in one place.
enum JSON {
    static func response(_ value: some Encodable, status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: encode(value))))
    }

    /// A response body: `StreamingJSON`, or `JSONEncoder` for what it does not handle.
    static func encode(_ value: some Encodable) -> [UInt8] {
        if let bytes = try? StreamingJSON.encode(value) { return bytes }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array((try? encoder.encode(value)) ?? Data(#"{"error":{"code":"internal","message":"encoding failed"}}"#.utf8))
    }

    /// Decodes a request body, turning every failure into a 400 that says what is wrong.
    static func decode<T: Decodable>(_ type: T.Type, from buffer: ByteBuffer) throws -> T {
        guard buffer.readableBytes > 0 else { throw APIError(.badRequest, code: "empty_body", "the request body is empty; expected JSON") }
        var data = Data(buffer.readableBytesView)
        // The store cannot keep a NUL (it reads strings back cut there): it becomes U+FFFD.
        if data.withUnsafeBytes({ JSONEscapes.firstNUL(in: $0) }) != nil {
            var bytes = [UInt8](data)
            JSONEscapes.replaceNULs(in: &bytes)
            data = Data(bytes)
        }
        do {
            return try JSONDecoder().decode(T.self, from: data)
        } catch let e as DecodingError {
            throw APIError(.badRequest, code: "invalid_json", describe(e, body: data))
        }
    }

    /// `describe(e)`, but a top-level "not valid JSON" from a body that is JSON says what it is:
    /// Foundation's decoder reports an integer beyond 64 bits that way, without the field.
    static func describe(_ e: DecodingError, body: Data) -> String {
        if case .dataCorrupted(let ctx) = e, ctx.codingPath.isEmpty,
           (try? JSONSerialization.jsonObject(with: body, options: [.fragmentsAllowed])) != nil {
            return "a number in the body is out of range (integers must fit in 64 bits)"
        }
        return describe(e)
    }

    static func describe(_ e: DecodingError) -> String {
        func path(_ c: [any CodingKey]) -> String {
            c.isEmpty ? "body" : c.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        }
        switch e {
        case .keyNotFound(let key, let ctx): return "missing field '\(path(ctx.codingPath + [key]))'"
        case .typeMismatch(let t, let ctx): return "field '\(path(ctx.codingPath))' should be \(t)"
        case .valueNotFound(let t, let ctx): return "field '\(path(ctx.codingPath))' should be \(t), got null"
        case .dataCorrupted(let ctx):
            return ctx.codingPath.isEmpty ? "the body is not valid JSON" : "field '\(path(ctx.codingPath))': \(ctx.debugDescription)"
        @unknown default: return "invalid JSON"
        }
    }
}
