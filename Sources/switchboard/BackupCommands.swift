import ArgumentParser
import Engine
import Foundation

/// `switchboard backup --out DIR`: a consistent copy of the data folder, taken while serving.
struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "backup", abstract: "Back up the data folder (online, consistent) into a new folder.")
    @OptionGroup var common: CommonOptions
    @Option(help: "The backup folder to create (must not exist).") var out: String
    @Flag(help: "Print the manifest as JSON.") var json = false

    func run() throws {
        let manifest = try common.engine().backup(to: URL(fileURLWithPath: out))
        if json { printJSON(manifest); return }
        print("backed up \(manifest.documents) documents, \(manifest.chunks) chunks (generation \(manifest.generation)), \(manifest.files.count) files → \(out)")
    }
}

/// `switchboard restore DIR --data D`: a backup into a new (or empty) data folder.
struct RestoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "restore", abstract: "Restore a backup folder into a new or empty data folder.")
    @OptionGroup var common: CommonOptions
    @Argument(help: "The backup folder (with manifest.json).") var backup: String
    @Flag(help: "Print the manifest as JSON.") var json = false

    func run() throws {
        let data = try common.configuration().data
        let manifest = try Engine.restore(from: URL(fileURLWithPath: backup), to: URL(fileURLWithPath: data))
        if json { printJSON(manifest); return }
        print("restored \(manifest.documents) documents, \(manifest.chunks) chunks (generation \(manifest.generation)) into \(data)")
    }
}
