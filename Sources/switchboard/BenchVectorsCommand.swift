import ArgumentParser
import Engine
import Foundation
import Learning
import LinearAlgebra
import Retrieval
import TextAnalysis

/// `switchboard bench gemm`: sgemm through LinearAlgebra (and which BLAS runs) beside the plain-Swift reference.
struct BenchGemmCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gemm", abstract: "sgemm GFLOP/s through LinearAlgebra at n³, beside the plain-Swift reference kernel.")

    @Option(help: "Matrix size n (n×n times n×n).")
    var n = 1024

    func run() throws {
        print(LinearAlgebraBench.report(n: n, referenceN: 256, repeats: 5))
        print("(per core: run with OPENBLAS_NUM_THREADS=1)")
    }
}

/// `switchboard bench vectors`: exact and HNSW search over real encoder vectors. The texts come
/// from JSONL files (fields text / question / answer), the encoder is trained on them, and the
/// vectors are written in the peers' format so that Benchmarks/bench-vectors.sh can run faiss and
/// hnswlib on exactly the same data.
struct BenchVectorsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vectors", abstract: "Exact and HNSW vector search over real encoder vectors (write them for the peers).")

    @Option(help: "A folder of JSONL files to take texts from (recursively).")
    var texts: String

    @Option(help: "How many vectors to index.")
    var n = 100_000

    @Option(help: "How many queries (taken from texts not indexed).")
    var queries = 1000

    @Option(help: "Comma-separated HNSW ef values to sweep.")
    var ef = "16,32,64,96,128,192,256"

    @Option(help: "Write vectors.bin and queries.bin here for the peers.")
    var out: String?

    func run() throws {
        let all = try TextCollector.collect(under: texts, limit: n + queries)
        guard all.count > queries + 100 else { throw CLIError("only \(all.count) texts under \(texts)") }
        let base = Array(all.prefix(all.count - queries)), query = Array(all.suffix(queries))
        var t = Date()
        let (encoder, _) = try EncoderTrainer.train(corpus: base, groups: [], config: EncoderConfig())
        print(String(format: "encoder trained on %d texts in %.1f s", base.count, Date().timeIntervalSince(t)))
        t = Date()
        let encoded = encoder.encode(base), encodedQueries = encoder.encode(query)
        let encodeSeconds = Date().timeIntervalSince(t)
        print(String(format: "encoded %d texts in %.2f s (%.0f texts/s on all cores)", base.count, encodeSeconds, Double(base.count) / encodeSeconds))
        // Identical and all-zero vectors make "the" exact top 10 a matter of tie-breaking, which no
        // recall figure should depend on: keep one copy of each distinct, non-zero vector.
        let vectors = Self.distinctNonZero(encoded), qv = Self.distinctNonZero(encodedQueries)
        print("indexing \(vectors.rows) distinct non-zero vectors, \(qv.rows) queries")
        if let out {
            let dir = URL(fileURLWithPath: out)
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            try ExactVectorIndexBench.writeVectorFile(vectors, to: dir.appendingPathComponent("vectors.bin"))
            try ExactVectorIndexBench.writeVectorFile(qv, to: dir.appendingPathComponent("queries.bin"))
        }
        let exact = try ExactVectorIndexBench.measure(data: vectors, queries: qv, k: 10, repeats: 3)
        print(String(format: "switchboard exact (sgemv/sgemm): %d×%d, single %.0f QPS, batched %.0f QPS, build %.2f s",
                     exact.n, exact.d, exact.singleQPS, exact.batchQPS, exact.buildSeconds))
        let efs = ef.split(separator: ",").compactMap { Int($0) }
        let report = HNSWBench.runDetailed(vectors: vectors, queries: qv, k: 10, efs: efs)
        print(String(format: "switchboard HNSW (M=16, efConstruction=200): build %.1f s, %.1f MB", report.buildSeconds, Double(report.memoryBytes) / 1e6))
        for row in report.rows {
            print(String(format: "  ef=%-4d recall@10 %.4f  %8.0f QPS  p99 %.3f ms", row.ef, row.recall, row.qps, row.p99Ms))
        }
    }
}

extension BenchVectorsCommand {
    static func distinctNonZero(_ m: Matrix) -> Matrix {
        var seen = Set<[Float]>()
        var out = Matrix(rows: 0, cols: m.cols)
        for r in 0..<m.rows {
            let row = Array(m.row(r))
            if row.allSatisfy({ $0 == 0 }) || !seen.insert(row).inserted { continue }
            out.appendRow(row)
        }
        return out
    }
}

/// Reads sentences from every JSONL file under a folder (the `text`, `question` and `answer`
/// fields, split into sentences), distinct, in file order, up to a limit.
enum TextCollector {
    static func collect(under path: String, limit: Int) throws -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: path) else { throw CLIError("cannot read \(path)") }
        var files: [String] = []
        while let f = walker.nextObject() as? String { if f.hasSuffix(".jsonl") { files.append(f) } }
        var seen = Set<String>(), out: [String] = []
        for f in files.sorted() {
            guard let data = FileManager.default.contents(atPath: (path as NSString).appendingPathComponent(f)) else { continue }
            for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
                guard let obj = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { continue }
                for key in ["text", "question", "answer"] {
                    guard let text = obj[key] as? String else { continue }
                    for s in SentenceSplitter.split(text) where s.count >= 4 && seen.insert(s).inserted { out.append(s) }
                }
                if out.count >= limit { return out }
            }
        }
        return out
    }
}
