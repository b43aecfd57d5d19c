import Foundation

/// A small two-dimensional plot written as an SVG file: points and lines, axes with ticks and
/// labels, a title, a legend, and an optional logarithmic y axis.
///
/// ```swift
/// var plot = SVGPlot(title: "Weight against height", xLabel: "height (cm)", yLabel: "weight (kg)")
/// plot.addScatter(x: heights, y: weights, label: "students")
/// plot.addLine(x: [150, 195], y: [48, 90], label: "fitted line")
/// try plot.write(to: "students.svg")
/// ```
///
/// The axes cover every finite value of every series (on a logarithmic axis, every positive
/// one), with a small margin, unless ``xRange`` or ``yRange`` is set. Values that are NaN or infinite, or not positive
/// on a logarithmic axis, are left out, and a line is broken there, so a run that diverged can
/// be plotted as it is. Anything outside the axes is clipped.
public struct SVGPlot: Sendable {
  /// Where the legend sits, inside the plotting area.
  public enum LegendPosition: Sendable {
    case topLeft, topRight, bottomLeft, bottomRight
  }

  /// One set of points, drawn as dots or joined by a line.
  struct Series: Sendable {
    var label: String
    var x: [Double]
    var y: [Double]
    var color: String
    var isLine: Bool
    var isDashed: Bool
  }

  /// The text above the plot.
  public var title: String
  /// The caption of the horizontal axis.
  public var xLabel: String
  /// The caption of the vertical axis.
  public var yLabel: String
  /// Powers of ten equally spaced on the y axis. Default `false`.
  public var logarithmicY: Bool
  /// The x interval to show; `nil` (the default) fits the data.
  public var xRange: ClosedRange<Double>?
  /// The y interval to show; `nil` (the default) fits the data.
  public var yRange: ClosedRange<Double>?
  /// Where the legend sits. Default ``LegendPosition/topRight``.
  public var legendPosition: LegendPosition
  /// The width of the image in pixels. Default 720.
  public var width: Double
  /// The height of the image in pixels. Default 460.
  public var height: Double

  var series: [Series] = []
  /// The palette entry for the next series without a colour of its own.
  var nextColor = 0

  /// Colours that stay distinct for readers with the common forms of colour blindness (the
  /// Okabe–Ito palette), used in order.
  static let palette = [
    "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442",
  ]

  /// Creates an empty plot.
  public init(
    title: String, xLabel: String, yLabel: String, logarithmicY: Bool = false,
    legendPosition: LegendPosition = .topRight, width: Double = 720, height: Double = 460
  ) {
    self.title = title
    self.xLabel = xLabel
    self.yLabel = yLabel
    self.logarithmicY = logarithmicY
    self.legendPosition = legendPosition
    self.width = width
    self.height = height
  }

  // MARK: - Adding data

  /// Adds points drawn as dots.
  ///
  /// - Parameters:
  ///   - x: The horizontal coordinates.
  ///   - y: The vertical coordinates, one per element of `x`.
  ///   - label: The legend entry.
  ///   - color: Any SVG colour; by default the next colour of the palette.
  public mutating func addScatter(x: [Double], y: [Double], label: String, color: String? = nil) {
    add(x: x, y: y, label: label, color: color, isLine: false, isDashed: false)
  }

  /// Adds points joined by straight segments, in the order given.
  ///
  /// - Parameters:
  ///   - x: The horizontal coordinates.
  ///   - y: The vertical coordinates, one per element of `x`.
  ///   - label: The legend entry.
  ///   - color: Any SVG colour; by default the next colour of the palette.
  ///   - dashed: Draw the line dashed, for a reference such as a true curve. Default `false`.
  public mutating func addLine(
    x: [Double], y: [Double], label: String, color: String? = nil, dashed: Bool = false
  ) {
    add(x: x, y: y, label: label, color: color, isLine: true, isDashed: dashed)
  }

  /// Adds the graph of `function` over `interval`, sampled at `samples` equally spaced points.
  public mutating func addFunction(
    over interval: ClosedRange<Double>, samples: Int = 200, label: String, color: String? = nil,
    dashed: Bool = false, _ function: (Double) -> Double
  ) {
    let count = Swift.max(samples, 2)
    let x = (0..<count).map {
      interval.lowerBound
        + (interval.upperBound - interval.lowerBound) * Double($0) / Double(count - 1)
    }
    addLine(x: x, y: x.map(function), label: label, color: color, dashed: dashed)
  }

  private mutating func add(
    x: [Double], y: [Double], label: String, color: String?, isLine: Bool, isDashed: Bool
  ) {
    precondition(x.count == y.count, "\(label): \(x.count) x values but \(y.count) y values")
    var chosen = Self.palette[nextColor % Self.palette.count]
    if let color { chosen = color } else { nextColor += 1 }
    series.append(
      Series(label: label, x: x, y: y, color: chosen, isLine: isLine, isDashed: isDashed))
  }

  // MARK: - Writing

  /// The plot as a complete SVG document.
  public func svg() -> String { SVGPlot.svg(sideBySide: [self]) }

  /// Writes ``svg()`` to the file at `path`, replacing it.
  public func write(to path: String) throws {
    try svg().write(toFile: path, atomically: true, encoding: .utf8)
  }

  /// Writes the plot to `path` and prints where; if that fails, prints why and exits with
  /// status 1.
  public func save(to path: String) { SVGPlot.save([self], sideBySideTo: path) }

  /// One SVG document holding `plots` side by side, each at its own size.
  public static func svg(sideBySide plots: [SVGPlot]) -> String {
    var body = ""
    var left = 0.0
    for (index, plot) in plots.enumerated() {
      body += "<g transform=\"translate(\(number(left)),0)\">\n"
      body += plot.body(identifier: "plot\(index)")
      body += "</g>\n"
      left += plot.width
    }
    let height = plots.map(\.height).max() ?? 0
    return document(width: left, height: height, body: body)
  }

  /// Writes `plots` side by side into one SVG file at `path` and prints where; if that fails,
  /// prints why and exits with status 1.
  public static func save(_ plots: [SVGPlot], sideBySideTo path: String) {
    do {
      try svg(sideBySide: plots).write(toFile: path, atomically: true, encoding: .utf8)
    } catch {
      exitWithError("could not write the plot to \(path): \(error.localizedDescription)")
    }
    print("\nWrote the plot to \(path).")
  }

  static func document(width: Double, height: Double, body: String) -> String {
    """
    <?xml version="1.0" encoding="UTF-8"?>
    <svg xmlns="http://www.w3.org/2000/svg" width="\(number(width))" height="\(number(height))" \
    viewBox="0 0 \(number(width)) \(number(height))" \
    font-family="DejaVu Sans, Helvetica, Arial, sans-serif" font-size="13">
    <rect width="\(number(width))" height="\(number(height))" fill="white"/>
    \(body)</svg>

    """
  }
}

// MARK: - Rendering

extension SVGPlot {
  /// The points of one series that can be drawn: finite, and positive on a logarithmic axis.
  func isDrawable(_ x: Double, _ y: Double) -> Bool {
    x.isFinite && y.isFinite && (!logarithmicY || y > 0)
  }

  /// The axes: the requested ranges, or the extent of the drawable data.
  func axes() -> (x: PlotAxis, y: PlotAxis) {
    var xs: [Double] = []
    var ys: [Double] = []
    for series in series {
      for (x, y) in zip(series.x, series.y) where isDrawable(x, y) {
        xs.append(x)
        ys.append(y)
      }
    }
    let xLower = xRange?.lowerBound ?? xs.min() ?? 0
    let xUpper = xRange?.upperBound ?? xs.max() ?? 1
    var yLower = yRange?.lowerBound ?? ys.min() ?? (logarithmicY ? 1 : 0)
    var yUpper = yRange?.upperBound ?? ys.max() ?? (logarithmicY ? 10 : 1)
    if logarithmicY && !(yLower > 0) {
      // A requested lower bound of zero or less has no logarithm: start at the data instead.
      yLower = ys.min() ?? 1
      yUpper = Swift.max(yUpper, yLower)
    }
    // Leave a margin around the data (none around a range given explicitly).
    let x = PlotAxis.linear(
      covering: xLower, xUpper, margin: xRange == nil ? 0.04 : 0,
      targetCount: width >= 600 ? 8 : 6)
    let y =
      logarithmicY
      ? PlotAxis.logarithmic(covering: yLower, yUpper)
      : PlotAxis.linear(
        covering: yLower, yUpper, margin: yRange == nil ? 0.06 : 0,
        targetCount: height >= 400 ? 7 : 5)
    return (x, y)
  }

  /// The plot's elements, in a coordinate system whose origin is its top-left corner.
  /// `identifier` names its clipping path, and must differ between plots in one document.
  func body(identifier: String) -> String {
    let (xAxis, yAxis) = axes()
    let labelWidth = yAxis.ticks.map { Double($0.label.count) * 7.5 }.max() ?? 0
    let left = 34 + labelWidth + 10
    let right = width - 20
    let top = title.isEmpty ? 20.0 : 44
    let bottom = height - 52
    func px(_ x: Double) -> Double { left + xAxis.fraction(x) * (right - left) }
    func py(_ y: Double) -> Double { bottom - yAxis.fraction(y) * (bottom - top) }

    var svg = ""
    let clip = "\(identifier)-area"
    svg += "<defs><clipPath id=\"\(clip)\">"
    svg += rectangle(left, top, right - left, bottom - top, attributes: "")
    svg += "</clipPath></defs>\n"

    // Grid lines at the labelled ticks, then tick marks and labels outside the frame.
    for tick in xAxis.ticks where tick.isMajor {
      let x = px(tick.value)
      svg += lineElement(x, top, x, bottom, attributes: "stroke=\"#e4e4e4\"")
      svg += lineElement(x, bottom, x, bottom + 5, attributes: "stroke=\"#333\"")
      svg += text(tick.label, x, bottom + 20, attributes: "text-anchor=\"middle\"")
    }
    for tick in yAxis.ticks {
      let y = py(tick.value)
      if tick.isMajor {
        svg += lineElement(left, y, right, y, attributes: "stroke=\"#e4e4e4\"")
        svg += lineElement(left - 5, y, left, y, attributes: "stroke=\"#333\"")
        svg += text(tick.label, left - 8, y + 4.5, attributes: "text-anchor=\"end\"")
      } else {
        svg += lineElement(left - 3, y, left, y, attributes: "stroke=\"#333\"")
      }
    }
    svg += rectangle(
      left, top, right - left, bottom - top, attributes: "fill=\"none\" stroke=\"#333\"")

    // Captions.
    if !title.isEmpty {
      svg += text(
        title, (left + right) / 2, 26,
        attributes: "text-anchor=\"middle\" font-size=\"16\" font-weight=\"bold\"")
    }
    svg += text(xLabel, (left + right) / 2, height - 14, attributes: "text-anchor=\"middle\"")
    let yMiddle = (top + bottom) / 2
    svg += text(
      yLabel, 18, yMiddle,
      attributes:
        "text-anchor=\"middle\" transform=\"rotate(-90 18 \(SVGPlot.number(yMiddle)))\"")

    // The data, clipped to the frame.
    svg += "<g clip-path=\"url(#\(clip))\">\n"
    for series in series {
      if series.isLine {
        var path = ""
        var penDown = false
        for (x, y) in zip(series.x, series.y) {
          guard isDrawable(x, y) else {
            penDown = false
            continue
          }
          path += "\(penDown ? "L" : "M")\(SVGPlot.number(px(x))) \(SVGPlot.number(py(y))) "
          penDown = true
        }
        let dash = series.isDashed ? " stroke-dasharray=\"7 5\"" : ""
        svg +=
          "<path d=\"\(path)\" fill=\"none\" stroke=\"\(series.color)\" stroke-width=\"2.2\" "
          + "stroke-linejoin=\"round\"\(dash)/>\n"
      } else {
        for (x, y) in zip(series.x, series.y) where isDrawable(x, y) {
          svg += circle(px(x), py(y), color: series.color)
        }
      }
    }
    svg += "</g>\n"
    svg += legend(left: left, right: right, top: top, bottom: bottom)
    return svg
  }

  /// A box listing each series with its marker or line sample.
  func legend(left: Double, right: Double, top: Double, bottom: Double) -> String {
    guard !series.isEmpty else { return "" }
    let rowHeight = 20.0
    let textWidth = series.map { Double($0.label.count) * 7.4 }.max() ?? 0
    let boxWidth = 46 + textWidth
    let boxHeight = 10 + rowHeight * Double(series.count)
    let boxLeft: Double
    let boxTop: Double
    switch legendPosition {
    case .topLeft: (boxLeft, boxTop) = (left + 10, top + 10)
    case .topRight: (boxLeft, boxTop) = (right - 10 - boxWidth, top + 10)
    case .bottomLeft: (boxLeft, boxTop) = (left + 10, bottom - 10 - boxHeight)
    case .bottomRight: (boxLeft, boxTop) = (right - 10 - boxWidth, bottom - 10 - boxHeight)
    }
    var svg = rectangle(
      boxLeft, boxTop, boxWidth, boxHeight,
      attributes: "fill=\"white\" fill-opacity=\"0.9\" stroke=\"#bbb\"")
    for (row, series) in series.enumerated() {
      let y = boxTop + 5 + rowHeight * (Double(row) + 0.5)
      if series.isLine {
        let dash = series.isDashed ? " stroke-dasharray=\"7 5\"" : ""
        svg += lineElement(
          boxLeft + 8, y, boxLeft + 34, y,
          attributes: "stroke=\"\(series.color)\" stroke-width=\"2.2\"\(dash)")
      } else {
        svg += circle(boxLeft + 21, y, color: series.color)
      }
      svg += text(series.label, boxLeft + 40, y + 4.5, attributes: "")
    }
    return svg
  }

  // MARK: - Elements

  func lineElement(
    _ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, attributes: String
  ) -> String {
    "<line x1=\"\(SVGPlot.number(x1))\" y1=\"\(SVGPlot.number(y1))\" "
      + "x2=\"\(SVGPlot.number(x2))\" y2=\"\(SVGPlot.number(y2))\" \(attributes)/>\n"
  }

  func rectangle(
    _ x: Double, _ y: Double, _ width: Double, _ height: Double, attributes: String
  ) -> String {
    "<rect x=\"\(SVGPlot.number(x))\" y=\"\(SVGPlot.number(y))\" "
      + "width=\"\(SVGPlot.number(width))\" height=\"\(SVGPlot.number(height))\" \(attributes)/>\n"
  }

  func circle(_ x: Double, _ y: Double, color: String) -> String {
    "<circle cx=\"\(SVGPlot.number(x))\" cy=\"\(SVGPlot.number(y))\" r=\"4\" "
      + "fill=\"\(color)\" fill-opacity=\"0.75\" stroke=\"white\" stroke-width=\"0.8\"/>\n"
  }

  func text(_ content: String, _ x: Double, _ y: Double, attributes: String) -> String {
    "<text x=\"\(SVGPlot.number(x))\" y=\"\(SVGPlot.number(y))\" \(attributes)>"
      + "\(SVGPlot.escaped(content))</text>\n"
  }

  /// A coordinate with at most two decimals, enough for a pixel grid: 720, 59.5, 169.62.
  static func number(_ value: Double) -> String {
    var text = String(format: "%.2f", value)
    while text.hasSuffix("0") { text.removeLast() }
    if text.hasSuffix(".") { text.removeLast() }
    return text == "-0" ? "0" : text
  }

  /// `text` with the characters that XML reserves replaced by entities.
  static func escaped(_ text: String) -> String {
    var result = ""
    for character in text {
      switch character {
      case "&": result += "&amp;"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "\"": result += "&quot;"
      default: result.append(character)
      }
    }
    return result
  }
}
