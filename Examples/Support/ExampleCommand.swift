import Foundation

/// An option the examples understand on their command line.
public enum ExampleOption: String, CaseIterable, Sendable {
  /// `--learning-rate RATE`: the step size α, a positive number.
  case learningRate = "--learning-rate"
  /// `--steps N`: the most iterations to run, a positive integer.
  case steps = "--steps"
  /// `--optimizer NAME`: one of ``OptimizerChoice``.
  case optimizer = "--optimizer"
  /// `--plot FILE.svg`: where to write a plot.
  case plot = "--plot"

  var valueName: String {
    switch self {
    case .learningRate: "RATE"
    case .steps: "N"
    case .optimizer: "NAME"
    case .plot: "FILE.svg"
    }
  }
}

/// The optimizers an example can be asked for with `--optimizer`.
public enum OptimizerChoice: String, CaseIterable, Sendable {
  /// Plain gradient descent, θ ← θ − α ∇J(θ).
  case gradientDescent = "gd"
  /// Gradient descent with heavy-ball momentum 0.9.
  case momentum
  /// Adam (Kingma & Ba, 2014).
  case adam
  /// L-BFGS with a line search.
  case lbfgs
}

/// The values an example runs with: its defaults, overridden by the command line.
public struct ExampleArguments: Equatable, Sendable {
  /// The step size α.
  public var learningRate: Double
  /// The most iterations to run.
  public var steps: Int
  /// The optimizer to use.
  public var optimizer: OptimizerChoice
  /// Where to write a plot; `nil` for no plot.
  public var plot: String?

  /// Creates arguments; the defaults are those most examples use.
  public init(
    learningRate: Double = 0.1, steps: Int = 1000, optimizer: OptimizerChoice = .gradientDescent,
    plot: String? = nil
  ) {
    self.learningRate = learningRate
    self.steps = steps
    self.optimizer = optimizer
    self.plot = plot
  }
}

/// A command-line mistake, with a message that says what to type instead.
public struct UsageError: Error, Equatable, CustomStringConvertible {
  /// What was wrong.
  public var description: String
}

/// The command line of one example: what it accepts, its defaults, and its help text.
///
/// ```swift
/// let command = ExampleCommand(
///   name: "linear-regression", summary: "Fits a line by gradient descent.",
///   options: [.learningRate, .steps, .plot], defaults: ExampleArguments(steps: 200))
/// let arguments = command.parseCommandLine()
/// ```
///
/// Values follow their option (`--steps 500`) or an equals sign (`--steps=500`). `--help` prints
/// the usage and exits with status 0; an unknown option, a missing or bad value, or a stray
/// argument prints what was wrong and the usage to standard error and exits with status 2.
public struct ExampleCommand: Sendable {
  /// The executable's name, as in `swift run NAME`.
  public var name: String
  /// One line saying what the example does.
  public var summary: String
  /// The options accepted, in the order the usage lists them.
  public var options: [ExampleOption]
  /// The values used for options not given.
  public var defaults: ExampleArguments
  /// Extra lines printed after the options, or empty.
  public var notes: String

  /// Creates a command line description.
  public init(
    name: String, summary: String, options: [ExampleOption],
    defaults: ExampleArguments = ExampleArguments(), notes: String = ""
  ) {
    self.name = name
    self.summary = summary
    self.options = options
    self.defaults = defaults
    self.notes = notes
  }

  /// The help text.
  public var usage: String {
    var lines = [summary, "", "Usage: swift run \(name) [options]", "", "Options:"]
    func line(_ flag: String, _ explanation: String) {
      lines.append("  " + flag.padding(toLength: 26, withPad: " ", startingAt: 0) + explanation)
    }
    for option in options {
      let flag = "\(option.rawValue) \(option.valueName)"
      switch option {
      case .learningRate:
        line(flag, "step size α, a positive number (default \(defaults.learningRate))")
      case .steps:
        line(flag, "the most iterations to run (default \(defaults.steps))")
      case .optimizer:
        line(flag, "\(optimizerNames) (default \(defaults.optimizer.rawValue))")
      case .plot:
        line(flag, "write a plot as SVG" + (defaults.plot.map { " (default \($0))" } ?? ""))
      }
    }
    line("--help", "show this help")
    if !notes.isEmpty { lines += ["", notes] }
    return lines.joined(separator: "\n")
  }

  /// Reads `arguments` (without the program name).
  ///
  /// - Returns: The arguments to run with, or `nil` when `--help` was asked for.
  /// - Throws: ``UsageError`` naming the first mistake.
  public func parse(_ arguments: [String]) throws(UsageError) -> ExampleArguments? {
    var result = defaults
    var index = 0
    while index < arguments.count {
      let argument = arguments[index]
      index += 1
      if argument == "--help" || argument == "-h" { return nil }
      guard argument.hasPrefix("--") else {
        throw UsageError(description: "unexpected argument '\(argument)'; options start with --")
      }
      // `--name=value` or `--name value`.
      var flag = argument
      var value: String? = nil
      if let equals = argument.firstIndex(of: "=") {
        flag = String(argument[..<equals])
        value = String(argument[argument.index(after: equals)...])
      }
      guard let option = ExampleOption(rawValue: flag), options.contains(option) else {
        let known = (options.map(\.rawValue) + ["--help"]).joined(separator: ", ")
        throw UsageError(description: "unknown option '\(flag)'; this example accepts \(known)")
      }
      if value == nil, index < arguments.count, !arguments[index].hasPrefix("--") {
        value = arguments[index]
        index += 1
      }
      guard let value, !value.isEmpty else {
        throw UsageError(description: "\(flag) needs a value: \(flag) \(option.valueName)")
      }
      try assign(value, to: option, in: &result)
    }
    return result
  }

  /// Reads the process's command line, printing the help or a usage error and exiting when
  /// there is one.
  public func parseCommandLine() -> ExampleArguments {
    do {
      guard let arguments = try parse(Array(CommandLine.arguments.dropFirst())) else {
        print(usage)
        exit(0)
      }
      return arguments
    } catch {
      printToStandardError("\(name): error: \(error)\n\n\(usage)")
      exit(2)
    }
  }

  /// "gd, momentum, adam or lbfgs".
  private var optimizerNames: String {
    let names = OptimizerChoice.allCases.map(\.rawValue)
    return names.dropLast().joined(separator: ", ") + " or " + names.last!
  }

  private func assign(
    _ value: String, to option: ExampleOption, in result: inout ExampleArguments
  ) throws(UsageError) {
    switch option {
    case .learningRate:
      guard let rate = Double(value), rate > 0, rate.isFinite else {
        throw UsageError(
          description: "--learning-rate must be a positive number such as 0.1, not '\(value)'")
      }
      result.learningRate = rate
    case .steps:
      guard let steps = Int(value), steps > 0 else {
        throw UsageError(
          description: "--steps must be a positive whole number such as 500, not '\(value)'")
      }
      result.steps = steps
    case .optimizer:
      guard let choice = OptimizerChoice(rawValue: value.lowercased()) else {
        throw UsageError(
          description: "--optimizer must be \(optimizerNames), not '\(value)'")
      }
      result.optimizer = choice
    case .plot:
      guard value.lowercased().hasSuffix(".svg") else {
        throw UsageError(description: "--plot writes SVG; give a file name ending in .svg")
      }
      result.plot = value
    }
  }
}

/// Writes `message` and a newline to standard error.
public func printToStandardError(_ message: String) {
  FileHandle.standardError.write(Data((message + "\n").utf8))
}

/// Prints `message` to standard error and ends the program with `status`.
public func exitWithError(_ message: String, status: Int32 = 1) -> Never {
  printToStandardError("error: \(message)")
  exit(status)
}
