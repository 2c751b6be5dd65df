import Foundation

/// Where the files that ship beside the binary are found: the model configurations
/// (`Models/*.json`), the default configuration (`Server/switchboard.json`) and the web console
/// (`Server/console`).
///
/// Their paths are relative, and a relative path is first read from the working directory, as
/// before. When it is not there (the binary run from another folder, say by an evaluation
/// harness with its own working directory), it is looked up in `SWITCHBOARD_HOME` when set, then
/// in the folder of the executable and its ancestors, where a binary built by `swift build`
/// finds the checkout it was built from. Without this, such a run silently trained its models
/// with the code's fallback values instead of the shipped configuration.
public enum ShippedFiles {
    /// `path` itself when it is absolute or exists under the working directory; otherwise the
    /// first existing `home/path` (see the type); otherwise `path` unchanged.
    public static func resolve(_ path: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if path.isEmpty || path.hasPrefix("/") || FileManager.default.fileExists(atPath: path) { return path }
        for home in homes(environment) {
            let candidate = home.appendingPathComponent(path).path
            if FileManager.default.fileExists(atPath: candidate) { return candidate }
        }
        return path
    }

    /// The folders searched after the working directory, in order.
    static func homes(_ environment: [String: String]) -> [URL] {
        var list: [URL] = []
        if let home = environment["SWITCHBOARD_HOME"], !home.isEmpty { list.append(URL(fileURLWithPath: home)) }
        list.append(contentsOf: executableAncestors)
        return list
    }

    /// The executable's folder and up to five of its parents (`.build/x86_64-unknown-linux-gnu/release`
    /// is three levels under the checkout), symbolic links resolved.
    static let executableAncestors: [URL] = {
        guard let executable = Bundle.main.executableURL?.resolvingSymlinksInPath() else { return [] }
        var folder = executable.deletingLastPathComponent()
        var list: [URL] = []
        for _ in 0..<6 {
            list.append(folder)
            let parent = folder.deletingLastPathComponent()
            if parent.path == folder.path { break }
            folder = parent
        }
        return list
    }()
}
