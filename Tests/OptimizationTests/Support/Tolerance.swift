/// The reference tolerance: within `relative` of the expected value, or within `absolute`.
func isClose(
  _ actual: Double, _ expected: Double, relative: Double = 1e-9, absolute: Double = 1e-12
) -> Bool {
  let error = abs(actual - expected)
  return error <= absolute || error <= relative * abs(expected)
}
