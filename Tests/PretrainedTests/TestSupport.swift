import Foundation
import LinearAlgebra
@testable import Pretrained
import TestSupport

/// A fresh temporary directory (removed by the caller's `addTeardownBlock` or left to the OS).
func makeTempDirectory(_ name: String = "pretrained") throws -> String {
    let dir = FileManager.default.temporaryDirectory
        .appendingPathComponent("\(name)-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir
}

/// Cosine of two vectors.
func cosine(_ a: [Float], _ b: [Float]) -> Float {
    var dot: Float = 0, na: Float = 0, nb: Float = 0
    for i in a.indices { dot += a[i] * b[i]; na += a[i] * a[i]; nb += b[i] * b[i] }
    return dot / max(1e-30, (na * nb).squareRoot())
}

/// The repository root (two levels above this file's folder).
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().path
