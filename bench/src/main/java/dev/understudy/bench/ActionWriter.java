package dev.understudy.bench;

import dev.understudy.proto.v1.Action;

/**
 * One way of getting actions to disk, ours or a peer's, driven the same way by every benchmark.
 *
 * <p>{@link #write} takes one workload action as an adapter emits it (no id, seq, session id, time
 * or adapter identity); the writer adds those, as a recorder must. Writers that commit themselves
 * commit every {@link #GROUP} actions, the largest group the pipeline commits at once; {@link
 * #acknowledge} waits until everything written so far is acknowledged at the writer's durability
 * (handed to the OS, or also forced to the device).
 *
 * <p>Threading: one thread calls {@link #write} and {@link #acknowledge}.
 */
public interface ActionWriter extends AutoCloseable {

  /** Actions per commit for the writers that commit themselves: {@value}, the pipeline's batch bound. */
  int GROUP = 1024;

  /** Takes one action; false when it was dropped (only the runtime drops, when its queue is full). */
  boolean write(Action action) throws Exception;

  /** Returns once every action written so far is acknowledged. */
  void acknowledge() throws Exception;

  @Override
  void close() throws Exception;

  /** Writes all of the workload's actions and waits for their acknowledgement. */
  static void writeAll(ActionWriter writer, Actions workload) throws Exception {
    for (int i = 0; i < workload.size(); i++) {
      if (!writer.write(workload.action(i))) {
        throw new IllegalStateException("action " + i + " was dropped");
      }
    }
    writer.acknowledge();
  }
}
