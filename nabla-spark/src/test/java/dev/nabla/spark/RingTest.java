package dev.nabla.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The ring's sums over real loopback sockets, K ranks in threads: every rank ends with the same bits, and chunk c
 * is summed in the documented order g_c + g_{c+1} + … around the ring (values of mixed magnitudes, so that another
 * order would round differently). Lengths not divisible by K nor by the vector length; the long buffer overfills the
 * sockets' buffers so that sending and receiving must interleave.
 */
class RingTest {

    @ParameterizedTest
    @CsvSource({"2, 1001", "3, 10007", "4, 7", "3, 600011"})
    void floatSumsAreTheSameOnEveryRankAndInRingOrder(int k, int n) throws Exception {
        float[][] g = new float[k][n];
        SplittableRandom random = new SplittableRandom(k);
        for (float[] row : g) {
            for (int i = 0; i < n; i++) {
                row[i] = (float) (random.nextGaussian() * Math.pow(10, random.nextInt(-4, 5)));
            }
        }
        List<float[]> results = run(k, (ring, rank) -> {
            Ring.Buffer buffer = new Ring.Buffer(n * Float.BYTES);
            MemorySegment.copy(g[rank], 0, buffer.memory(), Ring.FLOAT, 0, n);
            ring.sum(buffer, n, false);
            float[] out = new float[n];
            MemorySegment.copy(buffer.memory(), Ring.FLOAT, 0, out, 0, n);
            return out;
        });
        for (int c = 0; c < k; c++) {
            for (int i = (int) ((long) n * c / k); i < (long) n * (c + 1) / k; i++) {
                float sum = g[c][i];
                for (int s = 1; s < k; s++) {
                    sum += g[(c + s) % k][i];
                }
                for (int r = 0; r < k; r++) {
                    assertThat(results.get(r)[i]).isEqualTo(sum);
                }
            }
        }
    }

    /** As for floats: many vectors of doubles and a tail, in the fixed ring order, the same bits on every rank. */
    @ParameterizedTest
    @CsvSource({"2, 1001", "3, 10007"})
    void doubleSumsAreTheSameOnEveryRankAndInRingOrder(int k, int n) throws Exception {
        double[][] g = new double[k][n];
        SplittableRandom random = new SplittableRandom(k + 10);
        for (double[] row : g) {
            for (int i = 0; i < n; i++) {
                row[i] = random.nextGaussian() * Math.pow(10, random.nextInt(-8, 9));
            }
        }
        List<double[]> results = run(k, (ring, rank) -> {
            Ring.Buffer buffer = new Ring.Buffer(n * Double.BYTES);
            MemorySegment.copy(g[rank], 0, buffer.memory(), Ring.DOUBLE, 0, n);
            ring.sum(buffer, n, true);
            double[] out = new double[n];
            MemorySegment.copy(buffer.memory(), Ring.DOUBLE, 0, out, 0, n);
            return out;
        });
        for (int c = 0; c < k; c++) {
            for (int i = (int) ((long) n * c / k); i < (long) n * (c + 1) / k; i++) {
                double sum = g[c][i];
                for (int s = 1; s < k; s++) {
                    sum += g[(c + s) % k][i];
                }
                for (int r = 0; r < k; r++) {
                    assertThat(results.get(r)[i]).isEqualTo(sum);
                }
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"1", "2", "3"})
    void doubleValuesAreSummed(int k) throws Exception {
        List<double[]> results = run(k, (ring, rank) -> {
            double[] v = {rank, 1e-17 * rank, 0.5};
            ring.sum(v);
            return v;
        });
        double ranks = k * (k - 1) / 2.0;
        for (double[] v : results) {
            assertThat(v[0]).isEqualTo(ranks);
            assertThat(v[2]).isEqualTo(0.5 * k);
            assertThat(v[1]).isEqualTo(results.get(0)[1]);
        }
    }

    private interface Work<T> {
        T on(Ring ring, int rank) throws Exception;
    }

    /** Runs {@code work} on K ranks connected over loopback, each in its own thread; the ranks' results in order. */
    private static <T> List<T> run(int k, Work<T> work) throws Exception {
        String[] addresses = new String[k];
        CyclicBarrier gathered = new CyclicBarrier(k);
        ExecutorService pool = Executors.newFixedThreadPool(k);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int r = 0; r < k; r++) {
                int rank = r;
                futures.add(pool.submit(() -> {
                    try (Ring ring = Ring.connect(rank, k, "127.0.0.1", mine -> {
                        addresses[rank] = mine;
                        try {
                            gathered.await();
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                        return addresses.clone();
                    })) {
                        return work.on(ring, rank);
                    }
                }));
            }
            List<T> out = new ArrayList<>();
            for (Future<T> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }
}
