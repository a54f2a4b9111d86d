package dev.nabla.spark;

import dev.nabla.data.Batch;
import dev.nabla.tensor.Linalg;
import dev.nabla.tensor.Tensor;
import java.util.HashMap;
import java.util.Map;

/**
 * A replica's share of each global batch: of the rows {@code numbers[0..n)} (global row numbers, the batch the
 * single-process trainer would draw), those this replica holds, in the batch's order, and where each stands in the
 * batch ({@link #positions()}, for dropout masks). Buffers are kept per share size, so a run allocates a few dozen of
 * them, not one per step.
 */
final class Shares {
    private final Rows rows;
    private final long first;
    private final Tensor targetRows;
    private final Map<Integer, Batch> bySize = new HashMap<>();
    private int[] local = new int[0];
    private int[] positions = new int[0];

    /** Shares of {@code rows}, whose first row is global row {@code first}. */
    Shares(Rows rows, long first) {
        this.rows = rows;
        this.first = first;
        Tensor y = rows.targets();
        this.targetRows = y.rank() == 1 ? y.reshape(y.size(), 1) : y;
    }

    /** This replica's rows of the global batch of rows {@code numbers[0..n)}; valid until the next call. */
    Batch of(int[] numbers, int n) {
        if (local.length < n) {
            local = new int[n];
            positions = new int[n];
        }
        int m = 0;
        long end = first + rows.count();
        for (int k = 0; k < n; k++) {
            if (numbers[k] >= first && numbers[k] < end) {
                positions[m] = k;
                local[m++] = (int) (numbers[k] - first);
            }
        }
        Batch share = bySize.computeIfAbsent(m, this::buffers);
        Linalg.gatherRows(rows.features(), local, 0, share.features());
        Tensor t = share.targets();
        Linalg.gatherRows(targetRows, local, 0, t.rank() == 1 ? t.reshape(m, 1) : t);
        return share;
    }

    /** Where the rows of the last share stand in their global batch (the first {@code share.size()} entries). */
    int[] positions() {
        return positions;
    }

    private Batch buffers(int size) {
        Tensor x = rows.features();
        Tensor y = rows.targets();
        return Batch.of(Tensor.zeros(x.dtype(), size, x.cols()),
                y.rank() == 1 ? Tensor.zeros(y.dtype(), size) : Tensor.zeros(y.dtype(), size, y.cols()));
    }
}
