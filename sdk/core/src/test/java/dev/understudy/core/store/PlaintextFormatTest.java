package dev.understudy.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.understudy.proto.v1.Action;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sessions written without a key are byte for byte what format 1 wrote before encryption existed. */
class PlaintextFormatTest {

  private static final SessionId ID = Records.sessionId(1_719_792_000_000L, 9);

  /** SHA-256 over the segment files of the session below, as written before encryption existed. */
  private static final String FORMAT_ONE_SHA256 = "47b4a200880a21cdfed6e9b5c56c52362f12b3444f06c967cc7f8a4587360bae";

  @TempDir Path root;

  @Test
  void segmentsWrittenWithoutAKeyAreUnchangedFromFormatOne() throws Exception {
    SessionStore store = SessionStore.open(root);
    Records.ManualClock clock = new Records.ManualClock();
    try (SessionWriter w = store.create(ID, StoreOptions.builder().segmentMaxBytes(4096).clock(clock).build())) {
      long seq = 0;
      for (Action a : Records.everyKind(ID)) {
        if (a.hasSessionEnd()) {
          break;
        }
        w.append(a);
        seq = a.getSeq();
      }
      w.commit();
      for (int i = 0; i < 400; i++) {
        seq++;
        w.append(Records.click(ID, seq, Records.button("B" + (i % 7))));
        if (i % 25 == 0) {
          w.commit();
        }
      }
      w.append(Records.end(ID, seq + 1));
    }
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    int segments = 0;
    for (Path segment : SegmentFiles.list(root.resolve(ID.toString()))) {
      sha.update(Files.readAllBytes(segment));
      segments++;
    }
    assertThat(segments).as("the session spans several segments").isGreaterThan(2);
    assertThat(HexFormat.of().formatHex(sha.digest())).isEqualTo(FORMAT_ONE_SHA256);
  }
}
