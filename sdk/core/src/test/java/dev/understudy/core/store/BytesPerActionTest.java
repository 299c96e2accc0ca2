package dev.understudy.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.Source;
import dev.understudy.proto.v1.Target;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The disk-size target: a click-like action takes at most 80 bytes on disk (median, frame overhead
 * and its share of dictionary definitions included). {@link #main} prints the figures and a rough
 * append+commit throughput.
 */
class BytesPerActionTest {

  static final int ACTIONS = 20_000;
  private static final SessionId ID = Records.sessionId(1_719_792_000_000L, 6);

  @TempDir Path root;

  /** A fully stamped click on one of 60 elements in one of 3 windows, as the pipeline sends it. */
  static Action click(SessionId id, int seq, Random random) {
    Source source = Records.BROWSER.toBuilder()
        .setWindowTitle("Orders - Example CRM - page " + random.nextInt(3)).build();
    Target target = Records.button("Action " + random.nextInt(60));
    return Records.stamped(id, seq, Records.T0 + seq * 731_234_567L + random.nextInt(1000))
        .setSource(source).setTarget(target)
        .setInvoke(dev.understudy.proto.v1.Invoke.newBuilder()
            .setMethod(dev.understudy.proto.v1.InvokeMethod.INVOKE_METHOD_CLICK))
        .build();
  }

  /** Per-action bytes: its frame plus the definition frames written for it. */
  static long[] bytesPerAction(Path segment) throws IOException {
    byte[] data = Files.readAllBytes(segment);
    long[] out = new long[data.length / 8 + 1];
    int n = 0;
    long pendingDefs = 0;
    SegmentScanner s = new SegmentScanner(data, 0, data.length, (o, l) -> { });
    while (s.next()) {
      int size = s.frameEnd - s.frameStart;
      if (s.kind == Frames.KIND_ACTION) {
        out[n++] = size + pendingDefs;
        pendingDefs = 0;
      } else if (s.kind != Frames.KIND_SEGMENT_HEADER) {
        pendingDefs += size;
      }
    }
    return Arrays.copyOf(out, n);
  }

  @Test
  void clickLikeActionTakesAtMost80BytesOnDiskMedian() throws IOException {
    SessionStore store = SessionStore.open(root);
    Random random = new Random(42);
    try (SessionWriter w = store.create(ID, StoreOptions.defaults())) {
      for (int seq = 1; seq <= ACTIONS; seq++) {
        w.append(click(ID, seq, random));
        if (seq % 256 == 0) {
          w.commit();
        }
      }
    }
    Path segment = SegmentFiles.path(root.resolve(ID.toString()), 1);
    long[] sizes = bytesPerAction(segment);
    assertThat(sizes).hasSize(ACTIONS);
    long[] sorted = sizes.clone();
    Arrays.sort(sorted);
    long median = sorted[ACTIONS / 2];
    double mean = (double) Files.size(segment) / ACTIONS;
    System.out.printf("click-like action on disk: median %d bytes, mean %.1f bytes (file/actions),"
        + " full protobuf %d bytes%n", median, mean,
        click(ID, 1, new Random(42)).getSerializedSize());
    assertThat(median).isLessThanOrEqualTo(80);
    assertThat(mean).isLessThanOrEqualTo(80);
    try (SessionReader r = store.reader(ID)) {
      Random again = new Random(42);
      List<Action> read = r.readAll();
      for (int i = 0; i < read.size(); i++) {
        assertThat(read.get(i)).isEqualTo(click(ID, i + 1, again));
      }
    }
  }

  /** Prints bytes per click-like action and append+commit throughput (PROCESS_SAFE, batches of 512). */
  public static void main(String[] args) throws Exception {
    Path root = Files.createTempDirectory("understudy-store-figures");
    SessionStore store = SessionStore.open(root);
    Random random = new Random(42);
    Action[] clicks = new Action[1 << 16];
    SessionId id = SessionId.generate(dev.understudy.api.CaptureClock.system());
    for (int round = 0; round < 5; round++) {
      SessionId sid = round == 0 ? id : SessionId.generate(dev.understudy.api.CaptureClock.system());
      for (int i = 0; i < clicks.length; i++) {
        clicks[i] = click(sid, i + 1, random);
      }
      long t0 = System.nanoTime();
      try (SessionWriter w = store.create(sid, StoreOptions.defaults())) {
        for (int i = 0; i < clicks.length; i++) {
          w.append(clicks[i]);
          if ((i & 511) == 511) {
            w.commit();
          }
        }
      }
      double secs = (System.nanoTime() - t0) / 1e9;
      System.out.printf("round %d: %.0f actions/s%n", round, clicks.length / secs);
    }
    long[] sizes = bytesPerAction(SegmentFiles.path(root.resolve(id.toString()), 1));
    Arrays.sort(sizes);
    System.out.printf("median bytes per click-like action: %d%n", sizes[sizes.length / 2]);
  }
}
