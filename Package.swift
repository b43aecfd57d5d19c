// swift-tools-version: 6.2
import PackageDescription

let package = Package(
  name: "Descent",
  products: [
    .library(name: "Descent", targets: ["Descent"]),
    .library(name: "AutoDiff", targets: ["AutoDiff"]),
    .library(name: "Optimization", targets: ["Optimization"]),
    .library(name: "Models", targets: ["Models"]),
  ],
  targets: [
    // AutoDiffKernels: the array kernels compiled for AVX2 and FMA, chosen at run time.
    .target(name: "AutoDiffKernels"),
    .target(name: "AutoDiff", dependencies: ["AutoDiffKernels"]),
    .target(name: "Optimization", dependencies: ["AutoDiff"]),
    .target(name: "Models", dependencies: ["AutoDiff", "Optimization"]),
    .target(name: "Descent", dependencies: ["AutoDiff", "Optimization", "Models"]),
    .executableTarget(
      name: "benchmarks", dependencies: ["AutoDiff", "Optimization", "Models", "Stress"],
      path: "Benchmarks/Speed",
      resources: [.copy("Resources")]),

    // Hardening: the expression fuzzer and the soak run (`swift run -c release fuzz|soak`).
    .target(
      name: "Stress", dependencies: ["AutoDiff", "Optimization", "Models"],
      path: "Benchmarks/Stress"),
    .executableTarget(name: "fuzz", dependencies: ["Stress"], path: "Benchmarks/fuzz"),
    .executableTarget(name: "soak", dependencies: ["Stress"], path: "Benchmarks/soak"),

    // Examples: `swift run NAME`. Their data sets live in Examples/Data.
    .target(name: "ExampleSupport", dependencies: ["Descent"], path: "Examples/Support"),
    .executableTarget(
      name: "linear-regression", dependencies: ["Descent", "ExampleSupport"],
      path: "Examples/linear-regression"),
    .executableTarget(
      name: "learning-rates", dependencies: ["Descent", "ExampleSupport"],
      path: "Examples/learning-rates"),
    .executableTarget(
      name: "custom-loss", dependencies: ["Descent", "ExampleSupport"],
      path: "Examples/custom-loss"),
    .executableTarget(
      name: "classify", dependencies: ["Descent", "ExampleSupport"], path: "Examples/classify"),
    .executableTarget(name: "optimizers", dependencies: ["Descent"], path: "Examples/optimizers"),
    .executableTarget(
      name: "curve-fit", dependencies: ["Descent", "ExampleSupport"], path: "Examples/curve-fit"),
    .executableTarget(
      name: "your-own-model", dependencies: ["Descent", "ExampleSupport"],
      path: "Examples/your-own-model"),

    .testTarget(name: "AutoDiffTests", dependencies: ["AutoDiff"]),
    .testTarget(
      name: "OptimizationTests", dependencies: ["Optimization"], resources: [.copy("Resources")]),
    .testTarget(name: "StressTests", dependencies: ["Stress", "AutoDiff"]),
    .testTarget(name: "ModelsTests", dependencies: ["Models"], resources: [.copy("Resources")]),

    // Importing Descent changes nothing in plain code: one corpus of plain Float and Double code,
    // compiled with the import and without (the second target's Corpus.swift is a symbolic link
    // to the first's), its results compared bit for bit by PlainCorpusTests.
    .target(
      name: "PlainCorpusWithDescent", dependencies: ["Descent"],
      path: "Tests/PlainCorpusWithDescent", swiftSettings: [.define("WITH_DESCENT")]),
    .target(name: "PlainCorpusWithoutDescent", path: "Tests/PlainCorpusWithoutDescent"),
    .testTarget(
      name: "PlainCorpusTests",
      dependencies: ["PlainCorpusWithDescent", "PlainCorpusWithoutDescent"]),
  ],
  swiftLanguageModes: [.v6]
)
