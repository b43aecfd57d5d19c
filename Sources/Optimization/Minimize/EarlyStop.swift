/// The report of a training run stopped early because its validation metric stopped improving.
///
/// With a patience of p epochs and a minimum improvement δ, the run stops at the first epoch k
/// where
///
/// ```
/// V(θⱼ) > V_best − δ   for each of the p epochs j = k − p + 1 … k
/// ```
///
/// with V the validation metric (lower is better) and V_best its best value so far; the
/// parameters of the best epoch are returned. Early stopping ends training on purpose but says
/// nothing about the training cost's gradient, so it is not a convergence test
/// (``StopReason/isConvergence`` is `false`).
public struct EarlyStop<T: BinaryFloatingPoint>: Equatable {
  /// The epoch at which the run stopped.
  public var epoch: Int
  /// The epoch with the best validation metric, whose parameters the result returns.
  public var bestEpoch: Int
  /// The best validation metric, V_best.
  public var bestMetric: T
  /// The validation metric at the last epoch.
  public var lastMetric: T
  /// p, the epochs without an improvement of at least δ that ended the run.
  public var patience: Int
  /// What happened, for printing.
  public var message: String

  /// Creates a report, composing its ``message``.
  public init(epoch: Int, bestEpoch: Int, bestMetric: T, lastMetric: T, patience: Int) {
    self.epoch = epoch
    self.bestEpoch = bestEpoch
    self.bestMetric = bestMetric
    self.lastMetric = lastMetric
    self.patience = patience
    let epochs = patience == 1 ? "1 epoch" : "\(patience) epochs"
    message =
      "the validation metric did not improve for \(epochs) (it was "
      + "\(readable(Double(lastMetric))) at epoch \(epoch)); the best, "
      + "\(readable(Double(bestMetric))), was at epoch \(bestEpoch), whose parameters are returned"
  }
}

extension EarlyStop: Sendable where T: Sendable {}
