import AutoDiff
import Foundation
import Optimization
import Testing

/// y = a + b·x.
private struct Line: CurveModel {
  func callAsFunction<S: RealScalar>(_ x: S, _ p: [S]) -> S { p[0] + p[1] * x }
}

/// y = a + 0.4·x: the line with its slope held at 0.4, one parameter.
private struct LineOfSlopeFourTenths: CurveModel {
  func callAsFunction<S: RealScalar>(_ x: S, _ p: [S]) -> S { p[0] + S(0.4) * x }
}

/// y = A·exp(−k·t).
private struct Decay: CurveModel {
  func callAsFunction<S: RealScalar>(_ t: S, _ p: [S]) -> S { p[0] * exp(-p[1] * t) }
}

/// v = Vmax·s / (K + s).
private struct MichaelisMenten: CurveModel {
  func callAsFunction<S: RealScalar>(_ s: S, _ p: [S]) -> S { p[0] * s / (p[1] + s) }
}

/// Rosenbrock's function as residuals: 10(xᵢ₊₁ − xᵢ²) and 1 − xᵢ for each i < n − 1, whose sum
/// of squares is Σ 100(xᵢ₊₁ − xᵢ²)² + (1 − xᵢ)².
private struct RosenbrockResiduals: DifferentiableVectorFunction {
  func callAsFunction<S: RealScalar>(_ p: [S]) -> [S] {
    var residuals: [S] = []
    for i in 0..<(p.count - 1) {
      residuals.append(10 * (p[i + 1] - p[i] * p[i]))
      residuals.append(1 - p[i])
    }
    return residuals
  }
}

/// The line y = w·x + b on rows x of features: residuals w·xᵢ + b − yᵢ, with b the last parameter.
private struct LinearResiduals: DifferentiableVectorFunction {
  let rows: [[Double]]
  let y: [Double]

  func callAsFunction<S: RealScalar>(_ p: [S]) -> [S] {
    rows.indices.map { i in
      var total = p[rows[i].count]
      for j in rows[i].indices { total += S(rows[i][j]) * p[j] }
      return total - S(y[i])
    }
  }
}

/// p + √(−(p − 1)²): finite only at p = 1.
private struct FiniteAtOnePoint: DifferentiableVectorFunction {
  func callAsFunction<S: RealScalar>(_ p: [S]) -> [S] {
    let offset = p[0] - 1
    return [p[0] + sqrt(-offset * offset)]
  }
}

/// √p + 1: least at p = 0, the lower bound, where √ has an infinite slope.
private struct RootPlusOne: DifferentiableVectorFunction {
  func callAsFunction<S: RealScalar>(_ p: [S]) -> [S] { [sqrt(p[0]) + 1] }
}

/// Records every point at which its model is evaluated on plain numbers (the trial points).
private final class Recorder {
  var points: [[Double]] = []
}

/// Michaelis–Menten residuals that record where they are evaluated.
private struct RecordedMichaelisMenten: DifferentiableVectorFunction {
  let s: [Double]
  let v: [Double]
  let recorder: Recorder

  func callAsFunction<S: RealScalar>(_ p: [S]) -> [S] {
    if let plain = p as? [Double] { recorder.points.append(plain) }
    return s.indices.map { i in p[0] * S(s[i]) / (p[1] + S(s[i])) - S(v[i]) }
  }
}

/// Deterministic noise in [−amplitude, amplitude].
private func noise(_ i: Int, amplitude: Double) -> Double {
  amplitude * sin(Double(i) * 12.9898 + 78.233)
}

/// `Resources/diabetes.csv` (a copy of the shared data set; see its README): ten mean-centred,
/// scaled features and the disease progression a year later, for 442 patients.
private func diabetes() throws -> (rows: [[Double]], target: [Double]) {
  let url = try #require(
    Bundle.module.url(forResource: "diabetes", withExtension: "csv", subdirectory: "Resources"))
  let text = try String(contentsOf: url, encoding: .utf8)
  var rows: [[Double]] = []
  var target: [Double] = []
  for line in text.split(whereSeparator: \.isNewline).dropFirst() {
    let values = try line.split(separator: ",").map { try #require(Double($0)) }
    rows.append(Array(values.prefix(10)))
    target.append(values[10])
  }
  return (rows, target)
}

/// The same fit, every field but the wall-clock time.
private func sameFit(_ a: LeastSquaresResult<Double>, _ b: LeastSquaresResult<Double>) -> Bool {
  var a = a
  var b = b
  a.elapsed = .zero
  b.elapsed = .zero
  return a == b
}

/// Puromycin, treated cells: substrate concentration (ppm) and initial rate (counts/min²).
private let concentration: [Double] = [
  0.02, 0.02, 0.06, 0.06, 0.11, 0.11, 0.22, 0.22, 0.56, 0.56, 1.1, 1.1,
]
private let rate: [Double] = [76, 47, 97, 107, 123, 139, 159, 152, 191, 201, 207, 200]

/// Counts that grow slightly over time, so that the unbounded decay rate is negative.
private let time: [Double] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]
private let counts: [Double] = [1.00, 1.03, 1.01, 1.06, 1.05, 1.09, 1.08, 1.12, 1.11, 1.15]

@Suite("Least squares: bounds")
struct LeastSquaresBoundsTests {
  // MARK: - Against references

  /// scikit-learn's `LinearRegression(positive=True)` on the diabetes data: every coefficient
  /// w ≥ 0, the intercept free.
  @Test func diabetesNonnegativeLeastSquaresMatchesScikitLearn() throws {
    // From /work/shared/reference/bounded.json, case `diabetes_nonnegative_least_squares`
    // (scikit-learn LinearRegression(positive=True) on diabetes.csv).
    let coefficients: [Double] = [
      0.0, 0.0, 585.3267076436051, 257.89707040392403, 0.0, 0.0, 0.0, 68.07514101681657,
      496.6540650035754, 31.84583530388986,
    ]
    let intercept = 152.13348416289605
    let meanSquaredError = 3074.1786797315144

    let (rows, target) = try diabetes()
    let bounds = try Bounds<Double>(lower: [Double](repeating: 0, count: 10) + [-.infinity])
    let residuals = LinearResiduals(rows: rows, y: target)
    for start in [[Double](repeating: 0, count: 11), [Double](repeating: -100, count: 11)] {
      let fit = try leastSquares(residuals, from: start, bounds: bounds)
      #expect(fit.converged, "\(fit.stopReason)")
      let largest = coefficients.map(abs).max()!
      for j in 0..<10 {
        if coefficients[j] == 0 {
          #expect(fit.parameters[j] == 0, "w[\(j)] = \(fit.parameters[j])")
        } else {
          #expect(
            abs(fit.parameters[j] - coefficients[j]) <= 1e-6 * largest,
            "w[\(j)] = \(fit.parameters[j]), scikit-learn \(coefficients[j])")
        }
      }
      #expect(abs(fit.parameters[10] - intercept) <= 1e-6 * largest)
      let mse = fit.residualSumOfSquares / Double(target.count)
      #expect(isClose(mse, meanSquaredError, relative: 1e-9), "MSE \(mse)")
      #expect(fit.activeBounds == [0, 1, 4, 5, 6])
      #expect(fit.movedOntoBounds == (start[0] < 0 ? Array(0..<10) : []))

      // The first-order conditions, which certify the minimum of this convex problem: the
      // gradient Xᵀr vanishes in the free coefficients and pushes every zero one outward.
      var gradient = [Double](repeating: 0, count: 11)
      for i in rows.indices {
        for j in 0..<10 { gradient[j] += rows[i][j] * fit.residuals[i] }
        gradient[10] += fit.residuals[i]
      }
      let size = fit.residuals.map(abs).reduce(0, +)
      for j in 0..<11 {
        if fit.activeBounds.contains(j) {
          #expect(gradient[j] > 0, "∂Φ/∂w[\(j)] = \(gradient[j]) at its bound")
        } else {
          #expect(abs(gradient[j]) <= 1e-12 * size, "∂Φ/∂p[\(j)] = \(gradient[j])")
        }
      }

      let errors = try #require(fit.standardErrors)
      for j in 0..<11 { #expect(errors[j].isNaN == fit.activeBounds.contains(j)) }
      #expect(fit.degreesOfFreedom == 442 - 6)
      #expect(fit.note?.hasPrefix("Parameters 0, 1, 4, 5, 6 are at a bound") == true)
    }
  }

  @Test func floatReachesTheSameNonnegativeFit() throws {
    let (rows, target) = try diabetes()
    // The Double fit of the test above, which agrees with scikit-learn.
    let bounds = try Bounds<Double>(lower: [Double](repeating: 0, count: 10) + [-.infinity])
    let reference = try leastSquares(
      LinearResiduals(rows: rows, y: target), from: [Double](repeating: 0, count: 11),
      bounds: bounds)

    /// The same residuals evaluated in Float.
    struct FloatResiduals: DifferentiableVectorFunction {
      let rows: [[Float]]
      let y: [Float]
      func callAsFunction<S: RealScalar>(_ p: [S]) -> [S] {
        rows.indices.map { i in
          var total = p[10]
          for j in 0..<10 { total += S(rows[i][j]) * p[j] }
          return total - S(y[i])
        }
      }
    }
    let fit = try leastSquares(
      FloatResiduals(rows: rows.map { $0.map { Float($0) } }, y: target.map { Float($0) }),
      from: [Float](repeating: 0, count: 11),
      bounds: Bounds(lower: [Float](repeating: 0, count: 10) + [-.infinity]))
    #expect(fit.converged, "\(fit.stopReason)")
    #expect(fit.activeBounds == reference.activeBounds)
    for j in 0..<11 {
      #expect(abs(Double(fit.parameters[j]) - reference.parameters[j]) <= 1e-3 * 585)
    }
  }

  /// SciPy's L-BFGS-B minimizers of Rosenbrock's function in a box (bounded.json): the same
  /// minimizer to 1e-6 of its largest component, or a lower value inside the box.
  @Test func rosenbrockInABoxMeetsSciPysMinimizer() throws {
    // From /work/shared/reference/bounded.json, cases `rosenbrock2_box` and
    // `rosenbrock10_upper` (SciPy L-BFGS-B, ftol 1e-15, gtol 1e-12).
    let cases:
      [(start: [Double], lower: [Double], upper: [Double], minimizer: [Double], value: Double)] =
        [
          (
            [-1.2, 1.0], [-1.5, -0.5], [0.5, 2.0], [0.5, 0.2499999949958299],
            0.2500000000000025
          ),
          (
            [-1.2, 1.0, -1.2, 1.0, -1.2, 1.0, -1.2, 1.0, -1.2, 1.0],
            [Double](repeating: -.infinity, count: 10),
            [0.8, .infinity, 0.8, .infinity, 0.8, .infinity, 0.8, .infinity, 0.8, .infinity],
            [
              0.8, 0.6658864522908952, 0.4603335765298576, 0.22443286871026086,
              0.06099734703323561, 0.013862205331601153, 0.010297187769315284,
              0.010206045724134014, 0.010004117379145423, 0.00010007725257050181,
            ],
            6.001016394606368
          ),
        ]
    for reference in cases {
      let bounds = try Bounds(lower: reference.lower, upper: reference.upper)
      let fit = try leastSquares(RosenbrockResiduals(), from: reference.start, bounds: bounds)
      #expect(fit.converged, "\(fit.stopReason)")
      #expect(fit.activeBounds == [0])
      #expect(fit.parameters[0] == reference.minimizer[0])
      let largest = reference.minimizer.map(abs).max()!
      let same = zip(fit.parameters, reference.minimizer).allSatisfy {
        abs($0 - $1) <= 1e-6 * largest
      }
      #expect(same || fit.cost <= reference.value, "\(fit.parameters), \(fit.cost)")
      #expect(fit.cost <= reference.value * (1 + 1e-12))
      #expect(zip(fit.parameters, reference.upper).allSatisfy { $0 <= $1 })
    }
  }

  // MARK: - Active bounds in curve fits

  /// A decay fitted to counts that grow: without bounds the rate is negative; held at k ≥ 0 it
  /// is exactly 0, where the model is the constant A, so A is the mean of the counts and its
  /// standard error s/√m on m − 1 degrees of freedom.
  func decayHeldAtARateOfZero<T: BinaryFloatingPoint & RealScalar>(
    _: T.Type, tolerance: T
  ) throws {
    let t = time.map { T($0) }
    let y = counts.map { T($0) }
    let free = try fitCurve(Decay(), x: t, y: y, from: [1, 0.1])
    #expect(free.parameters[1] < 0)

    let fit = try fitCurve(
      Decay(), x: t, y: y, from: [1, 0.1], bounds: Bounds(lower: [-.infinity, 0]))
    #expect(fit.converged, "\(fit.stopReason)")
    #expect(fit.parameters[1] == 0)
    #expect(fit.activeBounds == [1])
    let m = T(y.count)
    let mean = y.reduce(0, +) / m
    var sumOfSquares: T = 0
    for value in y { sumOfSquares += (value - mean) * (value - mean) }
    #expect(abs(fit.parameters[0] - mean) <= tolerance * mean)
    #expect(abs(fit.residualSumOfSquares - sumOfSquares) <= tolerance * sumOfSquares)
    #expect(fit.degreesOfFreedom == y.count - 1)
    let errors = try #require(fit.standardErrors)
    let expected = (sumOfSquares / (m - 1)).squareRoot() / m.squareRoot()
    #expect(abs(errors[0] - expected) <= 10 * tolerance * expected)
    #expect(errors[1].isNaN)
    let covariance = try #require(fit.covariance)
    #expect(covariance[0][1].isNaN && covariance[1][0].isNaN && covariance[1][1].isNaN)
    #expect(fit.cost >= free.cost)
  }

  @Test func aDecayIsHeldAtARateOfZeroInDouble() throws {
    try decayHeldAtARateOfZero(Double.self, tolerance: 1e-12)
  }

  @Test func aDecayIsHeldAtARateOfZeroInFloat() throws {
    try decayHeldAtARateOfZero(Float.self, tolerance: 1e-5)
  }

  @Test func aResultAtABoundSaysSoWhenPrinted() throws {
    let fit = try fitCurve(
      Decay(), x: time, y: counts, from: [1, 0.1], bounds: Bounds(lower: [-.infinity, 0]))
    let lines = "\(fit)".split(separator: "\n").map(String.init)
    #expect(lines[1].hasPrefix("  p[0] = 1.07 ± "))
    #expect(lines[2] == "  p[1] = 0.0 (at a bound)")
    #expect(
      lines[4]
        == "  note: Parameter 1 is at a bound, where the usual covariance s²(JᵀJ)⁻¹ does not "
        + "apply: the covariance and standard errors are those of the other parameters with it "
        + "held at the bound (NaN in its rows, columns and standard errors), and the degrees of "
        + "freedom count only the 1 parameter not at a bound.")
  }

  @Test func aFixedParameterKeepsItsValue() throws {
    let x: [Double] = [0, 1, 2, 3, 4, 5, 6, 7]
    let y: [Double] = [1.1, 2.9, 5.2, 7.1, 8.8, 11.2, 12.9, 15.1]
    // The slope fixed at 2 (from a start of 5, moved onto it): the intercept is the mean of
    // y − 2x, with the standard error of a mean.
    let bounds = try Bounds<Double>(lower: [-.infinity, 2], upper: [.infinity, 2])
    let fit = try fitCurve(Line(), x: x, y: y, from: [0, 5], bounds: bounds)
    #expect(fit.converged)
    #expect(fit.parameters[1] == 2)
    #expect(fit.movedOntoBounds == [1])
    #expect(fit.activeBounds == [1])
    let shifted = zip(x, y).map { $1 - 2 * $0 }
    let mean = shifted.reduce(0, +) / 8
    #expect(isClose(fit.parameters[0], mean, relative: 1e-13))
    let variance = shifted.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 7
    let errors = try #require(fit.standardErrors)
    #expect(isClose(errors[0], (variance / 8).squareRoot(), relative: 1e-12))
    #expect(errors[1].isNaN)
    #expect(fit.rank == 1)
  }

  @Test func everyParameterFixedLeavesNothingToFit() throws {
    let x: [Double] = [0, 1, 2, 3]
    let y: [Double] = [1.5, 3.5, 4.5, 7.5]
    let bounds = try Bounds<Double>(lower: [1, 2], upper: [1, 2])
    let fit = try fitCurve(Line(), x: x, y: y, from: [0, 0], bounds: bounds)
    #expect(fit.stopReason == .gradientBelowTolerance)
    #expect(fit.parameters == [1, 2])
    #expect(fit.movedOntoBounds == [0, 1])
    #expect(fit.activeBounds == [0, 1])
    #expect(fit.iterations == 1 && fit.evaluations == 0)
    #expect(fit.residualSumOfSquares == 1)
    #expect(fit.degreesOfFreedom == 4)
    #expect(fit.residualStandardDeviation == 0.5)
    #expect(fit.rank == 0 && fit.singularValues.isEmpty && fit.conditionNumber.isNaN)
    let errors = try #require(fit.standardErrors)
    #expect(errors.allSatisfy { $0.isNaN })
    #expect(fit.note?.hasPrefix("Parameters 0, 1 are at a bound") == true)
  }

  @Test func aStartOutsideTheBoundsIsMovedOntoThemAndNothingIsEvaluatedOutside() throws {
    let free = try fitCurve(MichaelisMenten(), x: concentration, y: rate, from: [200, 0.1])
    let recorder = Recorder()
    let residuals = RecordedMichaelisMenten(s: concentration, v: rate, recorder: recorder)
    let bounds = try Bounds<Double>(lower: [0, 0], upper: [1000, 1])
    let fit = try leastSquares(residuals, from: [-50, 5], bounds: bounds)
    #expect(fit.movedOntoBounds == [0, 1])
    #expect(fit.activeBounds == [])
    #expect(fit.converged, "\(fit.stopReason)")
    #expect(isClose(fit.parameters[0], free.parameters[0], relative: 1e-10))
    #expect(isClose(fit.parameters[1], free.parameters[1], relative: 1e-10))
    #expect(!recorder.points.isEmpty)
    for point in recorder.points {
      #expect(point[0] >= 0 && point[0] <= 1000 && point[1] >= 0 && point[1] <= 1, "\(point)")
    }
  }

  @Test(arguments: RobustLoss<Double>.Kind.allCases)
  func robustLossesHoldABoundToo(_ kind: RobustLoss<Double>.Kind) throws {
    // y = 2 + 0.5x with noise and five gross outliers; the slope capped at 0.4.
    let x = (0..<40).map { Double($0) / 4 }
    var y = x.enumerated().map { i, x in 2 + 0.5 * x + noise(i, amplitude: 0.1) }
    for i in [5, 13, 22, 30, 37] { y[i] += 8 }
    let loss: RobustLoss<Double> =
      switch kind {
      case .linear: .linear
      case .huber: .huber(scale: 0.2)
      case .softL1: .softL1(scale: 0.2)
      case .cauchy: .cauchy(scale: 0.2)
      }
    let bounds = try Bounds<Double>(upper: [.infinity, 0.4])
    let fit = try fitCurve(
      Line(), x: x, y: y, from: [0, 0], bounds: bounds, options: .init(loss: loss))
    #expect(fit.converged, "\(kind): \(fit.stopReason)")
    #expect(fit.parameters[1] == 0.4)
    #expect(fit.activeBounds == [1])
    // The intercept is that of the one-parameter fit with the slope written in as 0.4, to the
    // accuracy with which the gradient test ends a robust fit (the Cauchy loss's, about 1e-8).
    let held = try fitCurve(
      LineOfSlopeFourTenths(), x: x, y: y, from: [0], options: .init(loss: loss))
    #expect(
      isClose(fit.parameters[0], held.parameters[0], relative: 1e-7),
      "\(kind): \(fit.parameters[0]) against \(held.parameters[0])")
    #expect(isClose(fit.cost, held.cost, relative: 1e-12))
  }

  @Test(arguments: [
    LeastSquaresOptions<Double>.PolishMethod.none, .gaussNewton, .newton,
  ])
  func thePolishStaysInTheBox(_ method: LeastSquaresOptions<Double>.PolishMethod) throws {
    let bounds = try Bounds<Double>(lower: [0, 0], upper: [200, 1])
    let plain = try fitCurve(
      MichaelisMenten(), x: concentration, y: rate, from: [100, 0.5], bounds: bounds,
      options: .init(polishMethod: .none))
    let fit = try fitCurve(
      MichaelisMenten(), x: concentration, y: rate, from: [100, 0.5], bounds: bounds,
      options: .init(polishMethod: method))
    #expect(fit.converged)
    #expect(fit.parameters[0] == 200)
    #expect(fit.activeBounds == [0])
    #expect(fit.parameters[1] >= 0 && fit.parameters[1] <= 1)
    #expect(fit.cost <= plain.cost * (1 + 1e-13))
  }

  // MARK: - Bounds that do not bind

  /// Bounds that no iterate reaches leave every step, test and statistic as without them: the
  /// same result bit for bit.
  @Test func inactiveBoundsGiveTheSameFitBitForBit() throws {
    let free = try fitCurve(MichaelisMenten(), x: concentration, y: rate, from: [200, 0.1])
    let bounded = try fitCurve(
      MichaelisMenten(), x: concentration, y: rate, from: [200, 0.1],
      bounds: Bounds(lower: [0, 0], upper: [1000, 10]))
    #expect(sameFit(free, bounded))
    #expect(bounded.activeBounds.isEmpty && bounded.movedOntoBounds.isEmpty)

    func compare<Model: CurveModel>(_ model: Model, _ name: String) throws {
      let problem = try NISTProblem.load(name)
      for start in problem.starts {
        let plain = try fitCurve(model, x: problem.x[0], y: problem.y, from: start)
        let infinite = try fitCurve(
          model, x: problem.x[0], y: problem.y, from: start,
          bounds: Bounds(count: start.count))
        #expect(sameFit(plain, infinite), "\(name) from \(start)")
      }
    }
    try compare(NISTModels.Misra1a(), "Misra1a")
    try compare(NISTModels.MGH10(), "MGH10")
    try compare(NISTModels.ENSO(), "ENSO")
    try compare(NISTModels.Gauss(), "Gauss3")
    try compare(NISTModels.Rat42(), "Rat42")
  }

  // MARK: - Stop reasons

  @Test func everyStopReasonIsReachableWithBounds() throws {
    let box = try Bounds<Double>(lower: [-1.5, -0.5], upper: [0.5, 2])
    let limited = try leastSquares(
      RosenbrockResiduals(), from: [-1.2, 1.0], bounds: box,
      options: .init(maximumIterations: 2))
    #expect(limited.stopReason == .iterationLimit)
    #expect(limited.iterations == 2)

    let evaluations = try leastSquares(
      RosenbrockResiduals(), from: [-1.2, 1.0], bounds: box,
      options: .init(maximumEvaluations: 3))
    #expect(evaluations.stopReason == .evaluationLimit)

    // At x₀ = 0.5 the gradient pushes against the bound; the projected gradient vanishes.
    let gradient = try leastSquares(RosenbrockResiduals(), from: [-1.2, 1.0], bounds: box)
    #expect(gradient.stopReason == .gradientBelowTolerance)
    #expect(gradient.activeBounds == [0])

    let decayBounds = try Bounds<Double>(lower: [-.infinity, 0])
    let reduction = try fitCurve(
      Decay(), x: time, y: counts, from: [1, 0.1], bounds: decayBounds,
      options: .init(gradientTolerance: 0))
    #expect(reduction.stopReason == .reductionBelowTolerance)
    #expect(reduction.activeBounds == [1])

    let step = try fitCurve(
      Decay(), x: time, y: counts, from: [1, 0.1], bounds: decayBounds,
      options: .init(reductionTolerance: 0, stepTolerance: 1e-3, gradientTolerance: 0))
    #expect(step.stopReason == .stepBelowTolerance)

    let precision = try fitCurve(
      Decay(), x: time, y: counts, from: [1, 0.1], bounds: decayBounds,
      options: .init(reductionTolerance: 0, stepTolerance: 0, gradientTolerance: 0))
    #expect(precision.stopReason == .precisionLimit)
    #expect(precision.parameters[1] == 0)

    let nowhereFinite = try leastSquares(
      FiniteAtOnePoint(), from: [1.0], bounds: Bounds(lower: [0], upper: [2]))
    #expect(nowhereFinite.stopReason == .nonFiniteResiduals)
    #expect(nowhereFinite.parameters == [1])

    // The step to p = −3 is projected onto p = 0, where √p has an infinite slope.
    let infiniteSlope = try leastSquares(
      RootPlusOne(), from: [1.0], bounds: Bounds(lower: [0]))
    #expect(infiniteSlope.stopReason == .nonFiniteJacobian)
    #expect(infiniteSlope.parameters == [0])
    #expect(infiniteSlope.activeBounds == [0])
  }
}
