import Foundation

/// A file found by `FileWalker`.
public struct SourceFile: Sendable, Hashable {
    /// Where to read it.
    public var url: URL
    /// The document name: the path relative to the import root, `/` separated;
    /// for a file given directly, its last path component.
    public var name: String

    /// Creates a source file.
    public init(url: URL, name: String) {
        self.url = url
        self.name = name
    }
}

/// Lists the files to import under the given paths.
public enum FileWalker {
    /// The name of the ignore file read from the root of each folder argument.
    public static let ignoreFileName = ".switchboardignore"

    /// The files under `paths`: a file is taken as is; a folder is walked recursively, skipping hidden
    /// files and folders (names starting with `.`) and whatever the folder's `.switchboardignore`
    /// excludes (see `IgnoreRules`). Each folder's files are sorted by name; arguments keep their order.
    /// Symbolic links to folders are followed once (cycles are not).
    /// - Throws: `IngestionError(.notFound)` for a path that does not exist.
    public static func collect(_ paths: [String]) throws(IngestionError) -> [SourceFile] {
        var out: [SourceFile] = []
        let fm = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw IngestionError(.notFound, file: path, message: "no such file or folder")
            }
            let url = URL(fileURLWithPath: path)
            if !isDirectory.boolValue {
                out.append(SourceFile(url: url, name: url.lastPathComponent))
                continue
            }
            var rules = IgnoreRules("")
            if let text = try? String(contentsOf: url.appendingPathComponent(ignoreFileName), encoding: .utf8) {
                rules = IgnoreRules(text)
            }
            var found: [SourceFile] = []
            var visited: Set<String> = [url.resolvingSymlinksInPath().path]
            walk(url, relative: "", rules: rules, visited: &visited, into: &found)
            found.sort { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
            out.append(contentsOf: found)
        }
        return out
    }

    private static func walk(_ folder: URL, relative: String, rules: IgnoreRules, visited: inout Set<String>,
                             into found: inout [SourceFile]) {
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: folder.path) else { return }
        for name in names where !name.hasPrefix(".") {
            let url = folder.appendingPathComponent(name)
            let path = relative.isEmpty ? name : relative + "/" + name
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: url.path, isDirectory: &isDirectory) else { continue }  // dangling link
            if rules.isIgnored(path, isDirectory: isDirectory.boolValue) { continue }
            if isDirectory.boolValue {
                guard visited.insert(url.resolvingSymlinksInPath().path).inserted else { continue }
                walk(url, relative: path, rules: rules, visited: &visited, into: &found)
            } else {
                found.append(SourceFile(url: url, name: path))
            }
        }
    }
}

/// The rules of a `.switchboardignore` file, a subset of gitignore:
/// blank lines and `#` comments are skipped; `name` matches a file or folder of that name at any
/// depth; `folder/` matches only folders; a pattern with a `/` inside (or a leading `/`) is matched
/// against the whole path from the root; `*` matches within one path component, `?` one character,
/// `**` any number of components; `!pattern` re-includes what an earlier rule excluded.
public struct IgnoreRules: Sendable, Hashable {
    struct Rule: Sendable, Hashable {
        var pattern: [Character]
        var anchored: Bool
        var directoryOnly: Bool
        var negated: Bool
    }

    var rules: [Rule] = []

    /// Parses the text of an ignore file.
    public init(_ text: String) {
        for rawLine in text.split(whereSeparator: \.isNewline) {
            var line = Substring(rawLine)
            while let last = line.last, last == " " || last == "\t" { line = line.dropLast() }
            guard !line.isEmpty, !line.hasPrefix("#") else { continue }
            var negated = false
            if line.hasPrefix("!") { negated = true; line = line.dropFirst() }
            var directoryOnly = false
            if line.hasSuffix("/") { directoryOnly = true; line = line.dropLast() }
            let anchored = line.contains("/")
            if line.hasPrefix("/") { line = line.dropFirst() }
            guard !line.isEmpty else { continue }
            rules.append(Rule(pattern: Array(line), anchored: anchored, directoryOnly: directoryOnly, negated: negated))
        }
    }

    /// True when the entry at `path` (relative to the root, `/` separated) is ignored.
    public func isIgnored(_ path: String, isDirectory: Bool) -> Bool {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        var ignored = false
        for rule in rules {
            if rule.directoryOnly && !isDirectory { continue }
            let subject = rule.anchored ? path : name
            if Self.glob(rule.pattern[...], Array(subject)[...]) { ignored = !rule.negated }
        }
        return ignored
    }

    /// Glob matching: `*` (not across `/`), `**` (across `/`), `?`, literal characters.
    static func glob(_ pattern: ArraySlice<Character>, _ text: ArraySlice<Character>) -> Bool {
        var p = pattern.startIndex, t = text.startIndex
        var starP = -1, starT = -1, starCrossesSlash = false
        while t < text.endIndex {
            if p < pattern.endIndex && pattern[p] == "*" {
                let double = p + 1 < pattern.endIndex && pattern[p + 1] == "*"
                p += double ? 2 : 1
                if double && p < pattern.endIndex && pattern[p] == "/" { p += 1 }
                starP = p; starT = t; starCrossesSlash = double
                continue
            }
            if p < pattern.endIndex && (pattern[p] == "?" ? text[t] != "/" : pattern[p] == text[t]) {
                p += 1; t += 1
                continue
            }
            if starP >= 0 && (starCrossesSlash || text[starT] != "/") {
                starT += 1
                t = starT
                p = starP
                continue
            }
            return false
        }
        while p < pattern.endIndex && pattern[p] == "*" { p += 1 }
        return p == pattern.endIndex
    }
}
