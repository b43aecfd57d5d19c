extension ParameterLayout {
  /// A starting point: every block filled by its initializer, in declaration order, from one
  /// ``SplitMix64`` generator seeded by `seed`.
  ///
  /// ```swift
  /// let start: [Double] = layout.initialValues(seed: 42)
  /// let result = try minimize(cost, from: start, using: LBFGS())
  /// ```
  ///
  /// The values are the same on every run and every platform for the same seed and blocks:
  /// each is computed in `Double` from the generator's bits with correctly rounded operations
  /// only, then rounded to `T`. A uniform value is a + (b − a)·u with u = ⌊x / 2¹¹⌋ · 2⁻⁵³ for
  /// the generator's next 64 bits x; a normal value comes from Marsaglia's exact polar method,
  /// two per pair of accepted uniform draws.
  ///
  /// The blocks draw one after another from the one generator: `zeros` and `constant` draw
  /// nothing, the uniform initializers one number per value, the normal ones whole pairs. So
  /// declaring a new block at the end leaves every earlier block's values as they were, while
  /// changing a block's initializer or size changes the values of the blocks after it. A layout
  /// of the same layers as a ``MultilayerPerceptron`` — for each layer a matrix with
  /// `.glorotUniform` (tanh, sigmoid) or `.heUniform` (ReLU), then a vector of zeros — starts
  /// from exactly the network's initial parameters for the same seed.
  ///
  /// - Parameter seed: Any number; the same seed gives the same values.
  /// - Returns: ``count`` values, block after block.
  /// - Complexity: O(``count``).
  public func initialValues<T: BinaryFloatingPoint>(seed: UInt64) -> [T] {
    var generator = SplitMix64(seed: seed)
    var values: [T] = []
    values.reserveCapacity(count)
    for block in blocks {
      block.initializer.appendValues(for: block.shape, to: &values, using: &generator)
    }
    return values
  }
}
