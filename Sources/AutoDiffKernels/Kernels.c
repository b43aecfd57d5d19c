// AVX2 and FMA versions of AutoDiff's hottest array kernels; see include/AutoDiffKernels.h.
//
// Goals, in order: the same numbers as the Swift kernels to within rounding (the same algorithms;
// the matrix products sum in the same order, matrix × vector in its own partial sums); then
// speed. Every function also has a plain-loop version for processors without AVX2, so the
// library builds and is correct everywhere; Swift calls these functions only when
// adk_wide_vectors_available() says the wide instructions exist.

// sched_getaffinity and CPU_COUNT (Linux) are GNU extensions, declared only when this is
// defined before the first system header.
#if defined(__linux__) && !defined(_GNU_SOURCE)
#define _GNU_SOURCE
#endif

#include "AutoDiffKernels.h"

#include <math.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#define ADK_X86 1
#include <cpuid.h>
#include <immintrin.h>
#define ADK_WIDE __attribute__((target("avx2,fma")))
#endif

// MARK: - Detection

#ifdef ADK_X86
// AVX2 (leaf 7, EBX bit 5) and FMA (leaf 1, ECX bit 12) in the processor, and the 128- and
// 256-bit register state (XCR0 bits 1 and 2) saved by the operating system (OSXSAVE).
static int detect(void) {
  unsigned eax, ebx, ecx, edx;
  if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx)) return 0;
  int fma = (ecx >> 12) & 1, osxsave = (ecx >> 27) & 1, avx = (ecx >> 28) & 1;
  if (!(fma && osxsave && avx)) return 0;
  unsigned xcr0, xcr0High;
  __asm__ volatile("xgetbv" : "=a"(xcr0), "=d"(xcr0High) : "c"(0));
  if ((xcr0 & 6) != 6) return 0;
  if (__get_cpuid_max(0, 0) < 7) return 0;
  __cpuid_count(7, 0, eax, ebx, ecx, edx);
  return (ebx >> 5) & 1;
}
#else
static int detect(void) { return 0; }
#endif

int adk_wide_vectors_available(void) {
  // -1: not checked yet. Two threads checking at once store the same answer.
  static _Atomic int cached = -1;
  int state = atomic_load_explicit(&cached, memory_order_relaxed);
  if (state < 0) {
    // DESCENT_BASELINE_KERNELS=1 turns the wide kernels off, to compare or to test the Swift
    // kernels on a machine that has AVX2.
    const char *off = getenv("DESCENT_BASELINE_KERNELS");
    state = (off != NULL && off[0] != '\0' && strcmp(off, "0") != 0) ? 0 : detect();
    atomic_store_explicit(&cached, state, memory_order_relaxed);
  }
  return state;
}

// MARK: - Cores

#if defined(__linux__)
#include <sched.h>
#endif
#include <unistd.h>

int adk_available_cores(void) {
#if defined(__linux__) && defined(CPU_COUNT)
  cpu_set_t set;
  if (sched_getaffinity(0, sizeof set, &set) == 0) {
    int count = CPU_COUNT(&set);
    if (count > 0) return count;
  }
#endif
  long online = sysconf(_SC_NPROCESSORS_ONLN);
  return online > 0 ? (int)online : 1;
}

// MARK: - Memory

#if defined(__GLIBC__)
#include <malloc.h>
void adk_trim_heap(void) { malloc_trim(0); }
#else
void adk_trim_heap(void) {}
#endif

// MARK: - Parallel regions

static _Thread_local int adk_depth = 0;

int adk_parallel_depth(void) { return adk_depth; }
void adk_enter_parallel(void) { adk_depth++; }
void adk_leave_parallel(void) { adk_depth--; }

// MARK: - Thread pool
//
// Workers started at the first parallel job, kept for the life of the process. Each worker has
// a mailbox: the caller of a job writes the job's address into the mailboxes of the workers
// taking part and marks them posted; a worker spins on its own mailbox for a while (about
// 0.1 ms) after its last job, then sleeps on a condition variable. Dispatch's pool, used
// before, wakes its threads through the kernel on every job: on the development machine (a
// virtual machine) that took about 70 µs, the whole gain of splitting a millisecond in two.
//
// A worker takes a posted job (posted → taken) before it reads it. The caller runs indices
// too, and when none is left it takes back every job not yet taken (posted → idle) and waits
// only for the workers that took theirs. When the machine is busy with other processes, a
// worker the operating system has not scheduled is then not waited for: the caller does the
// work alone, as on one thread, instead of spinning until the worker runs. The caller's wait
// yields the processor after a short spin, for the same reason.

#include <pthread.h>
#include <sched.h>

enum { ADK_MAX_WORKERS = 255, ADK_SPINS = 1 << 16, ADK_WAIT_SPINS = 1 << 12 };
enum { ADK_IDLE = 0, ADK_POSTED = 1, ADK_TAKEN = 2 };

typedef struct {
  adk_task task;
  void *context;
  ptrdiff_t count;
  _Atomic ptrdiff_t next;  // the next index to run
  _Atomic int finished;    // workers done with this job
} adk_job;

typedef struct {
  _Atomic int state;  // ADK_IDLE, ADK_POSTED or ADK_TAKEN
  adk_job *_Atomic job;
  char padding[64 - sizeof(int) - sizeof(void *) - 4];  // one cache line per worker
} adk_mailbox;

static adk_mailbox adk_mailboxes[ADK_MAX_WORKERS];
static _Atomic int adk_sleepers = 0;
static _Atomic int adk_busy = 0;  // a caller owns the pool
static int adk_workers = 0;       // started so far (only the pool's owner changes it)
static pthread_mutex_t adk_pool_mutex = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t adk_pool_wake = PTHREAD_COND_INITIALIZER;

static inline void adk_pause(void) {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#elif defined(__aarch64__)
  __asm__ volatile("yield");
#endif
}

static void adk_run_indices(adk_job *job) {
  for (;;) {
    ptrdiff_t i = atomic_fetch_add_explicit(&job->next, 1, memory_order_relaxed);
    if (i >= job->count) break;
    job->task(job->context, i);
  }
}

// Takes the job posted in `mailbox`, if there is one.
static inline int adk_take(adk_mailbox *mailbox) {
  int expected = ADK_POSTED;
  return atomic_load_explicit(&mailbox->state, memory_order_relaxed) == ADK_POSTED &&
         atomic_compare_exchange_strong(&mailbox->state, &expected, ADK_TAKEN);
}

static void *adk_worker(void *argument) {
  adk_mailbox *mailbox = &adk_mailboxes[(intptr_t)argument];
  adk_depth = 1;  // parallel work started from a task runs on this worker
  for (;;) {
    int spins = 0;
    while (!adk_take(mailbox)) {
      if (++spins < ADK_SPINS) {
        adk_pause();
        continue;
      }
      pthread_mutex_lock(&adk_pool_mutex);
      atomic_fetch_add(&adk_sleepers, 1);
      while (atomic_load(&mailbox->state) != ADK_POSTED) {
        pthread_cond_wait(&adk_pool_wake, &adk_pool_mutex);
      }
      atomic_fetch_sub(&adk_sleepers, 1);
      pthread_mutex_unlock(&adk_pool_mutex);
      spins = 0;
    }
    adk_job *job = atomic_load(&mailbox->job);
    adk_run_indices(job);
    // Idle before finished: once finished counts this worker, the caller may return and post
    // the next job, and `job` (on the caller's stack) is gone.
    atomic_store(&mailbox->state, ADK_IDLE);
    atomic_fetch_add_explicit(&job->finished, 1, memory_order_release);
  }
  return NULL;
}

void adk_parallel_for(ptrdiff_t count, int threads, adk_task task, void *context) {
  int expected = 0;
  if (threads <= 1 || count <= 1 || adk_depth > 0 ||
      !atomic_compare_exchange_strong(&adk_busy, &expected, 1)) {
    for (ptrdiff_t i = 0; i < count; i++) task(context, i);
    return;
  }
  int participants = threads - 1;
  if (participants > count - 1) participants = (int)(count - 1);
  if (participants > ADK_MAX_WORKERS) participants = ADK_MAX_WORKERS;
  while (adk_workers < participants) {
    pthread_t thread;
    pthread_attr_t attributes;
    pthread_attr_init(&attributes);
    pthread_attr_setdetachstate(&attributes, PTHREAD_CREATE_DETACHED);
    int failed = pthread_create(&thread, &attributes, adk_worker, (void *)(intptr_t)adk_workers);
    pthread_attr_destroy(&attributes);
    if (failed) break;
    adk_workers++;
  }
  if (participants > adk_workers) participants = adk_workers;
  adk_job job;
  job.task = task;
  job.context = context;
  job.count = count;
  atomic_init(&job.next, 0);
  atomic_init(&job.finished, 0);
  for (int w = 0; w < participants; w++) {
    atomic_store(&adk_mailboxes[w].job, &job);
    atomic_store(&adk_mailboxes[w].state, ADK_POSTED);
  }
  if (atomic_load(&adk_sleepers) > 0) {
    pthread_mutex_lock(&adk_pool_mutex);
    pthread_cond_broadcast(&adk_pool_wake);
    pthread_mutex_unlock(&adk_pool_mutex);
  }
  adk_depth++;
  adk_run_indices(&job);
  adk_depth--;
  // Every index is taken: a job no worker has taken yet is taken back, and not waited for.
  int joined = participants;
  for (int w = 0; w < participants; w++) {
    int posted = ADK_POSTED;
    if (atomic_compare_exchange_strong(&adk_mailboxes[w].state, &posted, ADK_IDLE)) joined--;
  }
  int spins = 0;
  while (atomic_load_explicit(&job.finished, memory_order_acquire) < joined) {
    if (++spins < ADK_WAIT_SPINS) {
      adk_pause();
    } else {
      sched_yield();
    }
  }
  atomic_store_explicit(&adk_busy, 0, memory_order_release);
}

// MARK: - Matrix product

// The baseline: each element of C sums its k products in order of p.
#define ADK_PLAIN_PRODUCT(T)                                                                   \
  for (ptrdiff_t i = 0; i < m; i++) {                                                          \
    for (ptrdiff_t j = 0; j < n; j++) {                                                        \
      T s = accumulate ? c[i * n + j] : (T)0;                                                  \
      for (ptrdiff_t p = 0; p < k; p++) s += a[i * rowStride + p * columnStride] * b[p * n + j]; \
      c[i * n + j] = s;                                                                        \
    }                                                                                          \
  }

#ifdef ADK_X86
#define ADK_INLINE __attribute__((always_inline)) inline

// One block of C: R rows (R ≤ 6, a constant after inlining) × V vectors of columns (V ≤ 2), in
// R · V accumulators that stay in registers: per p, V loads of B's row, R broadcasts of A and
// R · V fused multiply-adds. Six rows by two vectors use 12 of the 16 registers, with room for
// B's row and a broadcast; fewer rows would leave the multiply-adds waiting on loads.
ADK_WIDE static ADK_INLINE void block_f64(int R, int V, ptrdiff_t n, ptrdiff_t k, const double *a,
                                          ptrdiff_t rowStride, ptrdiff_t columnStride,
                                          const double *b, double *c, int accumulate) {
  __m256d s[6][2];
  for (int r = 0; r < R; r++) {
    for (int v = 0; v < V; v++) {
      s[r][v] = accumulate ? _mm256_loadu_pd(c + r * n + 4 * v) : _mm256_setzero_pd();
    }
  }
  for (ptrdiff_t p = 0; p < k; p++) {
    __m256d row[2];
    for (int v = 0; v < V; v++) row[v] = _mm256_loadu_pd(b + p * n + 4 * v);
    for (int r = 0; r < R; r++) {
      __m256d x = _mm256_broadcast_sd(a + r * rowStride + p * columnStride);
      for (int v = 0; v < V; v++) s[r][v] = _mm256_fmadd_pd(x, row[v], s[r][v]);
    }
  }
  for (int r = 0; r < R; r++) {
    for (int v = 0; v < V; v++) _mm256_storeu_pd(c + r * n + 4 * v, s[r][v]);
  }
}

// The rows of one strip of columns, six at a time, then the rest in one block.
#define ADK_STRIP(block, V, width)                                                              \
  {                                                                                             \
    ptrdiff_t i = 0;                                                                            \
    for (; i + 6 <= m; i += 6) {                                                                \
      block(6, V, n, k, a + i * rowStride, rowStride, columnStride, b + j, c + i * n + j,      \
            accumulate);                                                                        \
    }                                                                                           \
    switch (m - i) {                                                                            \
      case 5: block(5, V, n, k, a + i * rowStride, rowStride, columnStride, b + j, c + i * n + j, \
                    accumulate); break;                                                         \
      case 4: block(4, V, n, k, a + i * rowStride, rowStride, columnStride, b + j, c + i * n + j, \
                    accumulate); break;                                                         \
      case 3: block(3, V, n, k, a + i * rowStride, rowStride, columnStride, b + j, c + i * n + j, \
                    accumulate); break;                                                         \
      case 2: block(2, V, n, k, a + i * rowStride, rowStride, columnStride, b + j, c + i * n + j, \
                    accumulate); break;                                                         \
      case 1: block(1, V, n, k, a + i * rowStride, rowStride, columnStride, b + j, c + i * n + j, \
                    accumulate); break;                                                         \
      default: break;                                                                           \
    }                                                                                           \
    j += width;                                                                                 \
  }

ADK_WIDE static void product_f64_wide(ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, const double *a,
                                      ptrdiff_t rowStride, ptrdiff_t columnStride,
                                      const double *b, double *c, int accumulate);
ADK_WIDE static void product_f32_wide(ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, const float *a,
                                      ptrdiff_t rowStride, ptrdiff_t columnStride,
                                      const float *b, float *c, int accumulate);

// MARK: Packed products (large matrices)
//
// For matrices past a few dozen rows the product above waits on memory: each block of C reads
// its rows of A and all k rows of its strip of B, n elements apart, for every six rows. The
// packed product (Goto & van de Geijn, "Anatomy of high-performance matrix multiplication",
// 2008; the loop structure of BLIS) copies a KC × NC block of B into strips NR wide laid out
// p after p, and an MC × KC block of A into strips MR tall, so that the inner kernel reads both
// contiguously from the L1 and L2 caches. Each element of C still sums its products in order
// of p with one fused multiply-add after another (a block of k is stored into C and reloaded
// for the next), so the numbers are bit for bit those of the unpacked product; the packing
// only changes where the operands are read from.
//
// The packing buffers belong to the calling thread: allocated at its first large product, kept
// for its next ones (about 1.3 MB for double), so that a call allocates nothing.

enum { ADK_KC = 256, ADK_MC = 96, ADK_NC = 512 };

// Packing copies (m + n) · k numbers to save re-reading them. Measured on this file's kernels
// (Zen 3, one core): below about 128³ multiply-adds the unpacked product runs from the caches
// at least as fast (100³: 43 against 37 GFLOP/s); at 256 × 256 × 32 packing wins 39 to 33, at
// 256 × 256 × 784 43 to 27. Widths that leave columns past the last vector (a layer of 10 outputs)
// go packed from k = 32 on, since the unpacked product does those columns one by one
// (256 × 10 × 256: 11 against 4 GFLOP/s).
static int adk_packing_pays(ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, ptrdiff_t vector) {
  if (m < 16 || n < 8 || k < 32) return 0;
  return m * n * k >= ((ptrdiff_t)1 << 21) || n % vector != 0;
}

typedef struct {
  void *memory;
  size_t bytes;
} adk_buffer;

static _Thread_local adk_buffer adk_pack_buffer = {NULL, 0};

static void *adk_pack_memory(size_t bytes) {
  if (adk_pack_buffer.bytes < bytes) {
    free(adk_pack_buffer.memory);
    size_t rounded = (bytes + 63) / 64 * 64;
    adk_pack_buffer.memory = aligned_alloc(64, rounded);
    adk_pack_buffer.bytes = adk_pack_buffer.memory ? rounded : 0;
  }
  return adk_pack_buffer.memory;
}

// One packed kernel per precision: MR rows by NR columns of C in MR · NR / W accumulators.
#define ADK_PACKED(T, W, MR, NR, VEC, LOAD, STORE, ZERO, BROADCAST, FMA, SCALAR_FMA, SUFFIX)        \
  /* The MR × NR block of C at c (rows ldc apart) from kc steps of packed A and B; rows and     \
     columns past `rows` and `columns` are computed in a scratch block and not written. */       \
  ADK_WIDE static void kernel_##SUFFIX(ptrdiff_t kc, const T *ap, const T *bp, T *c,              \
                                       ptrdiff_t ldc, int rows, int columns, int load) {          \
    VEC s[MR][NR / W];                                                                            \
    T edge[MR * NR] __attribute__((aligned(64)));                                                 \
    int full = rows == MR && columns == NR;                                                       \
    T *target = full ? c : edge;                                                                  \
    ptrdiff_t ld = full ? ldc : NR;                                                               \
    if (!full) {                                                                                  \
      for (int r = 0; r < MR; r++)                                                                \
        for (int j = 0; j < NR; j++)                                                              \
          edge[r * NR + j] = (load && r < rows && j < columns) ? c[r * ldc + j] : (T)0;           \
    }                                                                                             \
    for (int r = 0; r < MR; r++)                                                                  \
      for (int v = 0; v < NR / W; v++)                                                            \
        s[r][v] = (load || !full) ? LOAD(target + r * ld + W * v) : ZERO();                       \
    for (ptrdiff_t p = 0; p < kc; p++) {                                                          \
      VEC row[NR / W];                                                                            \
      for (int v = 0; v < NR / W; v++) row[v] = LOAD(bp + p * NR + W * v);                        \
      for (int r = 0; r < MR; r++) {                                                              \
        VEC x = BROADCAST(ap + p * MR + r);                                                       \
        for (int v = 0; v < NR / W; v++) s[r][v] = FMA(x, row[v], s[r][v]);                       \
      }                                                                                           \
    }                                                                                             \
    for (int r = 0; r < MR; r++)                                                                  \
      for (int v = 0; v < NR / W; v++) STORE(target + r * ld + W * v, s[r][v]);                   \
    if (!full) {                                                                                  \
      for (int r = 0; r < rows; r++)                                                              \
        for (int j = 0; j < columns; j++) c[r * ldc + j] = edge[r * NR + j];                      \
    }                                                                                             \
  }                                                                                               \
                                                                                                  \
  /* With `transposedRight`, B's element (p, j) is b[j · k + p]: b holds Bᵀ (n × k). */           \
  ADK_WIDE static int packed_##SUFFIX(ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, const T *a,          \
                                      ptrdiff_t rowStride, ptrdiff_t columnStride, const T *b,    \
                                      int transposedRight, T *c, int accumulate) {                \
    T *bp = (T *)adk_pack_memory(sizeof(T) * (ADK_KC * ADK_NC + ADK_MC * ADK_KC));                \
    if (bp == NULL) {                                                                             \
      /* No memory for packing: the same sums, read where they are. */                           \
      if (!transposedRight) {                                                                     \
        product_##SUFFIX##_wide(m, n, k, a, rowStride, columnStride, b, c, accumulate);           \
        return 1;                                                                                 \
      }                                                                                           \
      for (ptrdiff_t i = 0; i < m; i++) {                                                         \
        for (ptrdiff_t j = 0; j < n; j++) {                                                       \
          T s = accumulate ? c[i * n + j] : (T)0;                                                 \
          for (ptrdiff_t p = 0; p < k; p++) {                                                     \
            s = SCALAR_FMA(a[i * rowStride + p * columnStride], b[j * k + p], s);                 \
          }                                                                                       \
          c[i * n + j] = s;                                                                       \
        }                                                                                         \
      }                                                                                           \
      return 1;                                                                                   \
    }                                                                                             \
    T *ap = bp + ADK_KC * ADK_NC;                                                                 \
    for (ptrdiff_t jc = 0; jc < n; jc += ADK_NC) {                                                \
      ptrdiff_t nc = n - jc < ADK_NC ? n - jc : ADK_NC;                                           \
      for (ptrdiff_t pc = 0; pc < k || pc == 0; pc += ADK_KC) {                                   \
        ptrdiff_t kc = k - pc < ADK_KC ? k - pc : ADK_KC;                                         \
        int load = accumulate || pc > 0;                                                          \
        /* B's block, NR columns at a time, p after p; columns past n are zero. */                \
        for (ptrdiff_t jr = 0; jr < nc; jr += NR) {                                               \
          T *strip = bp + jr * kc;                                                                \
          ptrdiff_t width = nc - jr < NR ? nc - jr : NR;                                          \
          if (transposedRight) {                                                                  \
            /* Column j of B is row j of b: read along it, written NR apart. */                   \
            for (ptrdiff_t j = 0; j < NR; j++) {                                                  \
              const T *source = b + (jc + jr + j) * k + pc;                                       \
              if (j < width) {                                                                    \
                for (ptrdiff_t p = 0; p < kc; p++) strip[p * NR + j] = source[p];                 \
              } else {                                                                            \
                for (ptrdiff_t p = 0; p < kc; p++) strip[p * NR + j] = 0;                         \
              }                                                                                   \
            }                                                                                     \
            continue;                                                                             \
          }                                                                                       \
          for (ptrdiff_t p = 0; p < kc; p++) {                                                    \
            const T *source = b + (pc + p) * n + jc + jr;                                         \
            ptrdiff_t j = 0;                                                                      \
            for (; j < width; j++) strip[p * NR + j] = source[j];                                 \
            for (; j < NR; j++) strip[p * NR + j] = 0;                                            \
          }                                                                                       \
        }                                                                                         \
        for (ptrdiff_t ic = 0; ic < m; ic += ADK_MC) {                                            \
          ptrdiff_t mc = m - ic < ADK_MC ? m - ic : ADK_MC;                                       \
          /* A's block, MR rows at a time, p after p; rows past m are zero. */                    \
          for (ptrdiff_t ir = 0; ir < mc; ir += MR) {                                             \
            T *strip = ap + ir * kc;                                                              \
            ptrdiff_t height = mc - ir < MR ? mc - ir : MR;                                       \
            const T *source = a + (ic + ir) * rowStride + pc * columnStride;                      \
            for (ptrdiff_t p = 0; p < kc; p++) {                                                  \
              ptrdiff_t r = 0;                                                                    \
              for (; r < height; r++) strip[p * MR + r] = source[r * rowStride + p * columnStride]; \
              for (; r < MR; r++) strip[p * MR + r] = 0;                                          \
            }                                                                                     \
          }                                                                                       \
          for (ptrdiff_t jr = 0; jr < nc; jr += NR) {                                             \
            int columns = (int)(nc - jr < NR ? nc - jr : NR);                                     \
            for (ptrdiff_t ir = 0; ir < mc; ir += MR) {                                           \
              int rows = (int)(mc - ir < MR ? mc - ir : MR);                                      \
              kernel_##SUFFIX(kc, ap + ir * kc, bp + jr * kc, c + (ic + ir) * n + jc + jr, n,     \
                              rows, columns, load);                                               \
            }                                                                                     \
          }                                                                                       \
        }                                                                                         \
        if (k == 0) break;                                                                        \
      }                                                                                           \
    }                                                                                             \
    return 1;                                                                                     \
  }

ADK_PACKED(double, 4, 6, 8, __m256d, _mm256_loadu_pd, _mm256_storeu_pd, _mm256_setzero_pd,
           _mm256_broadcast_sd, _mm256_fmadd_pd, __builtin_fma, f64)
ADK_PACKED(float, 8, 6, 16, __m256, _mm256_loadu_ps, _mm256_storeu_ps, _mm256_setzero_ps,
           _mm256_broadcast_ss, _mm256_fmadd_ps, __builtin_fmaf, f32)

// Strips of 8 columns (two vectors of 4), then of 4, then single columns.
ADK_WIDE static void product_f64_wide(ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, const double *a,
                                      ptrdiff_t rowStride, ptrdiff_t columnStride,
                                      const double *b, double *c, int accumulate) {
  ptrdiff_t j = 0;
  while (j + 8 <= n) ADK_STRIP(block_f64, 2, 8)
  while (j + 4 <= n) ADK_STRIP(block_f64, 1, 4)
  for (; j < n; j++) {
    for (ptrdiff_t i = 0; i < m; i++) {
      double s = accumulate ? c[i * n + j] : 0;
      for (ptrdiff_t p = 0; p < k; p++) {
        s = __builtin_fma(a[i * rowStride + p * columnStride], b[p * n + j], s);
      }
      c[i * n + j] = s;
    }
  }
}

// As for double, with eight floats to a register.
ADK_WIDE static ADK_INLINE void block_f32(int R, int V, ptrdiff_t n, ptrdiff_t k, const float *a,
                                          ptrdiff_t rowStride, ptrdiff_t columnStride,
                                          const float *b, float *c, int accumulate) {
  __m256 s[6][2];
  for (int r = 0; r < R; r++) {
    for (int v = 0; v < V; v++) {
      s[r][v] = accumulate ? _mm256_loadu_ps(c + r * n + 8 * v) : _mm256_setzero_ps();
    }
  }
  for (ptrdiff_t p = 0; p < k; p++) {
    __m256 row[2];
    for (int v = 0; v < V; v++) row[v] = _mm256_loadu_ps(b + p * n + 8 * v);
    for (int r = 0; r < R; r++) {
      __m256 x = _mm256_broadcast_ss(a + r * rowStride + p * columnStride);
      for (int v = 0; v < V; v++) s[r][v] = _mm256_fmadd_ps(x, row[v], s[r][v]);
    }
  }
  for (int r = 0; r < R; r++) {
    for (int v = 0; v < V; v++) _mm256_storeu_ps(c + r * n + 8 * v, s[r][v]);
  }
}

ADK_WIDE static void product_f32_wide(ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, const float *a,
                                      ptrdiff_t rowStride, ptrdiff_t columnStride,
                                      const float *b, float *c, int accumulate) {
  ptrdiff_t j = 0;
  while (j + 16 <= n) ADK_STRIP(block_f32, 2, 16)
  while (j + 8 <= n) ADK_STRIP(block_f32, 1, 8)
  for (; j < n; j++) {
    for (ptrdiff_t i = 0; i < m; i++) {
      float s = accumulate ? c[i * n + j] : 0;
      for (ptrdiff_t p = 0; p < k; p++) {
        s = __builtin_fmaf(a[i * rowStride + p * columnStride], b[p * n + j], s);
      }
      c[i * n + j] = s;
    }
  }
}
#endif

void adk_matrix_product_f64(ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, const double *a,
                            ptrdiff_t rowStride, ptrdiff_t columnStride, const double *b,
                            double *c, int accumulate) {
#ifdef ADK_X86
  if (adk_wide_vectors_available()) {
    if (adk_packing_pays(m, n, k, 4)) {
      packed_f64(m, n, k, a, rowStride, columnStride, b, 0, c, accumulate);
      return;
    }
    product_f64_wide(m, n, k, a, rowStride, columnStride, b, c, accumulate);
    return;
  }
#endif
  ADK_PLAIN_PRODUCT(double)
}

void adk_matrix_product_f32(ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, const float *a,
                            ptrdiff_t rowStride, ptrdiff_t columnStride, const float *b, float *c,
                            int accumulate) {
#ifdef ADK_X86
  if (adk_wide_vectors_available()) {
    if (adk_packing_pays(m, n, k, 8)) {
      packed_f32(m, n, k, a, rowStride, columnStride, b, 0, c, accumulate);
      return;
    }
    product_f32_wide(m, n, k, a, rowStride, columnStride, b, c, accumulate);
    return;
  }
#endif
  ADK_PLAIN_PRODUCT(float)
}

int adk_packed_product_applies(ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, int single) {
#ifdef ADK_X86
  return adk_wide_vectors_available() && adk_packing_pays(m, n, k, single ? 8 : 4);
#else
  return 0;
#endif
}

int adk_matrix_product_transposed_right_f64(ptrdiff_t m, ptrdiff_t n, ptrdiff_t k,
                                            const double *a, const double *bt, double *c,
                                            int accumulate) {
#ifdef ADK_X86
  if (adk_wide_vectors_available() && adk_packing_pays(m, n, k, 4)) {
    return packed_f64(m, n, k, a, k, 1, bt, 1, c, accumulate);
  }
#endif
  return 0;
}

int adk_matrix_product_transposed_right_f32(ptrdiff_t m, ptrdiff_t n, ptrdiff_t k,
                                            const float *a, const float *bt, float *c,
                                            int accumulate) {
#ifdef ADK_X86
  if (adk_wide_vectors_available() && adk_packing_pays(m, n, k, 8)) {
    return packed_f32(m, n, k, a, k, 1, bt, 1, c, accumulate);
  }
#endif
  return 0;
}

// MARK: - Matrix × vector

#ifdef ADK_X86
// Four rows at a time, each in its own accumulator over four-wide chunks of the row, then a
// horizontal sum per row; the last k mod 4 products are added one by one.
ADK_WIDE static void matrix_vector_f64_wide(ptrdiff_t m, ptrdiff_t k, const double *a,
                                            const double *x, double *y) {
  ptrdiff_t chunks = k / 4 * 4;
  ptrdiff_t i = 0;
  for (; i + 4 <= m; i += 4) {
    const double *r0 = a + i * k, *r1 = r0 + k, *r2 = r1 + k, *r3 = r2 + k;
    __m256d s0 = _mm256_setzero_pd(), s1 = s0, s2 = s0, s3 = s0;
    for (ptrdiff_t p = 0; p < chunks; p += 4) {
      __m256d v = _mm256_loadu_pd(x + p);
      s0 = _mm256_fmadd_pd(_mm256_loadu_pd(r0 + p), v, s0);
      s1 = _mm256_fmadd_pd(_mm256_loadu_pd(r1 + p), v, s1);
      s2 = _mm256_fmadd_pd(_mm256_loadu_pd(r2 + p), v, s2);
      s3 = _mm256_fmadd_pd(_mm256_loadu_pd(r3 + p), v, s3);
    }
    // (s0 s1 s2 s3) → the four row sums in one register.
    __m256d h01 = _mm256_hadd_pd(s0, s1), h23 = _mm256_hadd_pd(s2, s3);
    __m256d sums = _mm256_add_pd(_mm256_permute2f128_pd(h01, h23, 0x20),
                                 _mm256_permute2f128_pd(h01, h23, 0x31));
    double out[4];
    _mm256_storeu_pd(out, sums);
    for (ptrdiff_t p = chunks; p < k; p++) {
      out[0] = __builtin_fma(r0[p], x[p], out[0]);
      out[1] = __builtin_fma(r1[p], x[p], out[1]);
      out[2] = __builtin_fma(r2[p], x[p], out[2]);
      out[3] = __builtin_fma(r3[p], x[p], out[3]);
    }
    y[i] = out[0], y[i + 1] = out[1], y[i + 2] = out[2], y[i + 3] = out[3];
  }
  for (; i < m; i++) {
    const double *r = a + i * k;
    __m256d s = _mm256_setzero_pd();
    for (ptrdiff_t p = 0; p < chunks; p += 4) {
      s = _mm256_fmadd_pd(_mm256_loadu_pd(r + p), _mm256_loadu_pd(x + p), s);
    }
    double out[4];
    _mm256_storeu_pd(out, s);
    double total = (out[0] + out[1]) + (out[2] + out[3]);
    for (ptrdiff_t p = chunks; p < k; p++) total = __builtin_fma(r[p], x[p], total);
    y[i] = total;
  }
}

ADK_WIDE static void matrix_vector_f32_wide(ptrdiff_t m, ptrdiff_t k, const float *a,
                                            const float *x, float *y) {
  ptrdiff_t chunks = k / 8 * 8;
  for (ptrdiff_t i = 0; i < m; i++) {
    const float *r = a + i * k;
    __m256 s = _mm256_setzero_ps();
    for (ptrdiff_t p = 0; p < chunks; p += 8) {
      s = _mm256_fmadd_ps(_mm256_loadu_ps(r + p), _mm256_loadu_ps(x + p), s);
    }
    float out[8];
    _mm256_storeu_ps(out, s);
    float total = ((out[0] + out[1]) + (out[2] + out[3])) + ((out[4] + out[5]) + (out[6] + out[7]));
    for (ptrdiff_t p = chunks; p < k; p++) total = __builtin_fmaf(r[p], x[p], total);
    y[i] = total;
  }
}
#endif

void adk_matrix_vector_f64(ptrdiff_t m, ptrdiff_t k, const double *a, const double *x, double *y) {
#ifdef ADK_X86
  if (adk_wide_vectors_available()) {
    matrix_vector_f64_wide(m, k, a, x, y);
    return;
  }
#endif
  for (ptrdiff_t i = 0; i < m; i++) {
    double s = 0;
    for (ptrdiff_t p = 0; p < k; p++) s += a[i * k + p] * x[p];
    y[i] = s;
  }
}

void adk_matrix_vector_f32(ptrdiff_t m, ptrdiff_t k, const float *a, const float *x, float *y) {
#ifdef ADK_X86
  if (adk_wide_vectors_available()) {
    matrix_vector_f32_wide(m, k, a, x, y);
    return;
  }
#endif
  for (ptrdiff_t i = 0; i < m; i++) {
    float s = 0;
    for (ptrdiff_t p = 0; p < k; p++) s += a[i * k + p] * x[p];
    y[i] = s;
  }
}

// MARK: - tanh

#ifdef ADK_X86
// tanh x = sign x · (−e / (2 + e)), e = e^(−2|x|) − 1; e^y − 1 for y ≤ 0 (clamped at −60) as
// in VectorizedFunctions.expMinusOneOfNonPositive: y = k ln 2 + r with Cody and Waite's
// two-part ln 2, e^r − 1 by its Taylor series to r¹³ in Estrin's scheme, then
// e^y − 1 = 2ᵏ (e^r − 1) + (2ᵏ − 1). Keep in sync with KernelScalar.swift.
ADK_WIDE static inline __m256d tanh_f64x4(__m256d x) {
  const __m256d sign = _mm256_set1_pd(-0.0);
  const __m256d shifter = _mm256_set1_pd(6755399441055744.0);  // 1.5 · 2⁵²
  __m256d y = _mm256_mul_pd(_mm256_set1_pd(-2.0), _mm256_andnot_pd(sign, x));
  // A NaN y stays NaN: vmaxpd returns its second operand when either is NaN.
  y = _mm256_max_pd(_mm256_set1_pd(-60.0), y);
  __m256d rounded = _mm256_fmadd_pd(y, _mm256_set1_pd(1.4426950408889634), shifter);
  __m256d k = _mm256_sub_pd(rounded, shifter);
  __m256d r = _mm256_fnmadd_pd(k, _mm256_set1_pd(6.93147180369123816490e-01), y);
  r = _mm256_fnmadd_pd(k, _mm256_set1_pd(1.90821492927058770002e-10), r);
  __m256d r2 = _mm256_mul_pd(r, r), r4 = _mm256_mul_pd(r2, r2), r8 = _mm256_mul_pd(r4, r4);
  __m256d q0 = _mm256_fmadd_pd(r, _mm256_set1_pd(1.0 / 6), _mm256_set1_pd(1.0 / 2));
  __m256d q1 = _mm256_fmadd_pd(r, _mm256_set1_pd(1.0 / 120), _mm256_set1_pd(1.0 / 24));
  __m256d q2 = _mm256_fmadd_pd(r, _mm256_set1_pd(1.0 / 5040), _mm256_set1_pd(1.0 / 720));
  __m256d q3 = _mm256_fmadd_pd(r, _mm256_set1_pd(1.0 / 362880), _mm256_set1_pd(1.0 / 40320));
  __m256d q4 =
      _mm256_fmadd_pd(r, _mm256_set1_pd(1.0 / 39916800), _mm256_set1_pd(1.0 / 3628800));
  __m256d q5 =
      _mm256_fmadd_pd(r, _mm256_set1_pd(1.0 / 6227020800.0), _mm256_set1_pd(1.0 / 479001600));
  __m256d p = _mm256_fmadd_pd(
      r8, _mm256_fmadd_pd(r2, q5, q4),
      _mm256_fmadd_pd(r4, _mm256_fmadd_pd(r2, q3, q2), _mm256_fmadd_pd(r2, q1, q0)));
  __m256d expm1r = _mm256_fmadd_pd(r2, p, r);
  __m256i bits = _mm256_sub_epi64(_mm256_castpd_si256(rounded), _mm256_castpd_si256(shifter));
  bits = _mm256_slli_epi64(_mm256_add_epi64(bits, _mm256_set1_epi64x(1023)), 52);
  __m256d scale = _mm256_castsi256_pd(bits);
  __m256d e = _mm256_fmadd_pd(scale, expm1r, _mm256_sub_pd(scale, _mm256_set1_pd(1.0)));
  __m256d magnitude = _mm256_div_pd(_mm256_xor_pd(e, sign), _mm256_add_pd(_mm256_set1_pd(2.0), e));
  return _mm256_or_pd(_mm256_andnot_pd(sign, magnitude), _mm256_and_pd(sign, x));
}

ADK_WIDE static void tanh_f64_wide(ptrdiff_t n, const double *x, double *y) {
  ptrdiff_t i = 0;
  for (; i + 8 <= n; i += 8) {
    // Two independent vectors per iteration, so that one's division overlaps the other's
    // polynomial.
    __m256d u = tanh_f64x4(_mm256_loadu_pd(x + i));
    __m256d v = tanh_f64x4(_mm256_loadu_pd(x + i + 4));
    _mm256_storeu_pd(y + i, u);
    _mm256_storeu_pd(y + i + 4, v);
  }
  for (; i + 4 <= n; i += 4) _mm256_storeu_pd(y + i, tanh_f64x4(_mm256_loadu_pd(x + i)));
  if (i < n) {
    double buffer[4] = {0, 0, 0, 0};
    memcpy(buffer, x + i, (size_t)(n - i) * sizeof(double));
    _mm256_storeu_pd(buffer, tanh_f64x4(_mm256_loadu_pd(buffer)));
    memcpy(y + i, buffer, (size_t)(n - i) * sizeof(double));
  }
}

// As for double, with e^y − 1 clamped at −30 and its series to r⁸ (VectorizedFunctions, Float).
ADK_WIDE static inline __m256 tanh_f32x8(__m256 x) {
  const __m256 sign = _mm256_set1_ps(-0.0f);
  const __m256 shifter = _mm256_set1_ps(12582912.0f);  // 1.5 · 2²³
  __m256 y = _mm256_mul_ps(_mm256_set1_ps(-2.0f), _mm256_andnot_ps(sign, x));
  y = _mm256_max_ps(_mm256_set1_ps(-30.0f), y);
  __m256 rounded = _mm256_fmadd_ps(y, _mm256_set1_ps(1.44269504f), shifter);
  __m256 k = _mm256_sub_ps(rounded, shifter);
  __m256 r = _mm256_fnmadd_ps(k, _mm256_set1_ps(0.693145752f), y);
  r = _mm256_fnmadd_ps(k, _mm256_set1_ps(1.42860677e-06f), r);
  __m256 r2 = _mm256_mul_ps(r, r), r4 = _mm256_mul_ps(r2, r2);
  __m256 q0 = _mm256_fmadd_ps(r, _mm256_set1_ps(1.0f / 6), _mm256_set1_ps(1.0f / 2));
  __m256 q1 = _mm256_fmadd_ps(r, _mm256_set1_ps(1.0f / 120), _mm256_set1_ps(1.0f / 24));
  __m256 q2 = _mm256_fmadd_ps(r, _mm256_set1_ps(1.0f / 5040), _mm256_set1_ps(1.0f / 720));
  __m256 p = _mm256_fmadd_ps(r4, _mm256_fmadd_ps(r2, _mm256_set1_ps(1.0f / 40320), q2),
                             _mm256_fmadd_ps(r2, q1, q0));
  __m256 expm1r = _mm256_fmadd_ps(r2, p, r);
  __m256i bits = _mm256_sub_epi32(_mm256_castps_si256(rounded), _mm256_castps_si256(shifter));
  bits = _mm256_slli_epi32(_mm256_add_epi32(bits, _mm256_set1_epi32(127)), 23);
  __m256 scale = _mm256_castsi256_ps(bits);
  __m256 e = _mm256_fmadd_ps(scale, expm1r, _mm256_sub_ps(scale, _mm256_set1_ps(1.0f)));
  __m256 magnitude = _mm256_div_ps(_mm256_xor_ps(e, sign), _mm256_add_ps(_mm256_set1_ps(2.0f), e));
  return _mm256_or_ps(_mm256_andnot_ps(sign, magnitude), _mm256_and_ps(sign, x));
}

ADK_WIDE static void tanh_f32_wide(ptrdiff_t n, const float *x, float *y) {
  ptrdiff_t i = 0;
  for (; i + 16 <= n; i += 16) {
    __m256 u = tanh_f32x8(_mm256_loadu_ps(x + i));
    __m256 v = tanh_f32x8(_mm256_loadu_ps(x + i + 8));
    _mm256_storeu_ps(y + i, u);
    _mm256_storeu_ps(y + i + 8, v);
  }
  for (; i + 8 <= n; i += 8) _mm256_storeu_ps(y + i, tanh_f32x8(_mm256_loadu_ps(x + i)));
  if (i < n) {
    float buffer[8] = {0, 0, 0, 0, 0, 0, 0, 0};
    memcpy(buffer, x + i, (size_t)(n - i) * sizeof(float));
    _mm256_storeu_ps(buffer, tanh_f32x8(_mm256_loadu_ps(buffer)));
    memcpy(y + i, buffer, (size_t)(n - i) * sizeof(float));
  }
}
#endif

void adk_tanh_f64(ptrdiff_t n, const double *x, double *y) {
#ifdef ADK_X86
  if (adk_wide_vectors_available()) {
    tanh_f64_wide(n, x, y);
    return;
  }
#endif
  for (ptrdiff_t i = 0; i < n; i++) y[i] = tanh(x[i]);
}

void adk_tanh_f32(ptrdiff_t n, const float *x, float *y) {
#ifdef ADK_X86
  if (adk_wide_vectors_available()) {
    tanh_f32_wide(n, x, y);
    return;
  }
#endif
  for (ptrdiff_t i = 0; i < n; i++) y[i] = tanhf(x[i]);
}
