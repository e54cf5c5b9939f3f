package dev.patina.stream.dataflow;

/**
 * The marker that closes an epoch (RisingWave's {@code Barrier}). Every source receives it between
 * two chunks; an operator with several inputs forwards it once it has arrived on all of them
 * (alignment), after emitting the changes the closed epoch produced. At a {@code checkpoint}
 * barrier every operator moves its staged state writes into the epoch's write batch, which the
 * runtime commits atomically once the barrier has passed every operator.
 *
 * <p>Graph changes (a job added or dropped) need no mutation carried in the barrier: the runtime's
 * single worker applies them between messages, when no change is in flight.
 *
 * @param epoch the epoch this barrier closes; changes before it belong to it
 * @param checkpoint whether the epoch's state is committed at this barrier
 */
public record Barrier(long epoch, boolean checkpoint) {}
