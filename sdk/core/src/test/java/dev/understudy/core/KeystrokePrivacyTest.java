package dev.understudy.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.understudy.core.store.SessionId;
import dev.understudy.core.store.SessionReader;
import dev.understudy.core.store.SessionStore;
import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.EditOperation;
import dev.understudy.proto.v1.Source;
import dev.understudy.proto.v1.Target;
import dev.understudy.proto.v1.TextEdit;
import dev.understudy.proto.v1.TextPosition;
import dev.understudy.proto.v1.TextRange;
import dev.understudy.proto.v1.ValueChange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Secrets typed one key at a time: the runtime's redactor sees them whole, and no fragment reaches the store. */
class KeystrokePrivacyTest {

  private static final String SECRET = "AKIAIOSFODNN7EXAMPLE";

  @TempDir Path root;

  private static TextPosition at(int character) {
    return TextPosition.newBuilder().setCharacter(character).build();
  }

  @Test
  void secretTypedKeyByKeyIsRedactedWholeAndNoFragmentIsStored() throws Exception {
    TestAdapters.Scripted editor = TestAdapters.quiet("editor");
    String typed = "aws_key = " + SECRET;
    String password = "correct-horse-battery";
    String id;
    try (Recording recording = Recording.builder().storeDirectory(root).adapter(editor).start()) {
      id = recording.sessionIdText();
      for (int i = 0; i < typed.length(); i++) {
        editor.ctx().emitter().emit(Action.newBuilder()
            .setSource(Source.newBuilder().setDocument("file:///project/notes.md"))
            .setTextEdit(TextEdit.newBuilder().setOperation(EditOperation.EDIT_OPERATION_INSERT)
                .setRange(TextRange.newBuilder().setStart(at(i)).setEnd(at(i))).setText(typed.substring(i, i + 1)))
            .build());
      }
      Target search = Target.newBuilder().setRole("textbox").setName("Search").build();
      Target pass = Target.newBuilder().setRole("password text").setName("Password").build();
      for (int i = 1; i <= SECRET.length(); i++) {
        editor.ctx().emitter().emit(Action.newBuilder().setTarget(search)
            .setValueChange(ValueChange.newBuilder().setValue(SECRET.substring(0, i))).build());
      }
      for (int i = 1; i <= password.length(); i++) {
        editor.ctx().emitter().emit(Action.newBuilder().setTarget(pass)
            .setValueChange(ValueChange.newBuilder().setValue(password.substring(0, i))).build());
      }
      assertThat(recording.flush(Duration.ofSeconds(10))).isTrue();
    }

    List<Action> actions;
    try (SessionReader reader = SessionStore.open(root).reader(SessionId.parse(id))) {
      actions = reader.readAll();
    }
    // The runtime's redactor saw each typed run whole: one edit, one value, each with the key replaced.
    assertThat(actions.stream().filter(Action::hasTextEdit).map(a -> a.getTextEdit().getText()))
        .singleElement().asString().startsWith("aws_key = <").doesNotContain("AKIA");
    assertThat(actions.stream().filter(Action::hasValueChange).map(a -> a.getValueChange().getValue()))
        .hasSize(2).first().asString().matches("<[A-Z_]+:[0-9a-f]{8}>");
    assertThat(actions.stream().filter(Action::hasValueChange).skip(1).findFirst().orElseThrow().getValueChange().getValueOmitted())
        .isTrue();
    String onDisk = allBytes(root);
    for (int n = 6; n <= SECRET.length(); n++) {
      assertThat(onDisk).as("fragment of the secret").doesNotContain(SECRET.substring(0, n));
    }
    for (int n = 5; n <= password.length(); n++) {
      assertThat(onDisk).as("fragment of the password").doesNotContain(password.substring(0, n));
    }
  }

  private static String allBytes(Path dir) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        all.write(Files.readAllBytes(f));
      }
    }
    return all.toString(StandardCharsets.ISO_8859_1);
  }
}
