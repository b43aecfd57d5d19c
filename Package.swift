// swift-tools-version: 6.2
import PackageDescription

let package = Package(
  name: "Descent",
  products: [
    .library(name: "Descent", targets: ["Descent"]),
    .library(name: "AutoDiff", targets: ["AutoDiff"]),
  ],
  targets: [
    .target(name: "AutoDiff"),
    .target(name: "Descent", dependencies: ["AutoDiff"]),
    .executableTarget(name: "benchmarks", dependencies: ["AutoDiff"], path: "Benchmarks"),
    .testTarget(name: "AutoDiffTests", dependencies: ["AutoDiff"]),
  ],
  swiftLanguageModes: [.v6]
)
