package dev.understudy.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CanariesTest {
  @TempDir Path dir;

  @Test
  void findsWholeCanariesAndLongTailsInAnyFileButNotShortPieces() throws Exception {
    Files.createDirectories(dir.resolve("a/b"));
    Files.writeString(dir.resolve("a/b/log"), "typed: ghp_CANARYaaaaBBBB");
    Files.write(dir.resolve("a/data"), "x 4111 1111 1111 1111 y".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    String all = Canaries.allBytes(dir);
    assertThat(Canaries.find(all, Map.of("4111 1111 1111 1111", "pasted"))).containsExactly("4111 1111 1111 1111 (pasted)");
    assertThat(Canaries.find(all, Map.of("xxghp_CANARYaaaaBBBB", "keys"))).containsExactly(
        "fragment 'RYaaaaBBBB' of xxghp_CANARYaaaaBBBB (keys)");
    assertThat(Canaries.find(all, Map.of("zzzzzzzzzzzzBBBB", "short tail only"))).isEmpty();
  }
}
