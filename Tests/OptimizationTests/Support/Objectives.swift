import AutoDiff

// The objectives of the PyTorch reference file (`Resources/optimizers.json`, key `objectives`),
// written once, generically, so that AutoDiff differentiates them. Keep in sync with the
// formulas stored in that file.
enum Objectives {
  /// (1 − x₀)² + 100 (x₁ − x₀²)²
  static func rosenbrock<S: RealScalar>(_ x: [S]) -> S {
    let a = 1 - x[0]
    let b = x[1] - x[0] * x[0]
    return a * a + 100 * b * b
  }

  /// Σᵢ (i + 1)(xᵢ − 1)² for i = 0…4 (any length).
  static func quadratic5<S: RealScalar>(_ x: [S]) -> S {
    var total: S = 0
    for i in x.indices {
      let d = x[i] - 1
      total += S(i + 1) * d * d
    }
    return total
  }

  /// (1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)²
  static func beale<S: RealScalar>(_ p: [S]) -> S {
    let x = p[0]
    let y = p[1]
    let a = 1.5 - x + x * y
    let b = 2.25 - x + x * y * y
    let c = 2.625 - x + x * y * y * y
    return a * a + b * b + c * c
  }

  /// The extended Rosenbrock function of Moré, Garbow & Hillstrom (1981), n even:
  /// Σ over pairs [100 (x₂ᵢ₊₁ − x₂ᵢ²)² + (1 − x₂ᵢ)²]; minimum 0 at (1, …, 1).
  static func extendedRosenbrock<S: RealScalar>(_ x: [S]) -> S {
    var total: S = 0
    var i = 0
    while i + 1 < x.count {
      let a = 1 - x[i]
      let b = x[i + 1] - x[i] * x[i]
      total += a * a + 100 * b * b
      i += 2
    }
    return total
  }

  /// An ill-conditioned quadratic ½ Σᵢ κ^(i/(n−1)) xᵢ², condition number κ; minimum 0 at 0.
  static func illConditioned<S: RealScalar>(_ x: [S], conditionNumber: Double) -> S {
    var total: S = 0
    let n = x.count
    for i in x.indices {
      let exponent = n > 1 ? Double(i) / Double(n - 1) : 0
      let weight = S(0.5 * pow(conditionNumber, exponent))
      total += weight * x[i] * x[i]
    }
    return total
  }

  /// The objective named in the reference file.
  static func named(_ name: String) -> (([Variable<Double>]) -> Variable<Double>)? {
    switch name {
    case "rosenbrock": return { rosenbrock($0) }
    case "quadratic5": return { quadratic5($0) }
    case "beale": return { beale($0) }
    default: return nil
    }
  }
}
