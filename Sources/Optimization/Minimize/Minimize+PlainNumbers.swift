import AutoDiff

// A closure cost that returns a plain number (`var total = 0.0; …; return total`) matches no
// `minimize`; without this overload the compiler's first error names the closure's type, not
// the fix. Unavailable declarations take part only once an expression has failed to type-check.

@available(
  *, unavailable,
  message:
    "the cost returns a plain number, which carries no derivative: start the sum in the cost's number type, var total: Variable<Double> = 0, and write data as Variable(x)"
)
public func minimize<Method: DescentMethod>(
  _ cost: ([Variable<Method.Scalar>]) throws -> Method.Scalar,
  from start: [Method.Scalar],
  using method: Method,
  bounds: Bounds<Method.Scalar>? = nil,
  options: MinimizationOptions<Method.Scalar> = MinimizationOptions(),
  progress: (IterationReport<Method.Scalar>) throws -> ProgressAction = { _ in .continue }
) throws -> MinimizationResult<Method.Scalar> {
  fatalError()
}
