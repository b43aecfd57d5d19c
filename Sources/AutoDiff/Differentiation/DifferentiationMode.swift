/// How a derivative is computed: forward mode in chunks of directions, reverse mode on a tape, or
/// chosen automatically from the number of inputs.
///
/// ```
/// forward, chunk of N:  ⌈n / N⌉ evaluations on MultiDual<T, N>; no tape
/// reverse:              1 recorded evaluation + 1 backward sweep per output
/// ```
///
/// Forward mode's cost grows with the number of inputs n, reverse mode's does not, but reverse
/// mode pays for its tape on every operation. For few inputs forward mode wins by a wide margin;
/// for many, reverse mode does. ``automatic`` picks forward mode when n is at most
/// ``forwardModeInputLimit`` (16), below the break-even points measured on this package's
/// benchmarks (see <doc:ForwardOrReverse>), and reverse mode above it.
///
/// ```swift
/// print(DifferentiationMode.automatic.resolved(inputCount: 2))
/// print(DifferentiationMode.automatic.resolved(inputCount: 10_000))
/// // forward(chunkSize: 2)
/// // reverse
/// ```
public struct DifferentiationMode: Sendable, Hashable, CustomStringConvertible {
  @usableFromInline
  enum Kind: Sendable, Hashable {
    case automatic
    case forward
    case reverse
  }

  @usableFromInline let kind: Kind

  /// The number of directions per forward evaluation: set for a forward mode created with
  /// ``forward(chunkSize:)`` or resolved by ``resolved(inputCount:)``; `nil` otherwise.
  public let chunkSize: Int?

  @inlinable
  init(kind: Kind, chunkSize: Int?) {
    self.kind = kind
    self.chunkSize = chunkSize
  }

  /// Forward mode for at most ``forwardModeInputLimit`` inputs, reverse mode above; the default.
  public static let automatic = DifferentiationMode(kind: .automatic, chunkSize: nil)

  /// Reverse mode: one recorded evaluation on ``Variable`` numbers and one backward sweep per
  /// output.
  public static let reverse = DifferentiationMode(kind: .reverse, chunkSize: nil)

  /// Forward mode, with the chunk size chosen from the number of inputs n: the smallest supported
  /// size that holds all n directions when n ≤ ``defaultChunkSize``, and ``defaultChunkSize``
  /// above.
  public static let forward = DifferentiationMode(kind: .forward, chunkSize: nil)

  /// Forward mode with `chunkSize` directions per evaluation, ⌈n / chunkSize⌉ evaluations for n
  /// inputs (ForwardDiff.jl's `Chunk{N}`).
  ///
  /// Each supported size is a separate compiled specialization of your function, which is why the
  /// sizes are a fixed list, ``supportedChunkSizes``.
  ///
  /// - Parameter chunkSize: The number of tangents each ``MultiDual`` carries.
  /// - Throws: ``AutoDiffError/invalidArgument(argument:reason:)`` when `chunkSize` is not one of
  ///   ``supportedChunkSizes``.
  public static func forward(chunkSize: Int) throws -> DifferentiationMode {
    guard supportedChunkSizes.contains(chunkSize) else {
      let sizes = supportedChunkSizes.map(String.init).joined(separator: ", ")
      throw AutoDiffError.invalidArgument(
        argument: "chunkSize", reason: "is \(chunkSize); pass one of \(sizes)")
    }
    return DifferentiationMode(kind: .forward, chunkSize: chunkSize)
  }

  /// The chunk sizes forward mode is compiled for: 1, 2, 3, 4, 8 and 16.
  public static let supportedChunkSizes = [1, 2, 3, 4, 8, 16]

  /// The chunk size for more inputs than that: 8 directions per evaluation.
  ///
  /// Measured on the benchmarks of <doc:ForwardOrReverse>: per direction, an evaluation carrying
  /// 8 tangents of a `Double` cost about 1.2 plain evaluations of the Rosenbrock function, and one
  /// carrying 16 about 1.0; but on a logistic loss, whose loop keeps several values alive at
  /// once, 16 tangents (8 SSE registers per value on the default x86-64 target) were slower per
  /// direction than 8, so that two evaluations of 8 beat one of 16. 8 is the size that was never
  /// far from the best.
  public static let defaultChunkSize = 8

  /// The largest number of inputs for which ``automatic`` picks forward mode: 16.
  ///
  /// Measured on the benchmarks of <doc:ForwardOrReverse>, forward mode takes 0.2 to 0.9 of
  /// reverse mode's time up to 16 inputs, breaks even between about 20 inputs (a logistic loss,
  /// dominated by `exp` and `log1p`, which both modes evaluate once) and 32 (the Rosenbrock
  /// function, cheap arithmetic), and takes 1.4 to 2.6 times reverse mode's time from 48 inputs
  /// on.
  public static let forwardModeInputLimit = 16

  /// The chunk size forward mode uses for `inputCount` inputs when none was requested; see
  /// ``forward``.
  @inlinable
  static func chunkSize(forInputCount inputCount: Int) -> Int {
    let wanted = Swift.min(inputCount, defaultChunkSize)
    return supportedChunkSizes.first { $0 >= wanted } ?? defaultChunkSize
  }

  /// The mode used for a function of `inputCount` inputs: ``reverse``, or forward mode with a
  /// definite chunk size. Never ``automatic``.
  ///
  /// - Parameter inputCount: n, the number of inputs.
  @inlinable
  public func resolved(inputCount: Int) -> DifferentiationMode {
    switch kind {
    case .reverse:
      return .reverse
    case .forward:
      let size = chunkSize ?? Self.chunkSize(forInputCount: inputCount)
      return DifferentiationMode(kind: .forward, chunkSize: size)
    case .automatic:
      if inputCount > Self.forwardModeInputLimit { return .reverse }
      return DifferentiationMode(
        kind: .forward, chunkSize: Self.chunkSize(forInputCount: inputCount))
    }
  }

  /// `automatic`, `reverse`, `forward` or `forward(chunkSize: N)`.
  public var description: String {
    switch kind {
    case .automatic: return "automatic"
    case .reverse: return "reverse"
    case .forward: return chunkSize.map { "forward(chunkSize: \($0))" } ?? "forward"
    }
  }
}

// MARK: - Running a computation at a chunk size known at run time

/// A computation generic over the chunk size N, run by ``withChunkSize(_:_:)`` at a size chosen
/// at run time. Each supported size instantiates `run` once.
@usableFromInline
protocol _ChunkedComputation {
  associatedtype Scalar: RealScalar
  associatedtype Result
  associatedtype Failure: Error

  mutating func run<let N: Int>(_ chunk: MultiDual<Scalar, N>.Type) throws(Failure) -> Result
}

/// Runs `computation` with N = `size`, one of ``DifferentiationMode/supportedChunkSizes``
/// (keep the two in sync).
@inlinable
func withChunkSize<C: _ChunkedComputation>(_ size: Int, _ computation: inout C)
  throws(C.Failure) -> C.Result
{
  switch size {
  case 1: return try computation.run(MultiDual<C.Scalar, 1>.self)
  case 2: return try computation.run(MultiDual<C.Scalar, 2>.self)
  case 3: return try computation.run(MultiDual<C.Scalar, 3>.self)
  case 4: return try computation.run(MultiDual<C.Scalar, 4>.self)
  case 8: return try computation.run(MultiDual<C.Scalar, 8>.self)
  case 16: return try computation.run(MultiDual<C.Scalar, 16>.self)
  default:
    preconditionFailure(
      "Chunk size \(size) is not compiled; DifferentiationMode validates sizes against "
        + "supportedChunkSizes, which must match withChunkSize.")
  }
}
