package dev.understudy.core.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.EditOperation;
import dev.understudy.proto.v1.Focus;
import dev.understudy.proto.v1.Source;
import dev.understudy.proto.v1.Target;
import dev.understudy.proto.v1.TextEdit;
import dev.understudy.proto.v1.TextPosition;
import dev.understudy.proto.v1.TextRange;
import dev.understudy.proto.v1.ValueChange;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeystrokeCoalescerTest {

  private static final long SECOND = 1_000_000_000L;
  private final KeystrokeCoalescer<String> coalescer = new KeystrokeCoalescer<>(2 * SECOND);

  private static TextPosition pos(int line, int character) {
    return TextPosition.newBuilder().setLine(line).setCharacter(character).build();
  }

  private static Action insert(String adapter, int line, int character, String text, long time) {
    return Action.newBuilder().setTimeUnixNano(time)
        .setSource(Source.newBuilder().setAdapterId(adapter).setDocument("file:///a/.env"))
        .setTextEdit(TextEdit.newBuilder().setOperation(EditOperation.EDIT_OPERATION_INSERT)
            .setRange(TextRange.newBuilder().setStart(pos(line, character)).setEnd(pos(line, character))).setText(text))
        .build();
  }

  private static Action backspace(String adapter, int line, int character) {
    return Action.newBuilder()
        .setSource(Source.newBuilder().setAdapterId(adapter).setDocument("file:///a/.env"))
        .setTextEdit(TextEdit.newBuilder().setOperation(EditOperation.EDIT_OPERATION_DELETE)
            .setRange(TextRange.newBuilder().setStart(pos(line, character - 1)).setEnd(pos(line, character))))
        .build();
  }

  private List<Action> typeKeyByKey(String adapter, String text, int line, int fromCharacter) {
    List<Action> out = new ArrayList<>();
    for (int i = 0; i < text.length(); i++) {
      coalescer.offer(insert(adapter, line, fromCharacter + i, String.valueOf(text.charAt(i)), 100 + i), adapter, i)
          .forEach(r -> out.add(r.action()));
    }
    return out;
  }

  @Test
  void joinsKeystrokeInsertsIntoOneEditAtTheFirstKeysPositionAndTime() {
    assertThat(typeKeyByKey("editor", "KEY=AKIAIOSFODNN7EXAMPLE", 3, 0)).isEmpty();
    List<KeystrokeCoalescer.Released<String>> released = coalescer.releaseAll();
    assertThat(released).singleElement().satisfies(r -> {
      TextEdit edit = r.action().getTextEdit();
      assertThat(edit.getText()).isEqualTo("KEY=AKIAIOSFODNN7EXAMPLE");
      assertThat(edit.getRange().getStart()).isEqualTo(pos(3, 0));
      assertThat(edit.getRange().getEnd()).isEqualTo(pos(3, 0));
      assertThat(r.action().getTimeUnixNano()).isEqualTo(100);
      assertThat(r.origin()).isEqualTo("editor");
    });
  }

  @Test
  void backspacesShortenTheHeldTextAndTypingItAwayLeavesNothing() {
    typeKeyByKey("editor", "pasx", 0, 0);
    assertThat(coalescer.offer(backspace("editor", 0, 4), "editor", 10)).isEmpty();
    typeKeyByKey("editor", "s", 0, 3);
    assertThat(coalescer.releaseAll()).singleElement()
        .satisfies(r -> assertThat(r.action().getTextEdit().getText()).isEqualTo("pass"));

    typeKeyByKey("editor", "ab", 5, 0);
    coalescer.offer(backspace("editor", 5, 2), "editor", 20);
    coalescer.offer(backspace("editor", 5, 1), "editor", 21);
    assertThat(coalescer.releaseAll()).isEmpty();
  }

  @Test
  void tracksLineBreaksSoAMultiLineSecretStaysWhole() {
    String pem = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----";
    int line = 0;
    int character = 0;
    for (char c : pem.toCharArray()) {
      assertThat(coalescer.offer(insert("editor", line, character, String.valueOf(c), 1), "editor", 1)).isEmpty();
      if (c == '\n') {
        line++;
        character = 0;
      } else {
        character++;
      }
    }
    assertThat(coalescer.releaseAll()).singleElement()
        .satisfies(r -> assertThat(r.action().getTextEdit().getText()).isEqualTo(pem));
  }

  @Test
  void releasesTheRunWhenTheAdapterDoesSomethingElseOrTypesElsewhere() {
    typeKeyByKey("editor", "abc", 0, 0);
    Action focus = Action.newBuilder().setSource(Source.newBuilder().setAdapterId("editor")).setFocus(Focus.getDefaultInstance()).build();
    List<KeystrokeCoalescer.Released<String>> out = coalescer.offer(focus, "editor", 5);
    assertThat(out).extracting(r -> r.action().getKindCase()).containsExactly(Action.KindCase.TEXT_EDIT, Action.KindCase.FOCUS);

    typeKeyByKey("editor", "abc", 0, 0);
    List<Action> jumped = typeKeyByKey("editor", "x", 9, 0);
    assertThat(jumped).singleElement().satisfies(a -> assertThat(a.getTextEdit().getText()).isEqualTo("abc"));
  }

  @Test
  void editsCausedBySomethingElseDoNotJoinThePersonsTyping() {
    typeKeyByKey("editor", "gre", 0, 0);
    Action caused = insert("editor", 0, 3, "et", 200).toBuilder()
        .setParentId(com.google.protobuf.ByteString.copyFromUtf8("completion")).build();
    List<KeystrokeCoalescer.Released<String>> out = coalescer.offer(caused, "editor", 30);
    assertThat(out).singleElement().satisfies(r -> assertThat(r.action().getTextEdit().getText()).isEqualTo("gre"));
    assertThat(typeKeyByKey("editor", "(", 0, 5)).singleElement().satisfies(a -> {
      assertThat(a.getTextEdit().getText()).isEqualTo("et");
      assertThat(a.getParentId().toStringUtf8()).isEqualTo("completion");
    });
    assertThat(coalescer.releaseAll()).singleElement()
        .satisfies(r -> assertThat(r.action().getParentId().isEmpty()).isTrue());
  }

  @Test
  void keepsSeparateRunsPerAdapter() {
    typeKeyByKey("editor", "sec", 0, 0);
    Action other = Action.newBuilder().setSource(Source.newBuilder().setAdapterId("browser")).setFocus(Focus.getDefaultInstance()).build();
    assertThat(coalescer.offer(other, "browser", 1)).extracting(KeystrokeCoalescer.Released::origin).containsExactly("browser");
    typeKeyByKey("editor", "ret", 0, 3);
    assertThat(coalescer.releaseAll()).singleElement()
        .satisfies(r -> assertThat(r.action().getTextEdit().getText()).isEqualTo("secret"));
  }

  @Test
  void keepsOnlyTheLastValueOfAFieldTypedKeyByKey() {
    Target field = Target.newBuilder().setRole("textbox").setName("API key").build();
    String secret = "ghp_0123456789abcdefghijABCDEFGHIJ012345";
    for (int i = 1; i <= secret.length(); i++) {
      Action a = Action.newBuilder().setTimeUnixNano(i).setSource(Source.newBuilder().setAdapterId("browser")).setTarget(field)
          .setValueChange(ValueChange.newBuilder().setValue(secret.substring(0, i)).setPreviousValue(i == 1 ? "" : secret.substring(0, i - 1)))
          .build();
      assertThat(coalescer.offer(a, "browser", i)).isEmpty();
    }
    assertThat(coalescer.releaseAll()).singleElement().satisfies(r -> {
      assertThat(r.action().getValueChange().getValue()).isEqualTo(secret);
      assertThat(r.action().getValueChange().getPreviousValue()).isEmpty();
      assertThat(r.action().getTimeUnixNano()).isEqualTo(1);
    });
  }

  @Test
  void releasesARunIdlePastTheWindow() {
    coalescer.offer(insert("editor", 0, 0, "a", 1), "editor", 0);
    assertThat(coalescer.releaseIdle(SECOND)).isEmpty();
    assertThat(coalescer.releaseIdle(2 * SECOND)).hasSize(1);
    assertThat(coalescer.holding()).isFalse();
  }

  @Test
  void advanceCountsLineBreaksAsTheLanguageServerProtocolDoes() {
    assertThat(KeystrokeCoalescer.advance(pos(2, 5), "ab")).isEqualTo(pos(2, 7));
    assertThat(KeystrokeCoalescer.advance(pos(2, 5), "a\r\nb\rc\nd")).isEqualTo(pos(5, 1));
  }

  @Test
  void letsCheckedStatesAndChosenOptionsThroughAtOnce() {
    Action ticked = Action.newBuilder().setSource(Source.newBuilder().setAdapterId("browser"))
        .setTarget(Target.newBuilder().setRole("checkbox").setName("Remember me"))
        .setValueChange(ValueChange.newBuilder().setValue("true").setValueKind(dev.understudy.proto.v1.ValueKind.VALUE_KIND_CHECKED))
        .build();
    assertThat(coalescer.offer(ticked, "browser", 1)).extracting(KeystrokeCoalescer.Released::action).containsExactly(ticked);
    assertThat(coalescer.holding()).isFalse();
  }
}
