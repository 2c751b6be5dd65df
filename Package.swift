// swift-tools-version:6.1
import PackageDescription

// The module graph is the architecture: each target imports only what it needs
// (see ARCHITECTURE.md). SQLite only in Storage, Hummingbird only in HTTPServer.
let package = Package(
    name: "Switchboard",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "switchboard", targets: ["switchboard"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1", traits: []),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        // Already Hummingbird's own dependency; named here for graceful shutdown of event streams.
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
    ],
    targets: [
        .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
        .systemLibrary(name: "CBLAS", path: "Sources/CBLAS"),
        .target(name: "CSHA256"),
        .target(name: "LinearAlgebra", dependencies: ["CBLAS"]),
        .target(name: "KnowledgeModel"),
        .target(name: "TextAnalysis"),
        .target(name: "Ingestion", dependencies: ["KnowledgeModel", "TextAnalysis", "CZlib", "CSHA256"]),
        .target(name: "Storage", dependencies: [
            "KnowledgeModel",
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        .target(name: "Retrieval", dependencies: ["KnowledgeModel", "TextAnalysis", "LinearAlgebra"]),
        .target(name: "Learning", dependencies: ["KnowledgeModel", "TextAnalysis", "LinearAlgebra"]),
        .target(name: "Graph", dependencies: ["KnowledgeModel", "TextAnalysis"]),
        .target(name: "Dialogue", dependencies: ["KnowledgeModel", "TextAnalysis", "LinearAlgebra", "Learning", "Retrieval"]),
        .target(name: "Pretrained", dependencies: ["LinearAlgebra"]),
        .target(name: "Assist", dependencies: ["KnowledgeModel", "TextAnalysis", "LinearAlgebra", "Dialogue", "Graph"]),
        .target(name: "Engine", dependencies: [
            "Assist", "Pretrained", "KnowledgeModel", "TextAnalysis", "Ingestion", "Storage", "Retrieval", "Learning", "LinearAlgebra", "Graph", "Dialogue",
            .product(name: "Logging", package: "swift-log"),
        ]),
        .target(name: "HTTPServer", dependencies: [
            "Engine", "Assist", "KnowledgeModel", "Graph",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .executableTarget(name: "switchboard", dependencies: [
            "Engine", "Assist", "Pretrained", "HTTPServer", "Dialogue", "KnowledgeModel", "Ingestion", "Storage", "Learning", "LinearAlgebra", "Retrieval", "TextAnalysis",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .testTarget(name: "TextAnalysisTests", dependencies: ["TextAnalysis"]),
        .testTarget(name: "LinearAlgebraTests", dependencies: ["LinearAlgebra"]),
        .testTarget(name: "LearningTests", dependencies: ["Learning", "LinearAlgebra", "TextAnalysis", "TestSupport"]),
        .testTarget(name: "GraphTests", dependencies: ["Graph", "KnowledgeModel", "TextAnalysis"]),
        .testTarget(name: "DialogueTests", dependencies: ["Dialogue", "KnowledgeModel", "LinearAlgebra"]),
        .testTarget(name: "IngestionTests", dependencies: ["Ingestion", "KnowledgeModel", "TextAnalysis"]),
        // Helpers the test targets share (never a product).
        .target(name: "TestSupport", dependencies: ["LinearAlgebra"], path: "Tests/TestSupport"),
        .testTarget(name: "StorageTests", dependencies: ["Storage", "KnowledgeModel", "TestSupport"]),
        .testTarget(name: "RetrievalTests", dependencies: ["Retrieval", "TextAnalysis", "KnowledgeModel", "LinearAlgebra"]),
        .testTarget(name: "PretrainedTests", dependencies: ["Pretrained", "LinearAlgebra", "TestSupport"]),
        .testTarget(name: "AssistTests", dependencies: ["Assist", "KnowledgeModel", "Dialogue", "TextAnalysis"]),
        .testTarget(name: "EngineTests", dependencies: ["Engine", "KnowledgeModel", "Graph", "LinearAlgebra", "TestSupport"]),
        .testTarget(name: "HTTPServerTests", dependencies: [
            "HTTPServer", "Engine", "KnowledgeModel", "Storage",
            .product(name: "Hummingbird", package: "hummingbird"),
        ]),
        .testTarget(name: "CLITests", dependencies: ["switchboard", "TestSupport"]),
    ]
)
