// Kernels of AutoDiff's array operations that use the processor's widest vector instructions.
//
// Swift compiles for the baseline of its target (on x86-64: SSE2, two doubles per instruction,
// no fused multiply-add) and has no way to mark one function for a wider instruction set. C
// does: the functions here are compiled for AVX2 and FMA with clang's `target` attribute and are
// called only after `adk_wide_vectors_available()` has confirmed, at run time, that the
// processor and the operating system support them. Everywhere else AutoDiff uses its Swift
// kernels, which compute the same numbers to within rounding.
//
// Matrices are row-major. Nothing here allocates, and every function may run on many threads
// at once.

#ifndef AUTODIFF_KERNELS_H
#define AUTODIFF_KERNELS_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/// 1 when the wide kernels below may be called on this machine (x86-64 with AVX2 and FMA, and
/// an operating system that saves the 256-bit registers), 0 otherwise. The first call checks;
/// later calls return the stored answer.
int adk_wide_vectors_available(void);

/// C (m × n) = A B, or C += A B when `accumulate` is non-zero, for B of k × n (row-major, rows
/// n apart) and A of m × k read as a[i · rowStride + p · columnStride]: (inner, 1) for A itself,
/// (1, m) for the transpose of a k × m matrix. Each element of C sums its k products in order
/// of p (with fused multiply-adds where the wide instructions run).
void adk_matrix_product_f64(ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, const double *a,
                            ptrdiff_t rowStride, ptrdiff_t columnStride, const double *b,
                            double *c, int accumulate);
void adk_matrix_product_f32(ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, const float *a,
                            ptrdiff_t rowStride, ptrdiff_t columnStride, const float *b, float *c,
                            int accumulate);

/// C (m × n) = A Bᵀ, or C += A Bᵀ when `accumulate` is non-zero, for A of m × k and B of n × k
/// (both row-major), in the packed product, which reads B's columns from `bt`'s rows as it
/// packs them: the numbers are those of `adk_matrix_product_*` on the transpose of `bt`. Returns
/// 0, with nothing written, where the packed product does not run (no wide instructions, or a
/// product too small for packing to pay): transpose and call `adk_matrix_product_*` then.
int adk_matrix_product_transposed_right_f64(ptrdiff_t m, ptrdiff_t n, ptrdiff_t k,
                                            const double *a, const double *bt, double *c,
                                            int accumulate);
/// Whether the packed product runs for an m × n result over k (`single` non-zero for float):
/// `adk_matrix_product_transposed_right_*` then returns 1.
int adk_packed_product_applies(ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, int single);
int adk_matrix_product_transposed_right_f32(ptrdiff_t m, ptrdiff_t n, ptrdiff_t k,
                                            const float *a, const float *bt, float *c,
                                            int accumulate);

/// y (m) = A x for A of m × k (row-major) and x of k elements: each yᵢ a dot product (in
/// vector-wide partial sums with fused multiply-adds where the wide instructions run).
void adk_matrix_vector_f64(ptrdiff_t m, ptrdiff_t k, const double *a, const double *x, double *y);
void adk_matrix_vector_f32(ptrdiff_t m, ptrdiff_t k, const float *a, const float *x, float *y);

/// y[i] = tanh x[i] for n elements (x and y may be the same array). Where the wide instructions
/// run, by the algorithm of AutoDiff's `VectorizedFunctions.tanh`: sign x · (−e / (2 + e)) with
/// e = exp(−2|x|) − 1; elsewhere the C library's tanh.
void adk_tanh_f64(ptrdiff_t n, const double *x, double *y);
void adk_tanh_f32(ptrdiff_t n, const float *x, float *y);

/// Calls `task(context, i)` for i = 0 … count − 1 on up to `threads` threads (the caller and
/// threads of a pool started once per process), and returns when every call has returned. Each
/// index runs once; which thread runs it is not specified. The pool's threads spin briefly
/// after a job before they sleep, so that back-to-back jobs (the products of one network) do
/// not pay the operating system's wake-up each time. When another thread is using the pool, or
/// `threads` is 1, every call runs on the caller: threads never multiply.
typedef void (*adk_task)(void *context, ptrdiff_t index);
void adk_parallel_for(ptrdiff_t count, int threads, adk_task task, void *context);

/// How many parallel regions the calling thread is inside: 0 on a thread of the program's own,
/// 1 or more on a thread running a block of AutoDiff's parallel work. AutoDiff runs nested
/// parallel work on the current thread, so that threads never multiply.
int adk_parallel_depth(void);
void adk_enter_parallel(void);
void adk_leave_parallel(void);

/// The cores this process may run on: its CPU affinity where the system has one (Linux:
/// `taskset` and container limits on cores), else the online processors; at least 1.
int adk_available_cores(void);

/// Returns the heap's free memory to the operating system where the C library keeps it
/// (glibc's malloc_trim); nothing elsewhere.
void adk_trim_heap(void);

#ifdef __cplusplus
}
#endif

#endif
