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
}
