package dev.understudy.bench;

import dev.understudy.proto.v1.Action;

/** A fixed sequence of unstamped actions, as an adapter emits them: what the benchmarks write. */
public interface Actions {

  /** Number of actions. */
  int size();

  /** The i-th action. The same object on every call. */
  Action action(int i);
}
