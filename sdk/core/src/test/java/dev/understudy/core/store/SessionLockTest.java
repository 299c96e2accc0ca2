package dev.understudy.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionLockTest {

  private static final SessionId ID = Records.sessionId(1_719_792_000_000L, 4);

  @TempDir Path root;

  @Test
  void recoveryRefusesASessionThisProcessIsWriting() throws Exception {
    SessionStore store = SessionStore.open(root);
    Path segment = SegmentFiles.path(root.resolve(ID.toString()), 1);
    try (SessionWriter w = store.create(ID, StoreOptions.defaults())) {
      w.append(Records.start(ID, 1));
      w.commit();
      // A half-written frame that recovery would cut off, were it allowed to run.
      Files.write(segment, new byte[] {(byte) Frames.SYNC, 4, 9},
          java.nio.file.StandardOpenOption.APPEND);
      long size = Files.size(segment);
      assertThatThrownBy(() -> store.recover(ID))
          .isInstanceOf(SessionLockedException.class)
          .hasMessageContaining("session " + ID + " is held by a writer");
      assertThat(Files.size(segment)).isEqualTo(size);
      assertThat(store.reader(ID).live()).isTrue();
    }
    assertThat(store.reader(ID).live()).isFalse();
    assertThat(store.recover(ID).bytesTruncated()).isEqualTo(3);
  }

  @Test
  void recoveryRefusesASessionAnotherProcessHolds() throws Exception {
    SessionStore store = SessionStore.open(root);
    try (SessionWriter w = store.create(ID, StoreOptions.defaults())) {
      w.append(Records.start(ID, 1));
    }
    Path lockFile = root.resolve(ID.toString()).resolve(SessionLock.FILE_NAME);
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process child = new ProcessBuilder(java.toString(), "-cp",
        System.getProperty("java.class.path"), LockHolderMain.class.getName(), lockFile.toString())
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    try {
      BufferedReader out = new BufferedReader(
          new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
      assertThat(out.readLine()).isEqualTo("locked");
      assertThatThrownBy(() -> store.recover(ID)).isInstanceOf(SessionLockedException.class);
      assertThatThrownBy(() -> store.create(ID, StoreOptions.defaults()))
          .isInstanceOf(StoreException.class);
      assertThat(store.reader(ID).live()).isTrue();
    } finally {
      child.getOutputStream().close();
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(store.reader(ID).live()).isFalse();
    assertThat(store.recover(ID).bytesTruncated()).isZero();
  }
}
