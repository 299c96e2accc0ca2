package dev.understudy.core;

import static dev.understudy.core.TestAdapters.click;
import static org.assertj.core.api.Assertions.assertThat;

import dev.understudy.api.ActionEmitter;
import dev.understudy.api.ActionRefs;
import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.Attribute;
import dev.understudy.proto.v1.EditOperation;
import dev.understudy.proto.v1.Source;
import dev.understudy.proto.v1.TextEdit;
import dev.understudy.proto.v1.TextPosition;
import dev.understudy.proto.v1.TextRange;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Adapters link effects to causes with {@link ActionRefs} tokens; the runtime turns them into parent ids. */
class ParentRefsTest {

  private final MemoryLog log = new MemoryLog();

  private static Action withAttribute(Action a, String key, String value) {
    return a.toBuilder().addAttributes(Attribute.newBuilder().setKey(key).setValue(value)).build();
  }

  private static Action insert(int character, String text) {
    TextPosition at = TextPosition.newBuilder().setCharacter(character).build();
    return Action.newBuilder().setSource(Source.newBuilder().setDocument("file:///p/a.py"))
        .setTextEdit(TextEdit.newBuilder().setOperation(EditOperation.EDIT_OPERATION_INSERT)
            .setRange(TextRange.newBuilder().setStart(at).setEnd(at)).setText(text))
        .build();
  }

  private List<Action> record(TestAdapters.Scripted adapter, Runnable emits) throws Exception {
    try (Recording recording = Recording.builder().log(log.factory()).adapter(adapter).start()) {
      emits.run();
      assertThat(recording.flush(Duration.ofSeconds(10))).isTrue();
    }
    return log.records().stream().filter(a -> a.hasInvoke() || a.hasTextEdit()).toList();
  }

  @Test
  void anEffectGetsTheIdTheRuntimeGaveItsCauseAndTheTokensAreNotStored() throws Exception {
    TestAdapters.Scripted editor = TestAdapters.quiet("editor");
    List<Action> written = record(editor, () -> {
      ActionEmitter e = editor.ctx().emitter();
      e.emit(withAttribute(click("Rename"), ActionRefs.REF, "rename:8"));
      e.emit(withAttribute(insert(0, "total"), ActionRefs.PARENT_REF, "rename:8"));
      e.emit(withAttribute(insert(40, "x"), ActionRefs.PARENT_REF, "rename:99")); // no such cause
      e.emit(insert(60, "y"));
    });

    assertThat(written).hasSize(4);
    Action cause = written.get(0);
    assertThat(cause.getId().size()).isEqualTo(16);
    assertThat(written.get(1).getParentId()).isEqualTo(cause.getId());
    assertThat(written.get(2).getParentId().isEmpty()).isTrue();
    assertThat(written.get(3).getParentId().isEmpty()).isTrue();
    assertThat(written).allSatisfy(a -> assertThat(a.getAttributesList()).extracting(Attribute::getKey)
        .doesNotContain(ActionRefs.REF, ActionRefs.PARENT_REF));
  }

  @Test
  void tokensAreScopedToTheAdapterThatEmittedThem() throws Exception {
    TestAdapters.Scripted editor = TestAdapters.quiet("editor");
    TestAdapters.Scripted other = TestAdapters.quiet("other");
    List<Action> written;
    try (Recording recording = Recording.builder().log(log.factory()).adapter(editor).adapter(other).start()) {
      editor.ctx().emitter().emit(withAttribute(click("Format"), ActionRefs.REF, "formatting:1"));
      assertThat(recording.flush(Duration.ofSeconds(10))).isTrue();
      other.ctx().emitter().emit(withAttribute(click("Elsewhere"), ActionRefs.PARENT_REF, "formatting:1"));
      editor.ctx().emitter().emit(withAttribute(click("Saved"), ActionRefs.PARENT_REF, "formatting:1"));
      assertThat(recording.flush(Duration.ofSeconds(10))).isTrue();
    }
    written = log.records().stream().filter(Action::hasInvoke).toList();
    assertThat(written).extracting(a -> a.getTarget().getName()).containsExactly("Format", "Elsewhere", "Saved");
    assertThat(written.get(1).getParentId().isEmpty()).isTrue();
    assertThat(written.get(2).getParentId()).isEqualTo(written.get(0).getId());
  }
}
