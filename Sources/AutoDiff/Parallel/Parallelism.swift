internal import AutoDiffKernels
import Dispatch
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
/// The threads are Dispatch's, started once per process and shared with the rest of the
/// program; a gradient called from inside one of them (a cost that itself calls a parallel
/// gradient, or many gradients started from Swift tasks) runs its blocks on the threads free at
/// that moment and never starts more threads than there are cores.
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
  private static let work = Atomic<Int>(1 << 20)

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

  /// The smallest matrix product, in multiply-adds (m · n · k), split over threads: 2²⁰ by
  /// default, about 25 µs of one core, above the measured cost of waking the other threads
  /// (see the benchmark's `parallel` group). Tests set it to 0 to make small products split.
  public static var minimumParallelWork: Int {
    get { work.load(ordering: .relaxed) }
    set { work.store(Swift.max(0, newValue), ordering: .relaxed) }
  }
}

/// Runs `body(0)`, …, `body(count − 1)`, on up to `Parallelism.threadCount` threads, and
/// returns when all have run. Each index runs exactly once, on one thread; which thread is
/// not specified, so `body` must write only what belongs to its index.
///
/// Inside a block already running on a worker the blocks run one after another on that
/// thread: nested parallel work never multiplies the threads.
@usableFromInline
func forEachInParallel(_ count: Int, threads requested: Int? = nil, _ body: (Int) -> Void) {
  let threads = Swift.min(requested ?? Parallelism.threadCount, count)
  if threads <= 1 || adk_parallel_depth() > 0 {
    for block in 0..<count { body(block) }
    return
  }
  withoutActuallyEscaping(body) { body in
    let shared = BlockBody(run: body)
    DispatchQueue.concurrentPerform(iterations: threads) { worker in
      adk_enter_parallel()
      defer { adk_leave_parallel() }
      var block = worker
      while block < count {
        shared.run(block)
        block += threads
      }
    }
  }
}

/// The body of a parallel loop, handed to the workers. Sendable by the contract of
/// `forEachInParallel`: each call writes only what belongs to its own index, and the loop returns
/// only after every call has returned, so nothing the body captures is used after the loop.
private struct BlockBody: @unchecked Sendable {
  let run: (Int) -> Void
}
