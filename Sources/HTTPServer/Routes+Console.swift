import Engine
import Foundation
import Hummingbird

/// The web console: the static files of `ServerSettings.consoleDirectory` (default
/// `Server/console`, relative to the working directory or else found by `ShippedFiles`) under `/console/`, and `/` redirecting
/// there. The files are public (the console signs in with an API key itself); only plain file
/// names directly inside the folder are served, so `..`, hidden files and sub-folders are 404.
extension Routes {
    func registerConsole(on router: Router<AppRequestContext>) {
        let files = ConsoleFiles(directory: ShippedFiles.resolve(settings.consoleDirectory))
        router.get("/") { _, _ in ConsoleFiles.redirect(to: "/console/") }
        // `/console` and `/console/` reach this one route; the page links its files by absolute path.
        router.get("/console") { _, _ in try files.response(for: "index.html") }
        router.get("/console/{file}") { _, context in
            try files.response(for: try context.parameters.require("file"))
        }
    }
}

/// Reads the console's files for `registerConsole`, with their content types.
struct ConsoleFiles: Sendable {
    let directory: URL

    init(directory: String) {
        self.directory = URL(fileURLWithPath: directory, isDirectory: true).standardizedFileURL.resolvingSymlinksInPath()
    }

    /// Content types by file extension; any other extension is not served.
    static let contentTypes: [String: String] = [
        "html": "text/html; charset=utf-8",
        "js": "text/javascript; charset=utf-8",
        "mjs": "text/javascript; charset=utf-8",
        "css": "text/css; charset=utf-8",
        "json": "application/json",
        "svg": "image/svg+xml",
        "png": "image/png",
        "ico": "image/x-icon",
        "txt": "text/plain; charset=utf-8",
    ]

    /// Whether `name` may be served: letters, digits, `-`, `_` and dots, not starting with a dot
    /// (so no `..`, no hidden files, no separators), with a known extension.
    static func isServable(_ name: String) -> Bool {
        guard !name.isEmpty, name.count <= 100, !name.hasPrefix(".") else { return false }
        let allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.")
        guard name.unicodeScalars.allSatisfy({ allowed.contains($0) }) else { return false }
        guard let ext = name.split(separator: ".").last.map(String.init), name.contains(".") else { return false }
        return contentTypes[ext.lowercased()] != nil
    }

    /// The file's bytes with its content type; 404 `not_found` for a name that is not servable,
    /// resolves outside the folder or does not exist.
    func response(for name: String) throws -> Response {
        guard Self.isServable(name) else { throw Self.notFound(name) }
        let url = directory.appendingPathComponent(name).resolvingSymlinksInPath()
        guard url.deletingLastPathComponent().path == directory.path,
              let data = FileManager.default.contents(atPath: url.path) else { throw Self.notFound(name) }
        let ext = url.pathExtension.lowercased()
        var headers = HTTPFields()
        headers[.contentType] = Self.contentTypes[ext] ?? "application/octet-stream"
        headers[.cacheControl] = "no-cache"
        headers[.init("X-Content-Type-Options")!] = "nosniff"
        if ext == "html" {
            headers[.init("Content-Security-Policy")!] = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
                + "script-src 'self'; connect-src 'self'; frame-ancestors 'none'"
        }
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func redirect(to location: String) -> Response {
        var headers = HTTPFields()
        headers[.location] = location
        return Response(status: .found, headers: headers)
    }

    static func notFound(_ name: String) -> APIError {
        APIError(.notFound, code: "not_found", "no console file '\(name)' (the console serves the files of its folder by plain name)")
    }
}
