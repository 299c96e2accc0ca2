package dev.understudy.core.store;

import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.Target;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A quick sanity figure, not a benchmark: actions per second written into the store in the clear
 * and encrypted, committing every 256 actions as a busy pipeline does. Run with the test class path:
 * {@code java -cp ... dev.understudy.core.store.EncryptedWriteRate [actions]}.
 */
public final class EncryptedWriteRate {

  private EncryptedWriteRate() {}

  public static void main(String[] args) throws IOException {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
    SessionId id = Records.sessionId(1_719_792_000_000L, 3);
    List<Target> targets = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      targets.add(Records.button("Button " + i));
    }
    List<Action> actions = new ArrayList<>(n);
    for (int seq = 1; seq <= n; seq++) {
      actions.add(Records.click(id, seq, targets.get(seq % targets.size())));
    }
    StoreKey key = StoreKey.generate();
    for (int round = 0; round < 3; round++) {
      run("clear    ", actions, id, StoreOptions.defaults());
      run("encrypted", actions, id, StoreOptions.builder().encryptionKey(key).build());
    }
  }

  private static void run(String label, List<Action> actions, SessionId id, StoreOptions options) throws IOException {
    Path root = Files.createTempDirectory("understudy-rate");
    long t0 = System.nanoTime();
    try (SessionWriter w = SessionStore.open(root).create(id, options)) {
      for (int i = 0; i < actions.size(); i++) {
        w.append(actions.get(i));
        if ((i & 255) == 255) {
          w.commit();
        }
      }
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    long bytes = 0;
    for (Path p : SegmentFiles.list(root.resolve(id.toString()))) {
      bytes += Files.size(p);
      Files.delete(p);
    }
    System.out.printf(Locale.ROOT, "%s %,12.0f actions/s  %5.1f bytes/action%n", label,
        actions.size() / seconds, (double) bytes / actions.size());
  }
}
