import ArgumentParser
import Engine
import Foundation

struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train the models on the stored knowledge (skipped when nothing changed, unless --force).")

    @OptionGroup var common: CommonOptions

    @Flag(help: "Retrain even when the knowledge and configuration are unchanged.")
    var force = false

    @Flag(help: "Print the result as JSON.")
    var json = false

    func run() throws {
        let result = try common.engine().train(force: force)
        if json { printJSON(result); return }
        if result.status == "trained" {
            print(String(format: "encoder trained in %.2f s on %d texts, %d paraphrase groups, %d intent groups (fingerprint %@)",
                         result.seconds, result.corpus, result.groups, result.weakGroups, String(result.fingerprint.prefix(12))))
        } else {
            print("encoder \(result.status) (fingerprint \(result.fingerprint.prefix(12)))")
        }
    }
}
