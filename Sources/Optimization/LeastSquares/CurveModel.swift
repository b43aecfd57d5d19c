import AutoDiff

/// A model curve y = f(x; p) written once, generic over `RealScalar`, for
/// ``fitCurve(_:x:y:weights:from:bounds:mode:options:)``.
///
/// ```swift
/// /// Michaelis–Menten kinetics: the rate v = Vmax·s / (Km + s) at substrate concentration s.
/// struct MichaelisMenten: CurveModel {
///   func callAsFunction<S: RealScalar>(_ s: S, _ p: [S]) -> S {
///     p[0] * s / (p[1] + s)
///   }
/// }
/// ```
///
/// The solver calls the model with x already converted to the number type it differentiates
/// in, so a formula mixes x and the parameters without conversions. Use the free functions
/// (`exp(x)`, `log(x)`, `pow(x, y)`, `atan2(y, x)`, …) and operators of `RealScalar`; write other
/// constants as literals or `S(value)`.
///
/// A model with several inputs per data point (x₁, x₂), or whose residuals are not
/// `f(xᵢ) − yᵢ`, is written as residuals instead: a `DifferentiableVectorFunction` for
/// ``leastSquares(_:from:bounds:mode:options:)``.
public protocol CurveModel {
  /// f(x; p), evaluated in the scalar type `S`.
  ///
  /// - Parameters:
  ///   - x: The value of the independent variable at one data point.
  ///   - parameters: p, the parameters being fitted, in the order of the `start` of the fit.
  func callAsFunction<S: RealScalar>(_ x: S, _ parameters: [S]) -> S
}

/// The residuals of a curve fit, rᵢ(p) = √wᵢ (f(xᵢ; p) − yᵢ), as a vector function of p.
@usableFromInline
struct CurveResiduals<Model: CurveModel, T: BinaryFloatingPoint & RealScalar>:
  DifferentiableVectorFunction
{
  @usableFromInline let model: Model
  @usableFromInline let x: [T]
  @usableFromInline let y: [T]
  /// √wᵢ, or `nil` for an unweighted fit.
  @usableFromInline let rootWeights: [T]?

  @inlinable
  init(model: Model, x: [T], y: [T], rootWeights: [T]?) {
    self.model = model
    self.x = x
    self.y = y
    self.rootWeights = rootWeights
  }

  @inlinable
  func callAsFunction<S: RealScalar>(_ p: [S]) -> [S] {
    var residuals: [S] = []
    residuals.reserveCapacity(x.count)
    if let rootWeights {
      for i in x.indices {
        residuals.append(S(rootWeights[i]) * (model(S(x[i]), p) - S(y[i])))
      }
    } else {
      for i in x.indices { residuals.append(model(S(x[i]), p) - S(y[i])) }
    }
    return residuals
  }
}
