internal import AutoDiffKernels
import Foundation
import Synchronization

/// How Descent spreads work over the processor's cores.
///
/// Three kinds of work run on several threads: large matrix products (split by rows of the
/// result), and gradients of costs over rows of data written with scalar variables
/// (``valueWithGradient(at:rows:into:of:)``, which `train` uses), split into blocks of rows each
/// differentiated on its own tape. Work below ``minimumParallelWork`` stays on the calling
/// thread, where starting threads would cost more than it saves.
///
/// **Deterministic.** Results do not depend on the thread count: a matrix product computes
/// each element by the same sum whichever thread does it, and a cost over rows is cut into
/// blocks of ``rowsPerBlock`` rows whatever the number of threads, its partial results added
/// in the order of the blocks. On one machine and one instruction-set path the value and
/// gradient come out bit for bit the same on 1, 2 or 64 threads, and on every run.
///
/// The threads are a pool started at the first parallel job and kept for the life of the
/// process (POSIX threads, one fewer than the thread count: the calling thread takes part),
/// spinning briefly between jobs so that the products of one network do not each pay the
/// operating system's wake-up. Parallel work started from inside a worker (a cost over rows
/// whose cost multiplies large matrices), or while another thread is using the pool (gradients
/// started from many threads or Swift tasks at once), runs on the calling thread: the pool
/// never starts more threads than the thread count asks for.
///
/// The settings may be changed at any time from any thread; a call in progress keeps the
/// values it read when it started.
public enum Parallelism {
  private static let threads = Atomic<Int>(defaultThreadCount)

  /// `DESCENT_THREADS` from the environment when it is a positive whole number, else the
  /// cores this process may run on (its CPU affinity on Linux, so `taskset -c 0` means one).
  private static var defaultThreadCount: Int {
    if let text = ProcessInfo.processInfo.environment["DESCENT_THREADS"],
      let count = Int(text), count >= 1
    {
      return count
    }
    return Int(adk_available_cores())
  }
  private static let rows = Atomic<Int>(4096)
  private static let work = Atomic<Int>(1 << 17)
  private static let elements = Atomic<Int>(1 << 15)

  /// The number of threads a parallel operation uses at most, the calling thread included:
  /// by default the cores this process may run on (`DESCENT_THREADS` in the environment
  /// overrides it); 1 keeps every computation on the calling thread. Values below 1 are taken
  /// as 1.
  public static var threadCount: Int {
    get { threads.load(ordering: .relaxed) }
    set { threads.store(Swift.max(1, newValue), ordering: .relaxed) }
  }

  /// The rows of one block of a cost over rows (4096 by default; values below 1 are taken as
  /// 1). The blocks are the unit of parallel work and of summation: changing this changes the
  /// order in which the blocks' partial results are added, and so possibly the last bits of
  /// the value and gradient; the thread count never does.
  public static var rowsPerBlock: Int {
    get { rows.load(ordering: .relaxed) }
    set { rows.store(Swift.max(1, newValue), ordering: .relaxed) }
  }

  /// The smallest matrix product, in multiply-adds (m · n · k), split over threads: 2¹⁷ by
  /// default (a 50 × 50 by 50 × 50 product, about 4 µs of one core). Measured on the
  /// development machine with the pool's threads awake, splitting breaks even at about 32³ and
  /// gains from 48³ on (the benchmark's `parallel` group, `break_even_product`). Tests set it
  /// to 0 to make small products split.
  public static var minimumParallelWork: Int {
    get { work.load(ordering: .relaxed) }
    set { work.store(Swift.max(0, newValue), ordering: .relaxed) }
  }

  /// The fewest elements of an elementwise expression evaluated on several threads: 2¹⁵ by
  /// default. Values below 0 are taken as 0. Split:
  /// - the evaluation of an expression into storage (``VariableMatrix`` and ``VariableVector``
  ///   results that later operations read, such as a layer's activations `tanh(x·w + b)`);
  /// - the backward step of such an expression, in chunks of blocks fixed by its size; what the
  ///   chunks add into a shared adjoint (the bias `b`'s, a scalar's) is summed per chunk and
  ///   added in chunk order, whatever the thread count;
  /// - reductions of a function of a linear combination of one-element factors
  ///   (`mean(pow(m * x + b - y, 2))`), whose blocks' sums are added in block order;
  /// - passes over that many elements or more: zeroing adjoints, scaling the gradient of
  ///   ``VariableVector/valueWithGradient(at:of:)`` in place, transposes.
  ///
  /// Other reductions run on the calling thread. The chunks of a backward step start at this
  /// size, so changing it can change the last bits of a gradient, as ``rowsPerBlock`` can;
  /// the thread count never does.
  public static var minimumParallelElements: Int {
    get { elements.load(ordering: .relaxed) }
    set { elements.store(Swift.max(0, newValue), ordering: .relaxed) }
  }
}

/// Runs `body(0)`, …, `body(count − 1)`, on up to `Parallelism.threadCount` threads, and
/// returns when all have run. Each index runs exactly once, on one thread; which thread is
/// not specified, so `body` must write only what belongs to its index.
///
/// The threads are the pool of AutoDiffKernels (`adk_parallel_for`): started once, spinning
/// briefly between jobs. Inside a block already running on a worker, or while another thread
/// uses the pool, the blocks run one after another on the calling thread: parallel work never
/// multiplies the threads.
@usableFromInline
func forEachInParallel(_ count: Int, threads requested: Int? = nil, _ body: (Int) -> Void) {
  let threads = Swift.min(requested ?? Parallelism.threadCount, count)
  if threads <= 1 || adk_parallel_depth() > 0 {
    for block in 0..<count { body(block) }
    return
  }
  withoutActuallyEscaping(body) { body in
    // The closure is handed to the C pool by address; the pool returns only after every call
    // has returned, so the address outlives every use.
    var work = body
    withUnsafeMutablePointer(to: &work) { pointer in
      adk_parallel_for(
        count, Int32(threads),
        { context, index in
          context!.assumingMemoryBound(to: ((Int) -> Void).self).pointee(index)
        }, pointer)
    }
  }
}

/// Calls `body` with ranges that cover `0 ..< count` once, in order: one range, on the calling
/// thread, when the work covers fewer than `Parallelism.minimumParallelElements` elements (or
/// on one thread), else as many ranges as threads, `granularity` apart (a range starts at a
/// multiple of it), run in parallel. For work whose result does not depend on how it is split:
/// copies, fills, and loops whose elements are each written by one index.
///
/// - Parameter elementsPerIndex: the elements each index of the range stands for (a row's
///   columns, for a range of rows), which the threshold counts.
@usableFromInline
func forEachRangeInParallel(
  _ count: Int, granularity: Int = 1, elementsPerIndex: Int = 1, _ body: (Range<Int>) -> Void
) {
  let units = (count + granularity - 1) / granularity
  let threads = Swift.min(Parallelism.threadCount, units)
  guard threads > 1, count * elementsPerIndex >= Parallelism.minimumParallelElements else {
    body(0..<count)
    return
  }
  forEachInParallel(threads, threads: threads) { piece in
    let start = piece * units / threads * granularity
    let end = Swift.min((piece + 1) * units / threads * granularity, count)
    if start < end { body(start..<end) }
  }
}
