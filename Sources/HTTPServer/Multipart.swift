import Foundation

/// A small multipart/form-data reader (RFC 7578): enough for file uploads from browsers and curl.
enum Multipart {
    struct Part: Sendable {
        var name: String?
        var filename: String?
        var contentType: String?
        var data: Data
    }

    static func parse(body: Data, contentType: String) throws -> [Part] {
        guard let boundary = parameter("boundary", in: contentType), !boundary.isEmpty else {
            throw APIError(.badRequest, code: "invalid_multipart", "multipart/form-data without a boundary")
        }
        let delimiter = Data("--\(boundary)".utf8)
        var parts: [Part] = []
        var cursor = body.startIndex
        guard let first = body.range(of: delimiter, in: cursor..<body.endIndex) else {
            throw APIError(.badRequest, code: "invalid_multipart", "the multipart body does not contain its boundary")
        }
        cursor = first.upperBound
        while true {
            // After a delimiter: "--" ends the body, otherwise CRLF and a part follow.
            if body[cursor...].starts(with: Data("--".utf8)) { break }
            guard let headerStart = skipLineBreak(body, cursor),
                  let headerEnd = body.range(of: Data("\r\n\r\n".utf8), in: headerStart..<body.endIndex) else {
                throw APIError(.badRequest, code: "invalid_multipart", "a multipart part has no header block")
            }
            let headers = String(decoding: body[headerStart..<headerEnd.lowerBound], as: UTF8.self)
            guard let next = body.range(of: Data("\r\n".utf8) + delimiter, in: headerEnd.upperBound..<body.endIndex) else {
                throw APIError(.badRequest, code: "invalid_multipart", "a multipart part is not terminated by the boundary")
            }
            var part = Part(name: nil, filename: nil, contentType: nil, data: Data(body[headerEnd.upperBound..<next.lowerBound]))
            for line in headers.components(separatedBy: "\r\n") {
                let lower = line.lowercased()
                if lower.hasPrefix("content-disposition:") {
                    part.name = parameter("name", in: line)
                    part.filename = parameter("filename", in: line)
                } else if lower.hasPrefix("content-type:") {
                    part.contentType = String(line.dropFirst("content-type:".count)).trimmingCharacters(in: .whitespaces)
                }
            }
            parts.append(part)
            cursor = next.upperBound
        }
        return parts
    }

    private static func skipLineBreak(_ data: Data, _ i: Data.Index) -> Data.Index? {
        if data[i...].starts(with: Data("\r\n".utf8)) { return i + 2 }
        if data[i...].starts(with: Data("\n".utf8)) { return i + 1 }
        return nil
    }

    /// Reads `key=value` or `key="value"` from a header line.
    static func parameter(_ key: String, in header: String) -> String? {
        for piece in header.split(separator: ";") {
            let kv = piece.split(separator: "=", maxSplits: 1)
            guard kv.count == 2, kv[0].trimmingCharacters(in: .whitespaces).lowercased() == key else { continue }
            var value = kv[1].trimmingCharacters(in: .whitespaces)
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            return value
        }
        return nil
    }
}
