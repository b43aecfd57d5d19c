import Optimization

/// What the validation of a training run has seen so far: the metric at every epoch, the best
/// epoch and its parameters, and the epochs since the last improvement. Saved in a
/// ``TrainingCheckpoint``.
@usableFromInline
struct ValidationProgress<T: BinaryFloatingPoint>: Equatable {
  /// V(θ) by epoch.
  @usableFromInline var metrics: [Int: T] = [:]
  /// The parameters of the best epoch; empty before the first evaluation.
  @usableFromInline var best: [T] = []
  /// V_best; `nil` before the first evaluation or while every metric was NaN (as +∞).
  @usableFromInline var bestMetric: T? = nil
  @usableFromInline var bestEpoch = 0
  @usableFromInline var sinceImprovement = 0

  @inlinable init() {}

  /// Records V(θ) at an epoch: an improvement when V < V_best − δ (a NaN never improves; the
  /// first evaluation sets the baseline, a NaN one as +∞).
  @inlinable
  mutating func record(_ metric: T, at epoch: Int, parameters: [T], _ validation: Validation<T>) {
    metrics[epoch] = metric
    let threshold = (bestMetric ?? .infinity) - validation.minimumImprovement
    if best.isEmpty || metric < threshold {
      bestMetric = metric.isNaN || metric == .infinity ? nil : metric
      bestEpoch = epoch
      best = parameters
      sinceImprovement = 0
    } else {
      sinceImprovement += 1
    }
  }
}

extension ValidationProgress: Sendable where T: Sendable {}
extension ValidationProgress: Codable where T: Codable {}
