// The umbrella module: `import Descent` brings in every layer of the package.
@_exported import AutoDiff
@_exported import Optimization
@_exported import Models
