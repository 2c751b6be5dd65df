import Engine
import Foundation
import Logging

/// The knowledge bases (tenants) one server serves: the primary one in the data folder and one
/// per folder under `bases/`. Each base is an `Engine` over its own store, with its own keys,
/// documents, models, conversations, analytics and audit log; a request runs against exactly one
/// base, the one its API key belongs to, so nothing a request can reach crosses bases.
public final class KnowledgeBases: Sendable {
    /// The base in the data folder itself (named `default`).
    public let primary: Engine
    /// The other bases by name.
    public let named: [String: Engine]

    public static let primaryName = "default"

    public init(primary: Engine, named: [String: Engine] = [:]) {
        self.primary = primary
        self.named = named
    }

    /// Opens the primary base and every base folder under `<data>/bases/`.
    public static func open(dataDirectory: URL, config: EngineConfig, logger: Logger) throws(EngineError) -> KnowledgeBases {
        let primary = try Engine(dataDirectory: dataDirectory, config: config, logger: logger)
        var named: [String: Engine] = [:]
        let folder = dataDirectory.appendingPathComponent("bases")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        for name in names.sorted() where isValidName(name) && name != primaryName {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path, isDirectory: &isDirectory), isDirectory.boolValue else { continue }
            var baseLogger = logger
            baseLogger[metadataKey: "base"] = "\(name)"
            named[name] = try Engine(dataDirectory: folder.appendingPathComponent(name), config: config, logger: baseLogger)
        }
        return KnowledgeBases(primary: primary, named: named)
    }

    /// Every base with its name, the primary first.
    public var all: [(name: String, engine: Engine)] {
        [(Self.primaryName, primary)] + named.keys.sorted().map { ($0, named[$0]!) }
    }

    /// The base called `name` (`default` is the primary), or nil.
    public func engine(named name: String) -> Engine? {
        name == Self.primaryName ? primary : named[name]
    }

    /// The base whose store holds the presented key, with the key; nil when no base knows it.
    func authenticate(apiKey: String) throws(EngineError) -> (name: String, engine: Engine, key: APIKeyView)? {
        for (name, engine) in all {
            if let key = try engine.authenticate(apiKey: apiKey) { return (name, engine, key) }
        }
        return nil
    }

    /// True when any base has an active key.
    func hasActiveAPIKeys() -> Bool {
        all.contains { (try? $0.engine.hasActiveAPIKeys()) ?? true }
    }

    /// 1–40 lowercase letters, digits, '-' or '_', starting with a letter or digit.
    public static func isValidName(_ name: String) -> Bool {
        guard (1...40).contains(name.count), let first = name.unicodeScalars.first, CharacterSet.lowercaseLetters.union(.decimalDigits).contains(first) else { return false }
        return name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" }
    }

    /// The one-line error for an invalid base name.
    public static func nameRule(_ name: String) -> String {
        "a base name has 1 to 40 lowercase letters, digits, '-' or '_' (starting with a letter or digit); got '\(name)'"
    }
}
