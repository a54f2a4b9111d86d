package dev.nabla.tensor.kernel;

/**
 * The operands of one float32 product, {@code C = α·op(A)·op(B) + β·C}, held by a reusable parallel job: a
 * mutable object per calling thread instead of a capturing lambda, so that a steady-state call allocates nothing.
 */
abstract class SgemmJob implements KernelThreads.Part {
    boolean transA;
    boolean transB;
    int m;
    int n;
    int k;
    float alpha;
    float[] a;
    int aOff;
    int lda;
    float[] b;
    int bOff;
    int ldb;
    float beta;
    float[] c;
    int cOff;
    int ldc;

    final void set(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOff, int lda,
                   float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
        this.transA = transA;
        this.transB = transB;
        this.m = m;
        this.n = n;
        this.k = k;
        this.alpha = alpha;
        this.a = a;
        this.aOff = aOff;
        this.lda = lda;
        this.b = b;
        this.bOff = bOff;
        this.ldb = ldb;
        this.beta = beta;
        this.c = c;
        this.cOff = cOff;
        this.ldc = ldc;
    }

    /** Runs the job in {@code parts} parts, then drops the operands so that an idle thread keeps no caller's arrays. */
    final void runAndClear(int parts) {
        try {
            run(parts);
        } finally {
            a = null;
            b = null;
            c = null;
        }
    }

    /** Runs the job in {@code parts} parts through {@link KernelThreads}. */
    abstract void run(int parts);
}
