/// How a block of a ``ParameterLayout`` gets its starting values, drawn by
/// ``ParameterLayout/initialValues(seed:)`` from a seeded ``SplitMix64`` generator.
///
/// The fan-based initializers take fan-in and fan-out from a matrix's shape, with the convention
/// of a dense layer `z = x Wᵀ + b` (PyTorch's `nn.Linear`, and ``MultilayerPerceptron``): a
/// weight matrix W has one **row per output unit** and one **column per input**, so
///
/// ```
/// fan_out = rows,  fan_in = columns
/// ```
///
/// and a layer from 2 inputs to 16 units is a 16 × 2 matrix used as
/// `matmul(x, p[w].transposed())`. (Flax and Keras store weights the other way, inputs × outputs;
/// declare such a matrix with its rows and columns swapped, or the fans are swapped too.)
///
/// | Initializer | Distribution |
/// | --- | --- |
/// | ``zeros`` | 0 |
/// | ``constant(_:)`` | c |
/// | ``uniform(in:)`` | U(a, b) |
/// | ``normal(mean:standardDeviation:)`` | N(μ, σ²) |
/// | ``glorotUniform`` | U(−√(6/(fan_in + fan_out)), +√(6/(fan_in + fan_out))) |
/// | ``glorotNormal`` | N(0, 2/(fan_in + fan_out)) |
/// | ``heUniform`` | U(−√(6/fan_in), +√(6/fan_in)) |
/// | ``heNormal`` | N(0, 2/fan_in) |
///
/// Glorot's (also called Xavier's) keep the variance of the signal the same forward and backward
/// through a layer with a symmetric activation such as tanh (Glorot & Bengio, 2010); He's (also
/// called Kaiming's) double it to make up for the half that ReLU sets to zero (He, Zhang, Ren &
/// Sun, 2015). The normal forms are not truncated, as in PyTorch's `xavier_normal_` and
/// `kaiming_normal_` (Keras and Flax truncate theirs at two standard deviations).
///
/// Glorot and He apply to matrix blocks only: a vector or a scalar has no fans. Declaring one
/// with them throws ``ModelError/invalidArgument(argument:value:requirement:)``.
///
/// The numbers are given as `Double` whatever the element type of the parameters, and each
/// value is drawn as a `Double` and then rounded to the element type.
public enum ParameterInitializer: Sendable, Hashable {
  /// Every value 0: the usual start for biases.
  case zeros
  /// Every value `c`.
  ///
  /// - Parameter c: A finite number.
  case constant(Double)
  /// Independent values uniform in [a, b]: x = a + (b − a)·u with u uniform in [0, 1).
  ///
  /// - Parameter range: a...b, with finite bounds and a finite width b − a.
  case uniform(in: ClosedRange<Double>)
  /// Independent values from the normal distribution N(μ, σ²): x = μ + σ·z with z standard
  /// normal.
  ///
  /// - Parameters:
  ///   - mean: μ, finite.
  ///   - standardDeviation: σ, finite and at least 0.
  case normal(mean: Double, standardDeviation: Double)
  /// Glorot (Xavier) uniform, for a matrix: U(−r, r) with
  ///
  /// ```
  /// r = √(6 / (fan_in + fan_out))
  /// ```
  ///
  /// which gives variance r²/3 = 2/(fan_in + fan_out). Each value is (2u − 1)·r, u uniform in
  /// [0, 1), the same draws as ``MultilayerPerceptron``'s weights for tanh and sigmoid (Glorot &
  /// Bengio, 2010).
  case glorotUniform
  /// Glorot (Xavier) normal, for a matrix: N(0, σ²) with
  ///
  /// ```
  /// σ² = 2 / (fan_in + fan_out)
  /// ```
  ///
  /// (Glorot & Bengio, 2010).
  case glorotNormal
  /// He (Kaiming) uniform, for a matrix: U(−r, r) with
  ///
  /// ```
  /// r = √(6 / fan_in)
  /// ```
  ///
  /// which gives variance 2/fan_in. Each value is (2u − 1)·r, the same draws as
  /// ``MultilayerPerceptron``'s weights for ReLU (He, Zhang, Ren & Sun, 2015).
  case heUniform
  /// He (Kaiming) normal, for a matrix: N(0, σ²) with
  ///
  /// ```
  /// σ² = 2 / fan_in
  /// ```
  ///
  /// (He, Zhang, Ren & Sun, 2015).
  case heNormal

  /// The kinds, in the order of the cases, as the JSON form names them.
  static let kinds = [
    "zeros", "constant", "uniform", "normal", "glorotUniform", "glorotNormal", "heUniform",
    "heNormal",
  ]

  /// The kind of initializer as the JSON form names it: "zeros", "glorotUniform", ….
  var kind: String {
    switch self {
    case .zeros: return "zeros"
    case .constant: return "constant"
    case .uniform: return "uniform"
    case .normal: return "normal"
    case .glorotUniform: return "glorotUniform"
    case .glorotNormal: return "glorotNormal"
    case .heUniform: return "heUniform"
    case .heNormal: return "heNormal"
    }
  }

  /// Whether the initializer takes fans from a matrix's shape (Glorot and He).
  var usesFans: Bool {
    switch self {
    case .glorotUniform, .glorotNormal, .heUniform, .heNormal: return true
    case .zeros, .constant, .uniform, .normal: return false
    }
  }

  // MARK: - Validation

  /// Throws unless the initializer's numbers mean something: a finite constant, a range with
  /// finite bounds and width, a finite mean and a finite standard deviation ≥ 0.
  func validate(argument: String) throws {
    switch self {
    case .constant(let c) where !c.isFinite:
      throw ModelError.invalidArgument(
        argument: argument, value: ".\(self)", requirement: "a finite constant")
    case .uniform(let range)
    where !(range.upperBound - range.lowerBound).isFinite || !range.lowerBound.isFinite:
      throw ModelError.invalidArgument(
        argument: argument, value: ".\(self)",
        requirement: "a range with finite bounds and a finite width, such as "
          + ".uniform(in: -0.1...0.1)")
    case .normal(let mean, let deviation)
    where !mean.isFinite || !deviation.isFinite || !(deviation >= 0):
      throw ModelError.invalidArgument(
        argument: argument, value: ".\(self)",
        requirement: "a finite mean and a finite standard deviation of at least 0, such as "
          + ".normal(mean: 0, standardDeviation: 0.01)")
    default:
      return
    }
  }

  /// Throws unless the initializer is valid and suits a block of `shape` named `name`: Glorot
  /// and He need a matrix.
  func validate(for shape: ParameterShape, name: String, argument: String) throws {
    try validate(argument: argument)
    guard usesFans else { return }
    let matrix: String
    switch shape {
    case .matrix: return
    case .vector(let count): matrix = "a 1 × \(count) or \(count) × 1 matrix"
    case .scalar: matrix = "a 1 × 1 matrix"
    }
    throw ModelError.invalidArgument(
      argument: argument, value: ".\(self)",
      requirement: ".zeros, .constant, .uniform or .normal for `\(name)`, \(shape.phrase): "
        + "Glorot and He take fan-in and fan-out from a matrix's shape (rows = fan-out, "
        + "columns = fan-in); declare `\(name)` as \(matrix) to use them")
  }
}

extension ParameterInitializer: CustomStringConvertible {
  /// The initializer as it is written in Swift, without the leading dot: "zeros",
  /// "constant(0.5)", "uniform(in: -0.1...0.1)", "normal(mean: 0.0, standardDeviation: 0.01)",
  /// "glorotUniform".
  public var description: String {
    switch self {
    case .constant(let c): return "constant(\(c))"
    case .uniform(let range): return "uniform(in: \(range.lowerBound)...\(range.upperBound))"
    case .normal(let mean, let deviation):
      return "normal(mean: \(mean), standardDeviation: \(deviation))"
    default: return kind
    }
  }
}
