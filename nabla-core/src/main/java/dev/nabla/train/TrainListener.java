package dev.nabla.train;

/** Callbacks from {@link Trainer#fit}, all optional; they run on the training thread. */
public interface TrainListener {
    /** Before the first epoch. */
    default void onTrainStart(int epochs, int batchesPerEpoch, int trainRows) {
    }

    /** At the start of each epoch (1-based). */
    default void onEpochStart(int epoch) {
    }

    /**
     * After each batch's update: the batch's 1-based index, its mean loss, its number of rows and how many of
     * them the network classified right before the update (−1 for a regression).
     */
    default void onBatchEnd(int epoch, int batch, double loss, int rows, int correct) {
    }

    /** Something worth a word that does not stop training, e.g. a loss exploding while finite. */
    default void onWarning(String message) {
    }

    /** After each epoch's validation. */
    default void onEpochEnd(EpochResult result) {
    }

    /** After the last epoch (and after the best weights were restored). */
    default void onTrainEnd(History history) {
    }
}
