// Everyday numeric Swift on plain `Double` and `Float`, one expression-heavy function each,
// written the way people write them. scripts/typecheck-budget.sh type-checks this file with and
// without `-D WITH_DESCENT` and compares the summed `-debug-time-function-bodies` times: code
// that does not use Descent must not type-check slower because the module is imported.
//
// Each expression stays whole, with its literals and without type annotations inside, as people
// write it: split into sub-expressions or annotated, it would measure code nobody writes. The
// formatter's line breaks are harmless; they do not change what is type-checked.

import Foundation

#if WITH_DESCENT
  import Descent
#endif

// MARK: - Statistics

func mean(_ xs: [Double]) -> Double {
  xs.reduce(0, +) / Double(xs.count)
}

func variance(_ xs: [Double]) -> Double {
  let m = xs.reduce(0, +) / Double(xs.count)
  return xs.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(xs.count - 1)
}

func standardDeviation(_ xs: [Double]) -> Double {
  let m = xs.reduce(0.0) { $0 + $1 } / Double(xs.count)
  return sqrt(xs.reduce(0.0) { $0 + ($1 - m) * ($1 - m) } / Double(xs.count - 1))
}

func rootMeanSquareError(_ predicted: [Double], _ observed: [Double]) -> Double {
  var total = 0.0
  for i in 0..<predicted.count {
    total += (predicted[i] - observed[i]) * (predicted[i] - observed[i])
  }
  return sqrt(total / Double(predicted.count))
}

func meanAbsoluteError(_ predicted: [Double], _ observed: [Double]) -> Double {
  zip(predicted, observed).map { abs($0 - $1) }.reduce(0, +) / Double(observed.count)
}

func gaussianPDF(_ x: Double, mean mu: Double, sigma: Double) -> Double {
  1 / (sigma * sqrt(2 * .pi)) * exp(-0.5 * ((x - mu) / sigma) * ((x - mu) / sigma))
}

func zScores(_ xs: [Double]) -> [Double] {
  let m = xs.reduce(0, +) / Double(xs.count)
  let s = sqrt(xs.map { pow($0 - m, 2) }.reduce(0, +) / Double(xs.count - 1))
  return xs.map { ($0 - m) / s }
}

func pearsonCorrelation(_ xs: [Double], _ ys: [Double]) -> Double {
  let n = Double(xs.count)
  let mx = xs.reduce(0, +) / n, my = ys.reduce(0, +) / n
  let sxy = zip(xs, ys).reduce(0.0) { $0 + ($1.0 - mx) * ($1.1 - my) }
  let sxx = xs.reduce(0.0) { $0 + ($1 - mx) * ($1 - mx) }
  let syy = ys.reduce(0.0) { $0 + ($1 - my) * ($1 - my) }
  return sxy / sqrt(sxx * syy)
}

func weightedAverage(_ values: [Double], _ weights: [Double]) -> Double {
  zip(values, weights).map { $0 * $1 }.reduce(0, +) / weights.reduce(0, +)
}

func positiveMean(_ xs: [Double]) -> Double {
  let positives = xs.filter { $0 > 0 && $0.isFinite }
  return positives.isEmpty ? 0 : positives.reduce(0, +) / Double(positives.count)
}

// MARK: - Geometry

func haversine(lat1: Double, lon1: Double, lat2: Double, lon2: Double) -> Double {
  let dLat = (lat2 - lat1) * .pi / 180
  let dLon = (lon2 - lon1) * .pi / 180
  let a =
    sin(dLat / 2) * sin(dLat / 2) + cos(lat1 * .pi / 180) * cos(lat2 * .pi / 180) * sin(dLon / 2)
    * sin(dLon / 2)
  return 6371 * 2 * atan2(sqrt(a), sqrt(1 - a))
}

func distance3D(_ x1: Double, _ y1: Double, _ z1: Double, _ x2: Double, _ y2: Double, _ z2: Double)
  -> Double
{
  sqrt((x2 - x1) * (x2 - x1) + (y2 - y1) * (y2 - y1) + (z2 - z1) * (z2 - z1))
}

func manhattanDistance(_ a: [Double], _ b: [Double]) -> Double {
  zip(a, b).reduce(0) { $0 + abs($1.0 - $1.1) }
}

func cosineSimilarity(_ a: [Double], _ b: [Double]) -> Double {
  let dot = zip(a, b).map { $0 * $1 }.reduce(0, +)
  return dot / (sqrt(a.map { $0 * $0 }.reduce(0, +)) * sqrt(b.map { $0 * $0 }.reduce(0, +)))
}

func dotProduct(_ a: [Double], _ b: [Double]) -> Double {
  var sum = 0.0
  for i in a.indices { sum += a[i] * b[i] }
  return sum
}

func degreesToRadians(_ degrees: Double) -> Double {
  degrees * .pi / 180.0
}

func radiansToDegrees(_ radians: Double) -> Double {
  radians * 180 / .pi
}

func triangleArea(_ a: Double, _ b: Double, _ c: Double) -> Double {
  let s = (a + b + c) / 2
  return sqrt(s * (s - a) * (s - b) * (s - c))
}

func polarToCartesian(r: Double, theta: Double) -> (Double, Double) {
  (r * cos(theta * .pi / 180), r * sin(theta * .pi / 180))
}

// MARK: - Polynomials and formulas

func cubic(_ x: Double) -> Double {
  3 * x * x * x - 2 * x * x + 0.5 * x - 7
}

func hornerQuintic(_ x: Double) -> Double {
  ((((2.5 * x - 1.25) * x + 0.75) * x - 3) * x + 1) * x - 0.125
}

func horner(_ coefficients: [Double], at x: Double) -> Double {
  coefficients.reversed().reduce(0) { $0 * x + $1 }
}

func quadraticRoots(a: Double, b: Double, c: Double) -> (Double, Double) {
  let d = sqrt(b * b - 4 * a * c)
  return ((-b + d) / (2 * a), (-b - d) / (2 * a))
}

func compoundInterest(principal: Double, rate: Double, timesPerYear: Double, years: Double)
  -> Double
{
  principal * pow(1 + rate / timesPerYear, timesPerYear * years)
}

func monthlyPayment(principal: Double, annualRate: Double, months: Int) -> Double {
  let r = annualRate / 12 / 100
  return principal * r * pow(1 + r, Double(months)) / (pow(1 + r, Double(months)) - 1)
}

func lerp(_ a: Double, _ b: Double, _ t: Double) -> Double {
  a + (b - a) * t
}

func smoothstep(_ edge0: Double, _ edge1: Double, _ x: Double) -> Double {
  let t = min(max((x - edge0) / (edge1 - edge0), 0.0), 1.0)
  return t * t * (3 - 2 * t)
}

func clamp(_ x: Double, lower: Double, upper: Double) -> Double {
  min(max(x, lower), upper)
}

func bodyMassIndex(weightKg: Double, heightCm: Double) -> Double {
  weightKg / pow(heightCm / 100, 2)
}

func celsiusToFahrenheit(_ c: Double) -> Double {
  c * 9 / 5 + 32
}

func projectileRange(speed: Double, angleDegrees: Double) -> Double {
  speed * speed * sin(2 * angleDegrees * .pi / 180) / 9.81
}

func kineticEnergy(mass: Double, vx: Double, vy: Double) -> Double {
  0.5 * mass * (vx * vx + vy * vy)
}

// MARK: - Machine learning by hand

func sigmoid(_ x: Double) -> Double {
  1 / (1 + exp(-x))
}

func softmax(_ xs: [Double]) -> [Double] {
  let m = xs.max() ?? 0
  let e = xs.map { exp($0 - m) }
  let s = e.reduce(0, +)
  return e.map { $0 / s }
}

func logSumExp(_ xs: [Double]) -> Double {
  let m = xs.reduce(-Double.infinity) { max($0, $1) }
  return m + log(xs.map { exp($0 - m) }.reduce(0, +))
}

func crossEntropy(_ p: [Double], _ q: [Double]) -> Double {
  -zip(p, q).map { $0 * log(max($1, 1e-12)) }.reduce(0, +)
}

func binaryCrossEntropy(_ y: Double, _ yHat: Double) -> Double {
  -(y * log(yHat + 1e-9) + (1 - y) * log(1 - yHat + 1e-9))
}

func matrixProduct(_ a: [[Double]], _ b: [[Double]]) -> [[Double]] {
  var c = [[Double]](repeating: [Double](repeating: 0, count: b[0].count), count: a.count)
  for i in 0..<a.count {
    for j in 0..<b[0].count {
      for k in 0..<b.count {
        c[i][j] += a[i][k] * b[k][j]
      }
    }
  }
  return c
}

func matrixVector(_ m: [[Double]], _ v: [Double]) -> [Double] {
  m.map { row in zip(row, v).map { $0 * $1 }.reduce(0, +) }
}

func normalizeMinMax(_ xs: [Double]) -> [Double] {
  let lo = xs.min() ?? 0, hi = xs.max() ?? 1
  return xs.map { ($0 - lo) / (hi - lo) }
}

func reluLayer(_ weights: [[Double]], _ bias: [Double], _ input: [Double]) -> [Double] {
  weights.indices.map { i in max(0, zip(weights[i], input).map(*).reduce(bias[i], +)) }
}

// MARK: - Float

func sigmoidFloat(_ x: Float) -> Float {
  1.0 / (1.0 + exp(-x))
}

func lerpFloat(_ a: Float, _ b: Float, _ t: Float) -> Float {
  a * (1 - t) + b * t
}

func lengthFloat(_ x: Float, _ y: Float, _ z: Float) -> Float {
  sqrt(x * x + y * y + z * z)
}

func clampFloat(_ x: Float) -> Float {
  min(max(x * 2.5 - 0.5, -1), 1)
}

func meanFloat(_ xs: [Float]) -> Float {
  xs.reduce(0, +) / Float(xs.count)
}

func gaussianFloat(_ x: Float, _ sigma: Float) -> Float {
  exp(-(x * x) / (2 * sigma * sigma)) / (sigma * sqrt(2 * Float.pi))
}

func rotateFloat(_ x: Float, _ y: Float, degrees: Float) -> (Float, Float) {
  let a = degrees * .pi / 180
  return (x * cos(a) - y * sin(a), x * sin(a) + y * cos(a))
}

func polynomialFloat(_ x: Float) -> Float {
  0.25 * x * x * x * x - 1.5 * x * x + abs(x) - 2
}

// Indexing through computed indices, with compound assignment: an unlabeled subscript added to
// `Array` by Descent made the second line take two seconds to type-check.
func tridiagonal(_ x: [Double]) -> [Double] {
  let n = x.count
  var flat = [Double](repeating: 0, count: n * n)
  for i in 0..<(n - 1) {
    flat[i * n + i] += 1200 * x[i] * x[i] - 400 * x[i + 1] + 2
    flat[(i + 1) * n + i + 1] += 200
    flat[i * n + i + 1] = -400 * x[i]
  }
  return flat
}
