package dev.understudy.plugins.lsp.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.understudy.core.policy.PrivacyPolicy;
import dev.understudy.plugins.lsp.capture.CaptureAttributes;
import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.Attribute;
import dev.understudy.proto.v1.EditOperation;
import dev.understudy.proto.v1.FileEvent;
import dev.understudy.proto.v1.FileOperation;
import dev.understudy.proto.v1.Locator;
import dev.understudy.proto.v1.Redaction;
import dev.understudy.proto.v1.Source;
import dev.understudy.proto.v1.Target;
import dev.understudy.proto.v1.TextEdit;
import dev.understudy.proto.v1.TextLocation;
import dev.understudy.proto.v1.TextPosition;
import dev.understudy.proto.v1.TextRange;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Documents rebuilt from recorded edits and checked against the hash of what was saved. */
class EditorReplayTest {
  private static final String URI = "file:///home/ana/src/app.py";

  private static TextRange range(int sl, int sc, int el, int ec) {
    return TextRange.newBuilder().setStart(TextPosition.newBuilder().setLine(sl).setCharacter(sc))
        .setEnd(TextPosition.newBuilder().setLine(el).setCharacter(ec)).build();
  }

  private static Action.Builder on(String uri) {
    return Action.newBuilder().setSource(Source.newBuilder().setDocument(uri))
        .setTarget(Target.newBuilder().addLocators(Locator.newBuilder().setTextLocation(TextLocation.newBuilder().setUri(uri))));
  }

  private static Action opened(String uri, String text) {
    return on(uri).setTextEdit(TextEdit.newBuilder().setOperation(EditOperation.EDIT_OPERATION_INSERT).setRange(range(0, 0, 0, 0))
        .setText(text)).addAttributes(attr(CaptureAttributes.SNAPSHOT, CaptureAttributes.SNAPSHOT_OPEN)).build();
  }

  private static Action edit(TextRange range, String text, long version) {
    return on(URI).setTextEdit(TextEdit.newBuilder().setRange(range).setText(text).setDocumentVersion(version)).build();
  }

  private static Action saved(String uri, String text) {
    return on(uri).setFileEvent(FileEvent.newBuilder().setOperation(FileOperation.FILE_OPERATION_SAVE))
        .addAttributes(attr(CaptureAttributes.SHA256, PrivacyPolicy.sha256(text))).build();
  }

  private static Attribute attr(String k, String v) {
    return Attribute.newBuilder().setKey(k).setValue(v).build();
  }

  @Test
  void rebuildsADocumentFromItsOpeningTextAndEditsAndChecksItAgainstTheSave() {
    List<EditorReplay.Document> docs = EditorReplay.replay(List.of(
        opened(URI, "a = 1\n"),
        edit(range(0, 5, 0, 5), "\nb = 2", 3),
        edit(range(0, 0, 0, 1), "x", 4),
        saved(URI, "x = 1\nb = 2\n")));

    assertThat(docs).singleElement().satisfies(d -> {
      assertThat(d.outcome()).isEqualTo(EditorReplay.Outcome.MATCHED);
      assertThat(d.text()).isEqualTo("x = 1\nb = 2\n");
      assertThat(d.edits()).isEqualTo(2);
      assertThat(d.saves()).isEqualTo(1);
    });
  }

  @Test
  void aProposedEditWithoutVersionIsSkippedButAnAppliedOneWithACauseIsNot() {
    Action proposal = edit(range(0, 0, 0, 1), "y", 0).toBuilder().addAttributes(attr(CaptureAttributes.CAUSE, "rename:4")).build();
    Action applied = edit(range(0, 0, 0, 1), "y", 7).toBuilder().addAttributes(attr(CaptureAttributes.CAUSE, "rename:4")).build();

    List<EditorReplay.Document> docs = EditorReplay.replay(List.of(opened(URI, "x\n"), proposal, applied, saved(URI, "y\n")));

    assertThat(docs.get(0).outcome()).isEqualTo(EditorReplay.Outcome.MATCHED);
    assertThat(docs.get(0).edits()).isEqualTo(1);
  }

  @Test
  void saysWhyADocumentCouldNotBeReproduced() {
    String other = "file:///home/ana/src/other.py";
    String paused = "file:///home/ana/src/paused.py";
    Action redacted = edit(range(0, 0, 0, 0), "<SECRET>", 2).toBuilder()
        .addRedactions(Redaction.newBuilder().setFieldPath("text_edit.text").setRuleId("credential-assignment")).build();
    List<EditorReplay.Document> docs = EditorReplay.replay(List.of(
        opened(URI, ""), redacted, saved(URI, "key=hunter2"),
        on(other).setTextEdit(TextEdit.newBuilder().setRange(range(0, 0, 0, 0)).setText("z").setDocumentVersion(2)).build(),
        opened(paused, "p"), on(paused).setFileEvent(FileEvent.newBuilder().setOperation(FileOperation.FILE_OPERATION_SAVE))
            .addAttributes(attr(CaptureAttributes.INCOMPLETE, "paused")).build(),
        opened("untitled:Untitled-1", "draft")));

    assertThat(docs).extracting(EditorReplay.Document::outcome).containsExactly(EditorReplay.Outcome.MISMATCHED,
        EditorReplay.Outcome.NO_OPENING_TEXT, EditorReplay.Outcome.INCOMPLETE, EditorReplay.Outcome.NOT_SAVED);
    assertThat(docs.get(0).detail()).contains("redacted");
    assertThat(docs.get(1).text()).isEmpty();
    assertThat(docs.get(2).detail()).contains("paused");
    assertThat(docs.get(3).text()).isEqualTo("draft");
  }

  @Test
  void placesDocumentsUnderSafeRelativePaths() {
    assertThat(EditorReplay.relativePath("file:///home/ana/my%20src/app.py")).isEqualTo("home/ana/my_src/app.py");
    assertThat(EditorReplay.relativePath("file:///a/../../etc/passwd")).isEqualTo("a/_/_/etc/passwd");
    assertThat(EditorReplay.relativePath("untitled:Untitled-1")).isEqualTo("untitled/Untitled-1");
    assertThat(EditorReplay.relativePath("file:///")).isEqualTo("document");
  }
}
