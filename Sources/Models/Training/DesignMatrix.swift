import AutoDiff

/// The rows of a model's features, validated, optionally standardized, and stored flat (row-major)
/// for the cost to read; plus the conversions of linear coefficients between the units the model
/// trains in and the original units of the data.
@usableFromInline
struct DesignMatrix<T: BinaryFloatingPoint & RealScalar & Sendable>: Sendable {
  /// x̃ᵢⱼ at `values[i * width + j]`: standardized when ``standardizer`` is set.
  @usableFromInline let values: [T]
  @usableFromInline let rowCount: Int
  @usableFromInline let width: Int
  @usableFromInline let standardizer: Standardizer<T>?

  /// Validates `rows` (not empty, rectangular, finite) and standardizes them when asked.
  @inlinable
  init(rows: [[T]], argument: String, standardize: Bool) throws {
    width = try Validate.matrix(rows, argument: argument)
    rowCount = rows.count
    standardizer = standardize ? try Standardizer(fitting: rows) : nil
    var values = [T]()
    values.reserveCapacity(rowCount * width)
    for row in rows { values.append(contentsOf: standardizer?.transform(row) ?? row) }
    self.values = values
  }

  /// b + Σⱼ p[offset + j]·x̃ᵢⱼ, recorded on the tape when `S` is a tracked type.
  @inlinable
  func affine<S: RealScalar>(_ p: [S], offset: Int, bias: S, row i: Int) -> S {
    var total = bias
    let base = i * width
    for j in 0..<width { total += p[offset + j] * S(values[base + j]) }
    return total
  }

  /// Linear coefficients (w̃, b̃) learned on standardized features, in the original units:
  /// wⱼ = w̃ⱼ / σⱼ and b = b̃ − Σⱼ w̃ⱼ·μⱼ / σⱼ, so that w·x + b = w̃·x̃ + b̃.
  @inlinable
  func originalUnits(_ weights: ArraySlice<T>, bias: T) -> (weights: [T], bias: T) {
    guard let standardizer else { return (Array(weights), bias) }
    var w = [T](repeating: 0, count: width)
    var b = bias
    for j in 0..<width {
      w[j] = weights[weights.startIndex + j] / standardizer.deviations[j]
      b -= w[j] * standardizer.means[j]
    }
    return (w, b)
  }

  /// The line (w, b) in original units from the block (w̃…, b̃) of `parameters` at `offset`.
  @inlinable
  func line(in parameters: [T], at offset: Int = 0) -> (weights: [T], bias: T) {
    originalUnits(parameters[offset..<offset + width], bias: parameters[offset + width])
  }

  /// The block (w̃…, b̃) in training units for a warm start from the line (w, b) in original units.
  @inlinable
  func trainingBlock(_ weights: [T], bias: T) -> [T] {
    let warm = trainingUnits(weights, bias: bias)
    return warm.weights + [warm.bias]
  }

  /// The inverse of ``originalUnits(_:bias:)``: a warm start in the units the model trains in.
  @inlinable
  func trainingUnits(_ weights: [T], bias: T) -> (weights: [T], bias: T) {
    guard let standardizer else { return (weights, bias) }
    var w = weights
    var b = bias
    for j in 0..<width {
      b += weights[j] * standardizer.means[j]
      w[j] = weights[j] * standardizer.deviations[j]
    }
    return (w, b)
  }
}
