import ArgumentParser
import Foundation
import Pretrained

/// `switchboard bench encoder`: the pretrained BERT encoder's throughput and latency on a
/// sentence file (peers: `Benchmarks/bert/bench_peers.py`, which calls this command).
struct BenchEncoderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "encoder", abstract: "Pretrained encoder speed: sentences/s at a batch size and batch-1 latency.")

    @Option(help: "The installed model folder (scripts/install-minilm.sh).") var model = "data/models/minilm-l6-v2"
    @Option(help: "A text file, one sentence per line.") var sentences = "Benchmarks/bert/sentences.txt"
    @Option(help: "Sentences per batch.") var batch = 32
    @Option(help: "Rounds (the best is reported).") var repeats = 3

    func run() throws {
        guard batch > 0, repeats > 0 else { throw CLIError("--batch and --repeats must be positive") }
        let texts: [String]
        do { texts = try PretrainedBench.sentences(fromFile: sentences) } catch { throw CLIError("cannot read \(sentences): \(error)") }
        guard !texts.isEmpty else { throw CLIError("\(sentences) has no sentences") }
        do { print(try PretrainedBench.run(modelDirectory: model, batch: batch, sentences: texts, repeats: repeats)) } catch {
            throw CLIError("\(error)")
        }
    }
}
