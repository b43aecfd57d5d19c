/// Why ``minimize(_:from:using:bounds:options:progress:)`` stopped: one case per criterion of
/// ``MinimizationOptions``, and two for runs that stopped but must not be read as converged.
///
/// Only the first three are convergence (``isConvergence``); the limits, the callback, a
/// stall and divergence are not, whatever the cost reached. Two rules keep the first three
/// honest, with θ₀ the start and θₖ the last iterate:
///
/// ```
/// step or cost-change test held, but ‖∇J(θₖ)‖₂ > ‖∇J(θ₀)‖₂   →  stoppedAtLargeGradient
/// any stop but divergence,        but J(θₖ) > J(θ₀)           →  costRose (best θ returned)
/// ```
public enum StopReason<T: BinaryFloatingPoint>: Equatable, CustomStringConvertible {
  /// ‖∇J(θ)‖₂ ≤ ``MinimizationOptions/gradientTolerance``.
  case gradientNormBelowTolerance
  /// The last step was no longer than ``MinimizationOptions/stepTolerance``, and the gradient
  /// is no larger than at the start.
  case stepSizeBelowTolerance
  /// The cost changed by no more than ``MinimizationOptions/valueTolerance`` (or the relative
  /// tolerance) over ``MinimizationOptions/valueChangeWindow`` iterations, and the gradient is
  /// no larger than at the start.
  case valueChangeBelowTolerance
  /// The step or the change of cost fell below its tolerance while ‖∇J(θₖ)‖₂ > ‖∇J(θ₀)‖₂: the
  /// method stopped moving, but not at a minimum. Not convergence; ``LargeGradientStop`` says
  /// more.
  case stoppedAtLargeGradient(LargeGradientStop<T>)
  /// ``MinimizationOptions/maximumIterations`` steps were taken.
  case iterationLimit
  /// ``MinimizationOptions/timeLimit`` elapsed.
  case timeLimit
  /// The progress callback returned ``ProgressAction/stop``.
  case stoppedByCallback
  /// The method found no acceptable point along its search direction (for ``LBFGS``: the line
  /// search failed even from steepest descent), usually because the cost is flat to
  /// floating-point precision there.
  case stalled
  /// The cost, the gradient or a parameter stopped being finite, or the cost grew far above its
  /// best value. The result holds the best parameters seen; ``Divergence`` says more.
  case diverged(Divergence<T>)
  /// The run ended, by any of the criteria above but divergence, with J(θₖ) > J(θ₀): worse than
  /// its start. Not convergence; the result holds the best parameters seen, and ``CostRise``
  /// keeps the criterion that ended the run.
  indirect case costRose(CostRise<T>)
  /// A training run with validation stopped because the validation metric did not improve for
  /// the patience given; the result holds the parameters of the best epoch. Set by `train`, never
  /// by `minimize`. Not convergence; ``EarlyStop`` says more.
  case earlyStopped(EarlyStop<T>)

  /// `true` for the criteria that mean the method has converged: gradient, step and cost change.
  public var isConvergence: Bool {
    switch self {
    case .gradientNormBelowTolerance, .stepSizeBelowTolerance, .valueChangeBelowTolerance:
      return true
    default:
      return false
    }
  }

  public var description: String {
    switch self {
    case .gradientNormBelowTolerance: return "converged: gradient norm below tolerance"
    case .stepSizeBelowTolerance: return "converged: step size below tolerance"
    case .valueChangeBelowTolerance: return "converged: change of cost below tolerance"
    case .iterationLimit: return "not converged: iteration limit reached"
    case .timeLimit: return "not converged: time limit reached"
    case .stoppedByCallback: return "stopped by the progress callback"
    case .stalled: return "stalled: no acceptable step found"
    case .diverged(let divergence): return "diverged: \(divergence.message)"
    case .stoppedAtLargeGradient(let stop): return "not converged: \(stop.message)"
    case .costRose(let rise): return "not converged: \(rise.message)"
    case .earlyStopped(let stop): return "stopped early: \(stop.message)"
    }
  }
}

extension StopReason: Sendable where T: Sendable {}

/// The report of a run that diverged.
public struct Divergence<T: BinaryFloatingPoint>: Equatable {
  /// What was detected.
  public enum Cause: Sendable, Equatable {
    /// The cost, the gradient or a parameter became NaN or infinite.
    case nonFinite
    /// The cost rose more than ``MinimizationOptions/divergenceFactor`` above its best value.
    case growth
  }

  /// What was detected.
  public var cause: Cause
  /// The iteration at which it was detected.
  public var iteration: Int
  /// The cost there (possibly NaN or infinite).
  public var value: T
  /// The parameters of the last iterate at which cost, gradient and parameters were all
  /// finite: the detected iterate for ``Cause/growth``, the one before it for
  /// ``Cause/nonFinite``.
  public var lastFiniteParameters: [T]
  /// The iteration of the best cost seen, whose parameters the result returns.
  public var bestIteration: Int
  /// The best cost seen.
  public var bestValue: T
  /// The learning rate in use, and a smaller one to try.
  public var learningRate: T
  /// What happened and what to change, for printing.
  public var message: String

  /// Creates a report, composing its ``message``.
  public init(
    cause: Cause, iteration: Int, value: T, lastFiniteParameters: [T], bestIteration: Int,
    bestValue: T, learningRate: T
  ) {
    self.cause = cause
    self.iteration = iteration
    self.value = value
    self.lastFiniteParameters = lastFiniteParameters
    self.bestIteration = bestIteration
    self.bestValue = bestValue
    self.learningRate = learningRate
    let what =
      switch cause {
      case .nonFinite:
        Double(value).isNaN
          ? "the cost became NaN"
          : Double(value).isInfinite
            ? "the cost became infinite"
            : "the gradient or a parameter became NaN or infinite (the cost was \(readable(Double(value))))"
      case .growth: "the cost grew to \(readable(Double(value)))"
      }
    let rate = readable(Double(learningRate))
    let smaller = readable(Double(learningRate) / 10)
    message =
      "\(what) at iteration \(iteration); the best cost was \(readable(Double(bestValue))) at "
      + "iteration \(bestIteration), whose parameters are returned. The learning rate \(rate) is "
      + "probably too large: try a smaller one, such as \(smaller)."
  }
}

/// `x` rounded to four significant digits, for messages: 81339111.127 reads 81340000.0 and
/// 0.10999999999999999 reads 0.11.
func readable(_ x: Double) -> String {
  guard x.isFinite, x != 0 else { return describe(x) }
  let shift = 3 - Int(x.log10Floor)
  // Powers of ten up to 10²² are exact, so scale by one rather than multiply by its inverse.
  let scale = Double.pow10(Swift.abs(shift))
  return shift >= 0 ? "\((x * scale).rounded() / scale)" : "\((x / scale).rounded() * scale)"
}

/// `x` to four significant digits as ``readable(_:)`` writes it from 10⁻⁴ to 10⁶, and as a
/// mantissa and a power of ten outside: 3.4952e15 reads 3.495e15.
func readableWithExponent(_ x: Double) -> String {
  let magnitude = Swift.abs(x)
  guard x.isFinite, x != 0, magnitude >= 1e6 || magnitude < 1e-4 else { return readable(x) }
  var exponent = Int(x.log10Floor)
  let scale = Double.pow10(Swift.abs(exponent))
  guard scale.isFinite else { return describe(x) }
  var mantissa = ((exponent >= 0 ? x / scale : x * scale) * 1000).rounded() / 1000
  if Swift.abs(mantissa) >= 10 {
    mantissa /= 10
    exponent += 1
  }
  return "\(mantissa)e\(exponent)"
}

/// `x` as Swift prints it, except NaN, which prints as "NaN" rather than "nan" or "-nan".
@usableFromInline func describe(_ x: Double) -> String { x.isNaN ? "NaN" : "\(x)" }

extension Double {
  /// ⌊log₁₀ |x|⌋ for finite non-zero x, without the C library.
  fileprivate var log10Floor: Double {
    var exponent = 0.0
    var magnitude = Swift.abs(self)
    while magnitude >= 10 {
      magnitude /= 10
      exponent += 1
    }
    while magnitude < 1 {
      magnitude *= 10
      exponent -= 1
    }
    return exponent
  }

  /// 10ⁿ for n ≥ 0.
  fileprivate static func pow10(_ n: Int) -> Double {
    var result = 1.0
    for _ in 0..<n { result *= 10 }
    return result
  }
}

extension Divergence: Sendable where T: Sendable {}
