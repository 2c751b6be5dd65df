import Foundation
import Logging

enum Logging {
    /// A logger writing to stderr at the given level ("trace" ... "critical"; unknown → info).
    static func make(level: String) -> Logger {
        var logger = Logger(label: "switchboard") { label in StreamLogHandler.standardError(label: label) }
        logger.logLevel = Logger.Level(rawValue: level.lowercased()) ?? .info
        return logger
    }
}
