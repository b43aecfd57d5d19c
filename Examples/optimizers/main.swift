// Swapping optimizers: six methods on the Rosenbrock function, changed by one argument.
// `swift run optimizers`. The output is quoted in the DocC article "Choosing an optimizer".
import Descent

func rosenbrock<S: RealScalar>(_ x: [S]) -> S {
  let a = 1 - x[0]
  let b = x[1] - x[0] * x[0]
  return a * a + 100 * b * b
}

let options = MinimizationOptions<Double>(gradientTolerance: 1e-6, maximumIterations: 5000)
let candidates: [(String, any DescentMethod<Double>)] = [
  ("GradientDescent(learningRate: 0.001)", try GradientDescent(learningRate: 0.001)),
  (
    "GradientDescent(learningRate: 0.001, momentum: 0.9)",
    try GradientDescent(learningRate: 0.001, momentum: 0.9)
  ),
  ("Adam(learningRate: 0.01)", try Adam(learningRate: 0.01)),
  ("RMSProp(learningRate: 0.001)", try RMSProp(learningRate: 0.001)),
  ("AdaGrad(learningRate: 0.1)", try AdaGrad(learningRate: 0.1)),
  ("LBFGS()", try LBFGS()),
]
for (name, method) in candidates {
  let result = try minimize(rosenbrock, from: [-1.2, 1], using: method, options: options)
  print(name)
  print("  \(result.stopReason)")
  print("  iterations \(result.iterations), evaluations \(result.evaluations)")
  print("  minimizer \(result.minimizer), value \(result.value)")
}

print()
print("With a trace every 5 iterations:")
_ = try minimize(
  rosenbrock, from: [-1.2, 1], using: LBFGS(), options: MinimizationOptions(traceInterval: 5))
