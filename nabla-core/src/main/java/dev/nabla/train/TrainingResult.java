package dev.nabla.train;

import dev.nabla.data.Dataset;

/**
 * What {@link Training#run} produced: the model, its history, and the raw (unscaled) splits it used.
 *
 * @param validation may have no rows
 * @param test       may have no rows ({@code test = 0})
 */
public record TrainingResult(TrainedModel model, History history, Dataset train, Dataset validation, Dataset test) {
}
