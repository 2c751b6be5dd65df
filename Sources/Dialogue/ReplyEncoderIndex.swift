import Foundation
import Learning
import LinearAlgebra

/// Past customer turns (and the turns before them) as dense unit vectors of a trained
/// `Learning.Encoder`, searched exactly: cosine(customer) + `previousTurnWeight` × cosine(previous).
struct ReplyEncoderIndex: Sendable {
    let encoder: Encoder
    private var customers: Matrix
    private var previous: Matrix

    init(encoder: Encoder, pairs: [ReplyPair]) {
        self.encoder = encoder
        customers = encoder.encode(pairs.map(\.customer))
        previous = encoder.encode(pairs.map { $0.previous ?? ReplyTranscriptIndex.startTerm })
    }

    var count: Int { customers.rows }

    mutating func add(_ pair: ReplyPair) {
        customers.appendRows(encoder.encode([pair.customer]))
        previous.appendRows(encoder.encode([pair.previous ?? ReplyTranscriptIndex.startTerm]))
    }

    /// The cosine of the customer turn (and the previous turn, weighted) with every indexed pair.
    func scores(customer: String, previous before: String?, previousWeight: Double) -> [Float] {
        let q = encoder.encode([customer, before ?? ReplyTranscriptIndex.startTerm])
        let d = customers.cols, w = Float(previousWeight)
        var out = [Float](repeating: 0, count: count)
        q.values.withUnsafeBufferPointer { qv in
            customers.values.withUnsafeBufferPointer { c in
                previous.values.withUnsafeBufferPointer { p in
                    for r in 0..<count {
                        var a: Float = 0, b: Float = 0
                        for k in 0..<d {
                            a += c[r * d + k] * qv[k]
                            b += p[r * d + k] * qv[d + k]
                        }
                        out[r] = a + w * b
                    }
                }
            }
        }
        return out
    }
}
