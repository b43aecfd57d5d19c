// The umbrella module: `import Descent` brings in every layer of the package.
@_exported import AutoDiff
@_exported import Models
@_exported import Optimization
