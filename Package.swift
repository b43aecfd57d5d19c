// swift-tools-version: 6.2
import PackageDescription

let package = Package(
  name: "Descent",
  products: [
    .library(name: "Descent", targets: ["Descent"]),
    .library(name: "AutoDiff", targets: ["AutoDiff"]),
    .library(name: "Optimization", targets: ["Optimization"]),
  ],
  targets: [
    .target(name: "AutoDiff"),
    .target(name: "Optimization", dependencies: ["AutoDiff"]),
    .target(name: "Descent", dependencies: ["AutoDiff", "Optimization"]),
    .executableTarget(
      name: "benchmarks", dependencies: ["AutoDiff", "Optimization"], path: "Benchmarks"),
    .executableTarget(
      name: "linear-regression", dependencies: ["AutoDiff"], path: "Examples/linear-regression"),
    .executableTarget(name: "optimizers", dependencies: ["Descent"], path: "Examples/optimizers"),
    .testTarget(name: "AutoDiffTests", dependencies: ["AutoDiff"]),
    .testTarget(
      name: "OptimizationTests", dependencies: ["Optimization"], resources: [.copy("Resources")]),
  ],
  swiftLanguageModes: [.v6]
)
