import ArgumentParser
import Engine
import Foundation
import HTTPServer
import LinearAlgebra

/// `switchboard`: import knowledge, search it, serve it.
@main
struct Switchboard: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "switchboard",
        abstract: "A local-first knowledge and agent-assist service for contact centers.",
        subcommands: [ImportCommand.self, SearchCommand.self, StatsCommand.self, DeleteCommand.self,
                      TrainCommand.self, GraphCommand.self, AnswerCommand.self, IntentCommand.self, SentimentCommand.self,
                      SuggestCommand.self, CustomersCommand.self, CampaignsCommand.self, QACommand.self, TicketsCommand.self, ServeCommand.self, KeysCommand.self, EvalCommand.self, BenchCommand.self, BackupCommand.self, RestoreCommand.self]
    )

    /// Every user mistake ends with one line on stderr and exit code 2.
    static func main() async {
        BLASCoreType.restartWithFittingKernels()
        do {
            var command = try parseAsRoot()
            if var async = command as? AsyncParsableCommand {
                try await async.run()
            } else {
                try command.run()
            }
        } catch let e as CLIError {
            fail(e.description)
        } catch let e as EngineError {
            fail(e.message)
        } catch let e as ServerSettingsError {
            fail(e.description)
        } catch let e as ExitCode {
            Foundation.exit(e.rawValue)
        } catch {
            if exitCode(for: error) == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            let message = self.message(for: error).split(separator: "\n").first.map(String.init) ?? "\(error)"
            fail(message)
        }
    }

    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("switchboard: \(message)\n".utf8))
        Foundation.exit(2)
    }
}

/// Options every command takes.
struct CommonOptions: ParsableArguments {
    @Option(help: "The data folder (default ./data, or SWITCHBOARD_DATA, or the config file's 'data').")
    var data: String?

    @Option(help: "A config file (default Server/switchboard.json when present, or SWITCHBOARD_CONFIG).")
    var config: String?

    @Option(help: "A knowledge base of its own (a tenant): its store is the data folder's bases/NAME; `serve` serves every base.")
    var base: String?

    func configuration() throws -> Configuration {
        var c = try Configuration.load(explicitFile: config)
        if let data { c.data = data }
        if let base {
            guard KnowledgeBases.isValidName(base) else { throw CLIError(KnowledgeBases.nameRule(base)) }
            c.data = URL(fileURLWithPath: c.data).appendingPathComponent("bases/\(base)").path
        }
        return c
    }

    func engine() throws -> Engine {
        let c = try configuration()
        return try Engine(dataDirectory: URL(fileURLWithPath: c.data), config: c.engine, logger: Logging.make(level: c.logLevel))
    }
}

/// Prints any Encodable as the API's JSON (sorted keys, pretty).
func printJSON(_ value: some Encodable) {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    if let data = try? encoder.encode(value) {
        FileHandle.standardOutput.write(data)
        FileHandle.standardOutput.write(Data("\n".utf8))
    }
}
