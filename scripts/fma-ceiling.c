/*
 * The float32 FMA ceiling outside the JVM: twelve independent FMA chains of the widest vectors the compiler
 * targets (512-bit with -mavx512f, else 256-bit), on N threads at once; the figure FmaCeiling is measured against.
 *   gcc -O2 -march=native -pthread scripts/fma-ceiling.c -o /tmp/fma-ceiling && /tmp/fma-ceiling 2
 */
#include <immintrin.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define ITERATIONS 200000000L
#ifdef __AVX512F__
typedef __m512 vec;
#define LANES 16
#define SET1 _mm512_set1_ps
#define FMA _mm512_fmadd_ps
#define ADD _mm512_add_ps
#define FIRST(v) _mm512_cvtss_f32(v)
#else
typedef __m256 vec;
#define LANES 8
#define SET1 _mm256_set1_ps
#define FMA _mm256_fmadd_ps
#define ADD _mm256_add_ps
#define FIRST(v) _mm256_cvtss_f32(v)
#endif

static volatile float sink;

static void *chains(void *unused) {
    (void) unused;
    vec a = SET1(0.999f), b = SET1(0.998f);
    vec c0 = a, c1 = b, c2 = a, c3 = b, c4 = a, c5 = b, c6 = a, c7 = b, c8 = a, c9 = b, c10 = a, c11 = b;
    for (long i = 0; i < ITERATIONS; i++) {
        c0 = FMA(a, b, c0); c1 = FMA(a, b, c1); c2 = FMA(a, b, c2); c3 = FMA(a, b, c3);
        c4 = FMA(a, b, c4); c5 = FMA(a, b, c5); c6 = FMA(a, b, c6); c7 = FMA(a, b, c7);
        c8 = FMA(a, b, c8); c9 = FMA(a, b, c9); c10 = FMA(a, b, c10); c11 = FMA(a, b, c11);
        /* keeps the compiler from folding the chains: each stays in a register of its own */
        __asm__ volatile("" : "+x"(c0), "+x"(c1), "+x"(c2), "+x"(c3), "+x"(c4), "+x"(c5), "+x"(c6), "+x"(c7),
                         "+x"(c8), "+x"(c9), "+x"(c10), "+x"(c11));
    }
    sink = FIRST(ADD(ADD(ADD(c0, c1), ADD(c2, c3)), ADD(ADD(c4, c5), ADD(ADD(c6, c7), ADD(ADD(c8, c9), ADD(c10, c11))))));
    return NULL;
}

int main(int argc, char **argv) {
    int threads = argc > 1 ? atoi(argv[1]) : 1;
    pthread_t t[64];
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (int i = 0; i < threads && i < 64; i++) pthread_create(&t[i], NULL, chains, NULL);
    for (int i = 0; i < threads && i < 64; i++) pthread_join(t[i], NULL);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double s = (double) (t1.tv_sec - t0.tv_sec) + 1e-9 * (double) (t1.tv_nsec - t0.tv_nsec);
    printf("%d thread(s), %d-lane FMA chains: %.1f GFLOP/s\n", threads, LANES, threads * ITERATIONS * 12.0 * LANES * 2 / s / 1e9);
    return 0;
}
