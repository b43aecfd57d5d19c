import AutoDiff

/// Minimizes a cost written in Swift, from a start point, with any optimizer or ``LBFGS``.
///
/// ```swift
/// func rosenbrock<S: RealScalar>(_ x: [S]) -> S {
///   let a = 1 - x[0], b = x[1] - x[0] * x[0]
///   return a * a + 100 * b * b
/// }
/// let result = try minimize(rosenbrock, from: [-1.2, 1], using: LBFGS())
/// result.minimizer   // [1.0, 1.0] to about 1e-10
/// result.stopReason  // .gradientNormBelowTolerance
/// ```
///
/// Each iteration evaluates the cost and its gradient in reverse mode (with
/// `valueWithGradient(at:into:of:)`, reusing one gradient buffer), checks the criteria of
/// `options` in the order listed there, and asks `method` for one step. The run ends at the first
/// criterion that holds; ``MinimizationResult/stopReason`` says which, and
/// ``MinimizationResult/converged`` is `true` only for a convergence test.
///
/// Divergence is a result, not an error: when the cost, its gradient or a parameter becomes
/// NaN or infinite, or the cost rises more than ``MinimizationOptions/divergenceFactor`` above
/// its best, the run stops with ``StopReason/diverged(_:)`` and returns the best parameters seen;
/// the ``Divergence`` report holds the last finite parameters and suggests a smaller learning
/// rate.
///
/// Two rules keep a stop from claiming more than it shows. A step or cost-change test that holds
/// where the gradient norm is larger than at the start, ‖∇J(θₖ)‖₂ > ‖∇J(θ₀)‖₂, ends the run with
/// ``StopReason/stoppedAtLargeGradient(_:)`` rather than as converged. And a run that ends, by any
/// criterion but divergence, with its cost above the starting cost, J(θₖ) > J(θ₀), ends with
/// ``StopReason/costRose(_:)`` and returns the best parameters seen, as for divergence.
///
/// - Parameters:
///   - cost: J, a function of one tracked variable per parameter.
///   - start: θ₀; not empty, with a finite cost and gradient.
///   - method: The optimizer (or ``LBFGS``); it is copied, and its state starts from the copy.
///   - bounds: Lower and upper bounds on the parameters, or `nil` (the default) for none. A start
///     outside them is moved onto them first (``MinimizationResult/movedOntoBounds`` lists the
///     parameters moved); every iterate stays inside; the gradient norm of the criteria and
///     reports is the projected gradient's (see ``Bounds``). ``LBFGS`` becomes L-BFGS-B and an
///     ``Optimizer`` takes projected steps; ``NewtonTrustRegion`` does not accept bounds.
///   - options: Stopping criteria, history and trace; see ``MinimizationOptions``.
///   - progress: Called at every iteration (the start included); return
///     ``ProgressAction/stop`` to end the run.
/// - Returns: The result; see ``MinimizationResult``.
/// - Throws: ``OptimizationError`` for an empty or non-finite start, invalid options, bounds of
///   the wrong size, a gradient of the wrong size, a method that cannot honour the bounds or needs
///   second derivatives a closure cannot give, or an invalid hyper-parameter met during an update;
///   any error `cost` or `progress` throws.
/// - Complexity: Per iteration, the method's step plus O(n) for the criteria; nothing is
///   allocated per iteration except the history.
@inlinable
public func minimize<Method: DescentMethod>(
  _ cost: ([Variable<Method.Scalar>]) throws -> Variable<Method.Scalar>,
  from start: [Method.Scalar],
  using method: Method,
  bounds: Bounds<Method.Scalar>? = nil,
  options: MinimizationOptions<Method.Scalar> = MinimizationOptions(),
  progress: (IterationReport<Method.Scalar>) throws -> ProgressAction = { _ in .continue }
) throws -> MinimizationResult<Method.Scalar> {
  try runMinimization(
    valueAndGradient: { point, gradient in
      try valueWithGradient(at: point, into: &gradient, of: cost)
    }, hessian: nil, hessianVectorProduct: nil, from: start, using: method, bounds: bounds,
    options: options, progress: progress)
}

/// Minimizes a cost written once as a `DifferentiableFunction`, taking each gradient in the
/// mode that is fastest for its number of parameters.
///
/// ```swift
/// struct Line: DifferentiableFunction {
///   let x: [Double], y: [Double]
///   func callAsFunction<S: RealScalar>(_ p: [S]) -> S {
///     var total: S = 0
///     for i in x.indices {
///       let r = p[0] * S(x[i]) + p[1] - S(y[i])
///       total += r * r
///     }
///     return total / S(x.count)
///   }
/// }
/// let result = try minimize(Line(x: x, y: y), from: [0, 0], using: LBFGS())
/// ```
///
/// With `mode: .automatic` (the default) a cost of up to 16 parameters is differentiated in
/// forward mode, all tangents in one pass, and a larger one in reverse mode; for the two
/// parameters of a line over a million points that is about twenty times faster than a closure
/// over tracked variables, which is always taped.
///
/// Written this way the cost also gives second derivatives (forward over reverse: the Hessian
/// up to 8 columns per backward sweep, or Hessian-vector products), which ``NewtonTrustRegion``
/// needs. Everything else is as in ``minimize(_:from:using:bounds:options:progress:)``.
@inlinable
@_disfavoredOverload
public func minimize<Method: DescentMethod, Cost: DifferentiableFunction>(
  _ cost: Cost,
  from start: [Method.Scalar],
  using method: Method,
  bounds: Bounds<Method.Scalar>? = nil,
  mode: DifferentiationMode = .automatic,
  options: MinimizationOptions<Method.Scalar> = MinimizationOptions(),
  progress: (IterationReport<Method.Scalar>) throws -> ProgressAction = { _ in .continue }
) throws -> MinimizationResult<Method.Scalar> {
  try runMinimization(
    valueAndGradient: { point, gradient in
      try valueWithGradient(at: point, into: &gradient, mode: mode, of: cost)
    },
    hessian: { point, matrix in
      let rows = try AutoDiff.hessian(at: point, of: cost)
      let n = point.count
      if matrix.count != n * n { matrix = [Method.Scalar](repeating: 0, count: n * n) }
      for i in 0..<n { for j in 0..<n { matrix[i * n + j] = rows[i][j] } }
    },
    hessianVectorProduct: { point, direction, product in
      product = try AutoDiff.hessianVectorProduct(at: point, along: direction, of: cost)
    }, from: start, using: method, bounds: bounds, options: options, progress: progress)
}

/// Minimizes a cost given as a function that returns its value and writes its gradient.
///
/// The form for a cost whose gradient you compute yourself (by hand, by forward mode, or in
/// batches). `valueAndGradient(θ, &g)` must return J(θ) and leave ∇J(θ) in `g`, which arrives
/// with one element per parameter.
///
/// ```swift
/// let result = try minimize(
///   valueAndGradient: { x, g in
///     g[0] = 2 * (x[0] - 3)
///     return (x[0] - 3) * (x[0] - 3)
///   }, from: [0.0], using: GradientDescent(learningRate: 0.25))
/// ```
///
/// Everything else is as in ``minimize(_:from:using:bounds:options:progress:)``.
@inlinable
public func minimize<Method: DescentMethod>(
  valueAndGradient: (_ point: [Method.Scalar], _ gradient: inout [Method.Scalar]) throws ->
    Method.Scalar,
  from start: [Method.Scalar],
  using method: Method,
  bounds: Bounds<Method.Scalar>? = nil,
  options: MinimizationOptions<Method.Scalar> = MinimizationOptions(),
  progress: (IterationReport<Method.Scalar>) throws -> ProgressAction = { _ in .continue }
) throws -> MinimizationResult<Method.Scalar> {
  try runMinimization(
    valueAndGradient: valueAndGradient, hessian: nil, hessianVectorProduct: nil, from: start,
    using: method, bounds: bounds, options: options, progress: progress)
}

/// The one driver behind every `minimize`: validation, the start's projection onto the bounds,
/// the criteria, divergence, history and trace, around the method's steps.
@inlinable
package func runMinimization<Method: DescentMethod>(
  valueAndGradient: (_ point: [Method.Scalar], _ gradient: inout [Method.Scalar]) throws ->
    Method.Scalar,
  hessian: ((_ point: [Method.Scalar], _ matrix: inout [Method.Scalar]) throws -> Void)?,
  hessianVectorProduct: (
    (_ point: [Method.Scalar], _ direction: [Method.Scalar], _ product: inout [Method.Scalar])
      throws -> Void
  )?,
  from start: [Method.Scalar],
  using method: Method,
  bounds: Bounds<Method.Scalar>?,
  options: MinimizationOptions<Method.Scalar>,
  resume: RunState<Method.Scalar>? = nil,
  checkpoint: ((RunState<Method.Scalar>, Method) throws -> Void)? = nil,
  progress: (IterationReport<Method.Scalar>) throws -> ProgressAction
) throws -> MinimizationResult<Method.Scalar> {
  typealias T = Method.Scalar
  try options.validate()
  guard !start.isEmpty else { throw OptimizationError.empty(argument: "start") }
  if let bounds, bounds.count != start.count {
    throw OptimizationError.sizeMismatch(
      argument: "bounds", expected: start.count, actual: bounds.count,
      advice: "give one lower and one upper bound per parameter (-.infinity or .infinity where "
        + "there is none).")
  }
  return try withoutActuallyEscaping(valueAndGradient) { valueAndGradient in
    try drive(
      valueAndGradient: valueAndGradient, hessian: hessian,
      hessianVectorProduct: hessianVectorProduct, from: start, using: method, bounds: bounds,
      options: options, resume: resume, checkpoint: checkpoint, progress: progress)
  }
}

@inlinable
func drive<Method: DescentMethod>(
  valueAndGradient:
    @escaping (_ point: [Method.Scalar], _ gradient: inout [Method.Scalar]) throws
    -> Method.Scalar,
  hessian: ((_ point: [Method.Scalar], _ matrix: inout [Method.Scalar]) throws -> Void)?,
  hessianVectorProduct: (
    (_ point: [Method.Scalar], _ direction: [Method.Scalar], _ product: inout [Method.Scalar])
      throws -> Void
  )?,
  from start: [Method.Scalar],
  using method: Method,
  bounds: Bounds<Method.Scalar>?,
  options: MinimizationOptions<Method.Scalar>,
  resume: RunState<Method.Scalar>?,
  checkpoint: ((RunState<Method.Scalar>, Method) throws -> Void)?,
  progress: (IterationReport<Method.Scalar>) throws -> ProgressAction
) throws -> MinimizationResult<Method.Scalar> {
  typealias T = Method.Scalar
  let clock = ContinuousClock()
  let startTime = clock.now
  var method = method
  // Counted by the problem's closures.
  var evaluations = 0
  var secondOrderEvaluations = 0
  let problem = MinimizationProblem<T>(
    bounds: bounds,
    valueAndGradient: { point, gradient in
      evaluations += 1
      if gradient.count != point.count { gradient = [T](repeating: 0, count: point.count) }
      let value = try valueAndGradient(point, &gradient)
      guard gradient.count == point.count else {
        throw OptimizationError.sizeMismatch(
          argument: "gradient", expected: point.count, actual: gradient.count,
          advice: "write exactly one partial derivative per parameter into the gradient.")
      }
      return value
    },
    hessian: hessian.map { body in
      { point, matrix in
        secondOrderEvaluations += 1
        try body(point, &matrix)
      }
    },
    hessianVectorProduct: hessianVectorProduct.map { body in
      { point, direction, product in
        secondOrderEvaluations += 1
        try body(point, direction, &product)
      }
    })
  func norm(_ gradient: [T], at point: [T]) -> T {
    if let bounds { return bounds.projectedGradientNorm(at: point, gradient: gradient) }
    return euclideanNorm(gradient)
  }

  var parameters: [T]
  let movedOntoBounds: [Int]
  var gradient: [T]
  var value: T
  var gradientNorm: T
  let initialValue: T
  let initialGradientNorm: T
  // Buffers allocated once: the previous iterate (for the step size and the last finite point),
  // the best iterate, and the recent costs (for the change over a window).
  var previous = [T](repeating: 0, count: start.count)
  var best: [T]
  var bestValue: T
  var bestGradientNorm: T
  var bestIteration: Int
  let window = options.valueChangeWindow
  var recentValues: [T]
  var history: [HistoryEntry<T>] = []
  var iteration: Int
  var stepSize: T?
  var elapsedBefore = Duration.zero
  if let resume {
    // A resumed run: the state a checkpoint saved just before its step.
    guard resume.parameters.count == start.count, resume.recentValues.count == window + 1 else {
      throw OptimizationError.invalidArgument(
        argument: "checkpoint",
        value: "a run of \(resume.parameters.count) parameters with a cost-change window of "
          + "\(resume.recentValues.count - 1)",
        requirement: "saved from a run with the same number of parameters (\(start.count)) and "
          + "the same valueChangeWindow (\(window))")
    }
    parameters = resume.parameters
    movedOntoBounds = resume.movedOntoBounds
    gradient = resume.gradient
    value = resume.value
    gradientNorm = resume.gradientNorm
    initialValue = resume.initialValue
    initialGradientNorm = resume.initialGradientNorm
    best = resume.best
    bestValue = resume.bestValue
    bestGradientNorm = resume.bestGradientNorm
    bestIteration = resume.bestIteration
    recentValues = resume.recentValues
    history = resume.history
    iteration = resume.iteration
    stepSize = resume.stepSize
    evaluations = resume.evaluations
    secondOrderEvaluations = resume.secondOrderEvaluations
    elapsedBefore = resume.elapsed
  } else {
    parameters = start
    movedOntoBounds = bounds?.project(&parameters) ?? []
    gradient = [T](repeating: 0, count: start.count)
    value = try problem(parameters, &gradient)
    gradientNorm = norm(gradient, at: parameters)
    guard value.isFinite, gradientNorm.isFinite, allFinite(parameters) else {
      let what =
        !allFinite(parameters)
        ? "a point with a NaN or infinite parameter"
        : !value.isFinite
          ? "a point where the cost is \(describe(Double(value)))"
          : "a point where the cost is \(describe(Double(value))) but its gradient is not finite"
      throw OptimizationError.invalidArgument(
        argument: "start", value: what,
        requirement: "a point where the cost, its gradient and every parameter are finite")
    }
    initialValue = value
    initialGradientNorm = gradientNorm
    best = parameters
    bestValue = value
    bestGradientNorm = gradientNorm
    bestIteration = 0
    recentValues = [T](repeating: value, count: window + 1)
    iteration = 0
    stepSize = nil
  }
  history.reserveCapacity(
    Swift.min(options.maximumIterations / options.historyInterval, 1 << 16) + 2)
  if options.traceInterval != nil, resume == nil {
    Trace.header()
    if !movedOntoBounds.isEmpty { Trace.movedOntoBounds(movedOntoBounds) }
  }
  var reason: StopReason<T>
  // The first pass of a resumed run goes straight to its step: the checks of that iteration
  // were made before the checkpoint was taken.
  var checked = resume != nil
  // A step or cost-change test is convergence only where the gradient has not grown: a method
  // that stops moving where the gradient is larger than at the start is held up by a pole, a
  // kink or a cost unbounded below, not by a minimum.
  func convergence(_ converged: StopReason<T>, criterion: LargeGradientStop<T>.Criterion)
    -> StopReason<T>
  {
    if gradientNorm <= initialGradientNorm { return converged }
    return .stoppedAtLargeGradient(
      LargeGradientStop(
        criterion: criterion, iteration: iteration, gradientNorm: gradientNorm,
        initialGradientNorm: initialGradientNorm))
  }
  while true {
    if checked {
      checked = false
    } else {
      // Divergence first: nothing else is meaningful once the cost is not finite.
      var divergence: Divergence<T>.Cause? = nil
      if !value.isFinite || !gradientNorm.isFinite || !allFinite(parameters) {
        divergence = .nonFinite
      } else if let factor = options.divergenceFactor {
        let scale = Swift.max(Swift.abs(bestValue), Swift.abs(initialValue))
        if value - bestValue > factor * scale { divergence = .growth }
      }
      if let cause = divergence {
        history.append(HistoryEntry(iteration: iteration, value: value, gradientNorm: gradientNorm))
        let report = Divergence(
          cause: cause, iteration: iteration, value: value,
          lastFiniteParameters: cause == .nonFinite ? previous : parameters,
          bestIteration: bestIteration, bestValue: bestValue, learningRate: method.learningRate)
        reason = .diverged(report)
        if options.traceInterval != nil {
          Trace.line(iteration: iteration, value: value, gradientNorm: gradientNorm, step: stepSize)
          Trace.footer(reason, evaluations: evaluations)
        }
        return MinimizationResult(
          minimizer: best, value: bestValue, gradientNorm: bestGradientNorm, iterations: iteration,
          evaluations: evaluations, secondOrderEvaluations: secondOrderEvaluations,
          movedOntoBounds: movedOntoBounds, stopReason: reason, history: history,
          elapsed: elapsedBefore + (clock.now - startTime))
      }
      if value < bestValue {
        copy(parameters, into: &best)
        bestValue = value
        bestGradientNorm = gradientNorm
        bestIteration = iteration
      }
      if iteration % options.historyInterval == 0 {
        history.append(HistoryEntry(iteration: iteration, value: value, gradientNorm: gradientNorm))
      }
      if let interval = options.traceInterval, iteration % interval == 0 {
        Trace.line(iteration: iteration, value: value, gradientNorm: gradientNorm, step: stepSize)
      }
      let action = try progress(
        IterationReport(
          iteration: iteration, value: value, gradientNorm: gradientNorm, stepSize: stepSize,
          evaluations: evaluations, parameters: parameters))

      // The criteria, convergence before limits.
      if let tolerance = options.gradientTolerance, gradientNorm <= tolerance {
        reason = .gradientNormBelowTolerance
        break
      }
      if let tolerance = options.stepTolerance, let step = stepSize, step <= tolerance {
        reason = convergence(.stepSizeBelowTolerance, criterion: .stepSize)
        break
      }
      if iteration >= window {
        let change = Swift.abs(value - recentValues[(iteration + 1) % (window + 1)])
        let absolute = options.valueTolerance.map { change <= $0 } ?? false
        let relative =
          options.relativeValueTolerance.map { change <= $0 * Swift.abs(value) } ?? false
        if absolute || relative {
          reason = convergence(.valueChangeBelowTolerance, criterion: .valueChange)
          break
        }
      }
      if action == .stop {
        reason = .stoppedByCallback
        break
      }
      if iteration >= options.maximumIterations {
        reason = .iterationLimit
        break
      }
      if let limit = options.timeLimit, elapsedBefore + (clock.now - startTime) >= limit {
        reason = .timeLimit
        break
      }
      if let checkpoint {
        try checkpoint(
          RunState(
            iteration: iteration, parameters: parameters, value: value, gradient: gradient,
            gradientNorm: gradientNorm, stepSize: stepSize, evaluations: evaluations,
            secondOrderEvaluations: secondOrderEvaluations, initialValue: initialValue,
            initialGradientNorm: initialGradientNorm, best: best, bestValue: bestValue,
            bestGradientNorm: bestGradientNorm, bestIteration: bestIteration,
            recentValues: recentValues, history: history, movedOntoBounds: movedOntoBounds,
            elapsed: elapsedBefore + (clock.now - startTime)),
          method)
      }
    }

    // One step.
    copy(parameters, into: &previous)
    let outcome = try method.step(
      &parameters, value: &value, gradient: &gradient, problem: problem)
    if outcome == .stalled {
      reason = .stalled
      break
    }
    iteration += 1
    gradientNorm = norm(gradient, at: parameters)
    stepSize = euclideanDistance(parameters, previous)
    recentValues[iteration % (window + 1)] = value
  }

  // A run that ends worse than it started has not converged, whatever ended it, and its last
  // iterate is not worth returning.
  let rose = value > initialValue
  if rose {
    reason = .costRose(
      CostRise(
        endedBy: reason, iteration: iteration, initialValue: initialValue, value: value,
        lastParameters: parameters, bestIteration: bestIteration, bestValue: bestValue,
        learningRate: method.learningRate))
  }
  if history.last?.iteration != iteration {
    history.append(HistoryEntry(iteration: iteration, value: value, gradientNorm: gradientNorm))
  }
  if let interval = options.traceInterval {
    if iteration % interval != 0 {
      Trace.line(iteration: iteration, value: value, gradientNorm: gradientNorm, step: stepSize)
    }
    Trace.footer(reason, evaluations: evaluations)
  }
  return MinimizationResult(
    minimizer: rose ? best : parameters, value: rose ? bestValue : value,
    gradientNorm: rose ? bestGradientNorm : gradientNorm, iterations: iteration,
    evaluations: evaluations, secondOrderEvaluations: secondOrderEvaluations,
    movedOntoBounds: movedOntoBounds, stopReason: reason, history: history,
    elapsed: elapsedBefore + (clock.now - startTime))
}
