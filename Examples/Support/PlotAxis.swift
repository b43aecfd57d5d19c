import Foundation

/// One axis of an ``SVGPlot``: the interval of data it shows, where its ticks go, and how a value
/// maps to a fraction of the axis length.
///
/// A linear axis puts its ticks at "nice" multiples, 1, 2 or 5 × 10ᵏ (Heckbert, "Nice numbers for
/// graph labels", Graphics Gems, 1990). A logarithmic axis runs from a power of ten to a power of
/// ten, labels them, and adds unlabelled minor ticks at 2, 3, …, 9 × 10ᵏ when few decades are
/// shown.
struct PlotAxis {
  /// A position along the axis, labelled or not.
  struct Tick {
    var value: Double
    /// The text under (or beside) the tick; empty for a minor tick.
    var label: String
    var isMajor: Bool { !label.isEmpty }
  }

  var lower: Double
  var upper: Double
  var isLogarithmic: Bool
  var ticks: [Tick]

  /// Where `value` lies between ``lower`` (0) and ``upper`` (1).
  func fraction(_ value: Double) -> Double {
    if isLogarithmic { return (log10(value) - log10(lower)) / (log10(upper) - log10(lower)) }
    return (value - lower) / (upper - lower)
  }

  // MARK: - Linear

  /// A linear axis from `lower` to `upper`, widened by `margin` (a fraction of its length) at
  /// each end so that no point sits on the frame, with about `targetCount` labelled ticks.
  static func linear(
    covering lower: Double, _ upper: Double, margin: Double = 0, targetCount: Int = 6
  ) -> PlotAxis {
    var (lower, upper) = (lower, upper)
    if lower == upper {
      // A single value: show a small interval around it.
      let half = lower == 0 ? 1 : Swift.abs(lower) / 10
      (lower, upper) = (lower - half, upper + half)
    }
    let padding = (upper - lower) * margin
    (lower, upper) = (lower - padding, upper + padding)
    let step = niceStep((upper - lower) / Double(Swift.max(targetCount - 1, 1)))
    // Ticks at the multiples of the step inside the interval (allowing for rounding).
    let slack = step * 1e-9
    let first = ((lower - slack) / step).rounded(.up)
    let last = ((upper + slack) / step).rounded(.down)
    let decimals = Swift.max(0, Int(-log10(step).rounded(.down)))
    let ticks = stride(from: first, through: last, by: 1).map { multiple in
      let value = multiple * step
      return Tick(value: value, label: format(value, decimals: decimals))
    }
    return PlotAxis(lower: lower, upper: upper, isLogarithmic: false, ticks: ticks)
  }

  /// The number among 1, 2, 5 × 10ᵏ nearest above `rough`.
  static func niceStep(_ rough: Double) -> Double {
    let magnitude = pow(10, log10(rough).rounded(.down))
    let fraction = rough / magnitude
    let nice: Double =
      if fraction <= 1 { 1 } else if fraction <= 2 { 2 } else if fraction <= 5 { 5 } else { 10 }
    return nice * magnitude
  }

  /// A tick label with a true minus sign, "0" for zero, and a power of ten for large values:
  /// −0.5, 0, 2×10⁶.
  static func format(_ value: Double, decimals: Int) -> String {
    if value == 0 { return "0" }
    let text: String
    if Swift.abs(value) >= 1e6 {
      let exponent = Int(log10(Swift.abs(value)).rounded(.down))
      let mantissa = value / pow(10, Double(exponent))
      let power = powerOfTen(exponent)
      text = mantissa == 1 ? power : String(format: "%g", mantissa) + "×" + power
    } else {
      text = String(format: "%.\(decimals)f", value)
    }
    return text.replacingOccurrences(of: "-", with: "\u{2212}")
  }

  // MARK: - Logarithmic

  /// A logarithmic axis from the power of ten at or below `lower` to the one at or above `upper`.
  ///
  /// - Precondition: 0 < `lower` ≤ `upper`, both finite.
  static func logarithmic(covering lower: Double, _ upper: Double) -> PlotAxis {
    let lowest = Int(log10(lower).rounded(.down))
    var highest = Int(log10(upper).rounded(.up))
    if highest == lowest { highest += 1 }
    let decades = highest - lowest
    // Label at most about 8 powers of ten, those whose exponent is a multiple of a step (so
    // that 10⁰ = 1 is among them); mark the rest as minor ticks.
    let labelEvery = (decades + 7) / 8
    var ticks: [Tick] = []
    for exponent in lowest...highest {
      let power = pow(10, Double(exponent))
      let labelled = exponent % labelEvery == 0
      ticks.append(Tick(value: power, label: labelled ? powerOfTen(exponent) : ""))
      if decades <= 6 && exponent < highest {
        for multiple in 2...9 { ticks.append(Tick(value: Double(multiple) * power, label: "")) }
      }
    }
    return PlotAxis(
      lower: pow(10, Double(lowest)), upper: pow(10, Double(highest)), isLogarithmic: true,
      ticks: ticks)
  }

  /// 10ᵏ written with superscript digits, which every common font has.
  static func powerOfTen(_ exponent: Int) -> String {
    let superscripts: [Character: Character] = [
      "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸",
      "9": "⁹", "-": "⁻",
    ]
    return "10" + String(String(exponent).map { superscripts[$0] ?? $0 })
  }
}
