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
    @Option(help: "Instead of timing: write the vectors of every sentence of --sentences (a text file, or JSONL with a \"text\" field) to this file, float32 little-endian, one row per sentence (for Python peers).")
    var embedTo: String?

    func run() throws {
        guard batch > 0, repeats > 0 else { throw CLIError("--batch and --repeats must be positive") }
        if let embedTo { return try embed(to: embedTo) }
        let texts: [String]
        do { texts = try PretrainedBench.sentences(fromFile: sentences) } catch { throw CLIError("cannot read \(sentences): \(error)") }
        guard !texts.isEmpty else { throw CLIError("\(sentences) has no sentences") }
        do { print(try PretrainedBench.run(modelDirectory: model, batch: batch, sentences: texts, repeats: repeats)) } catch {
            throw CLIError("\(error)")
        }
    }

    /// Writes the vectors of the sentences (text lines, or the `text` of JSONL rows).
    private func embed(to path: String) throws {
        let lines: [String]
        do { lines = try String(contentsOfFile: sentences, encoding: .utf8).split(separator: "\n").map(String.init) } catch {
            throw CLIError("cannot read \(sentences): \(error)")
        }
        let texts = try lines.enumerated().map { (i, line) throws -> String in
            guard sentences.hasSuffix(".jsonl") else { return line }
            guard let row = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], let text = row["text"] as? String else {
                throw CLIError("\(sentences) line \(i + 1): expected a JSON object with a \"text\" string")
            }
            return text
        }
        let encoder: BertEncoder
        do { encoder = try BertEncoder.load(directory: model) } catch { throw CLIError("cannot load the encoder at \(model): \(error)") }
        let vectors = encoder.encode(texts)
        let data = vectors.values.withUnsafeBufferPointer { Data(buffer: $0) }
        do { try data.write(to: URL(fileURLWithPath: path), options: .atomic) } catch { throw CLIError("cannot write \(path): \(error)") }
        print("\(texts.count) vectors of \(vectors.cols) floats written to \(path)")
    }
}
