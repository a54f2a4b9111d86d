package dev.nabla.nn;

/**
 * A module that draws from a generator of its own as it trains (dropout's masks): the generator's position, so that a
 * checkpoint can put it back where it was.
 */
public interface Positioned {
    /** Draws made so far: the next one is draw {@code position()}. */
    long position();

    /** Moves the generator to draw {@code position}. */
    void seek(long position);

    /** The seed the draws derive from: with the position, the generator's whole state. */
    long seed();

    /** Derives the draws from {@code seed} instead: a network rebuilt elsewhere (a data-parallel replica) draws alike. */
    void reseed(long seed);

    /**
     * Where the rows of the following training forwards stand in the batch they belong to (null, the default: rows
     * 0, 1, …): a data-parallel replica trains on its share of a batch and draws, for its rows, what the whole batch
     * draws. The array is read at each forward, not copied.
     */
    void rows(int[] positions);

    /** Moves on as a training forward would, without one (a replica whose share of a batch holds no row). */
    void skip();
}
