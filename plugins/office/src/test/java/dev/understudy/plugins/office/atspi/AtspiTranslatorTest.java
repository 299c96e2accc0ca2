package dev.understudy.plugins.office.atspi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.EditOperation;
import dev.understudy.proto.v1.InvokeMethod;
import dev.understudy.proto.v1.ValueKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The translator on events as LibreOffice (gtk3) and the ATK wrapper send them, with a describer that
 * answers from a table.
 */
class AtspiTranslatorTest {
  private static final long SECOND = 1_000_000_000L;
  private static final Node PARAGRAPH = new Node(":1.5", "/p/1");
  private static final Node BOLD = new Node(":1.5", "/b");
  private static final Node NAME = new Node(":1.7", "/n");
  private static final Node PASSWORD = new Node(":1.7", "/pw");
  private static final Node EXPORT = new Node(":1.7", "/m/export");
  private static final Node WRITER = new Node(":1.5", "/w");
  private static final Node GONE = new Node(":1.9", "/x");
  private static final Node WORDS = new Node(":1.5", "/status/words");
  private static final Node UNDO = new Node(":1.5", "/m/undo");

  private final Map<Node, Description> table = new HashMap<>();
  private final Map<Node, String> texts = new HashMap<>();
  private final List<String> lost = new ArrayList<>();
  private final AtspiTranslator translator = new AtspiTranslator(new Describer() {
    @Override
    public Optional<Description> describe(Node node) {
      return Optional.ofNullable(table.get(node));
    }

    @Override
    public Optional<String> text(Node node) {
      return Optional.ofNullable(texts.get(node));
    }

    @Override
    public void forget(Node node) {
      forgotten.add(node);
    }
  }, lost::add, SECOND);
  private final List<Node> forgotten = new ArrayList<>();

  AtspiTranslatorTest() {
    table.put(PARAGRAPH, new Description("paragraph", "", 1L << Description.MULTI_LINE, "soffice", "Untitled 1 - LibreOffice Writer", "frame", List.of()));
    table.put(BOLD, new Description("toggle button", "Bold", 0, "soffice", "Untitled 1 - LibreOffice Writer", "frame", List.of()));
    table.put(NAME, new Description("text", "Name:", 1L << Description.SINGLE_LINE, "Demo", "Demo", "frame", List.of()));
    table.put(PASSWORD, new Description("password text", "Password:", 1L << Description.SINGLE_LINE, "Demo", "Demo", "frame", List.of()));
    table.put(EXPORT, new Description("menu item", "Export", 0, "Demo", "Demo", "frame", List.of("File", "Export")));
    table.put(WORDS, new Description("label", "", 0, "soffice", "Untitled 1 - LibreOffice Writer", "frame", List.of()));
    table.put(UNDO, new Description("menu item", "Undo: Typing", 0, "soffice", "Untitled 1 - LibreOffice Writer", "frame",
        List.of("Edit", "Undo: Typing")));
    table.put(WRITER, new Description("frame", "Untitled 1 - LibreOffice Writer", 0, "soffice", "", "", List.of()));
    texts.put(NAME, "Ada Lovelace");
    texts.put(PASSWORD, "hunter2");
  }

  private static AtspiEvent insert(Node n, int offset, String text, long t) {
    return new AtspiEvent(AtspiEvent.Kind.TEXT_INSERT, n, "insert", true, offset, text.length(), text, t);
  }

  private static AtspiEvent delete(Node n, int offset, int length, long t) {
    return new AtspiEvent(AtspiEvent.Kind.TEXT_DELETE, n, "delete", true, offset, length, "?", t);
  }

  private static AtspiEvent state(Node n, String state, boolean on, long t) {
    return new AtspiEvent(AtspiEvent.Kind.STATE, n, state, on, 0, 0, "", t);
  }

  private static AtspiEvent focus(Node n, long t) {
    return new AtspiEvent(AtspiEvent.Kind.FOCUS, n, "focused", true, 0, 0, "", t);
  }

  @Test
  void typingInADocumentIsOneInsertEndingAtTheFirstChangeElsewhere() {
    List<Action> out = new ArrayList<>();
    String typed = "Hello";
    for (int i = 0; i < typed.length(); i++) {
      out.addAll(translator.accept(insert(PARAGRAPH, 10 + i, typed.substring(i, i + 1), i)));
    }
    out.addAll(translator.accept(delete(PARAGRAPH, 14, 1, 6)));
    out.addAll(translator.accept(insert(PARAGRAPH, 14, "p!", 7)));
    assertThat(out).isEmpty();
    out.addAll(translator.accept(insert(PARAGRAPH, 0, "X", 8)));
    assertThat(out).hasSize(1);
    Action edit = out.get(0);
    assertThat(edit.getTextEdit().getOperation()).isEqualTo(EditOperation.EDIT_OPERATION_INSERT);
    assertThat(edit.getTextEdit().getText()).isEqualTo("Hellp!");
    assertThat(edit.getTextEdit().getRange().getStart().getCharacter()).isEqualTo(10);
    assertThat(edit.getTimeUnixNano()).isZero();
    assertThat(edit.getSource().getAppId()).isEqualTo("soffice");
    assertThat(edit.getSource().getWindowTitle()).isEqualTo("Untitled 1 - LibreOffice Writer");
    assertThat(edit.getTarget().getRole()).isEqualTo("paragraph");
    assertThat(translator.idle(8 + SECOND)).hasSize(1);
  }

  @Test
  void textTheApplicationRewritesInLabelsAndMenusNeitherRecordsNorEndsTheTypingRun() {
    List<Action> out = new ArrayList<>();
    out.addAll(translator.accept(insert(PARAGRAPH, 0, "H", 0)));
    out.addAll(translator.accept(delete(UNDO, 0, 5, 1)));
    out.addAll(translator.accept(insert(UNDO, 0, "Undo: Typing", 2)));
    out.addAll(translator.accept(insert(WORDS, 0, "1 word, 1 character", 3)));
    out.addAll(translator.accept(insert(PARAGRAPH, 1, "ello", 4)));
    assertThat(out).isEmpty();
    List<Action> run = translator.idle(4 + SECOND);
    assertThat(run).singleElement().satisfies(a -> assertThat(a.getTextEdit().getText()).isEqualTo("Hello"));
  }

  @Test
  void aFieldsRunIsItsWholeValueAndAPasswordsRunSaysOnlyThatItChanged() {
    translator.accept(insert(NAME, 0, "A", 0));
    translator.accept(insert(NAME, 1, "d", 1));
    translator.accept(delete(NAME, 1, 1, 2));
    assertThat(translator.idle(SECOND / 2)).isEmpty();
    List<Action> name = translator.idle(2 + SECOND);
    assertThat(name).hasSize(1);
    assertThat(name.get(0).getValueChange().getValueKind()).isEqualTo(ValueKind.VALUE_KIND_TEXT);
    assertThat(name.get(0).getValueChange().getValue()).isEqualTo("Ada Lovelace");
    assertThat(name.get(0).getTarget().getRole()).isEqualTo("textbox");

    translator.accept(insert(PASSWORD, 0, "•", 5));
    List<Action> password = translator.accept(focus(NAME, 6));
    assertThat(password).hasSize(2);
    assertThat(password.get(0).getTarget().getSecure()).isTrue();
    assertThat(password.get(0).getValueChange().getValueOmitted()).isTrue();
    assertThat(password.get(0).toString()).doesNotContain("hunter2").doesNotContain("•");
    assertThat(password.get(1).hasFocus()).isTrue();
  }

  @Test
  void togglesMenusAndWindowsBecomeValueChangesInvocationsAndSwitches() {
    Action bold = translator.accept(state(BOLD, "checked", true, 1)).get(0);
    assertThat(bold.getValueChange().getValueKind()).isEqualTo(ValueKind.VALUE_KIND_CHECKED);
    assertThat(bold.getValueChange().getValue()).isEqualTo("true");
    assertThat(bold.getTarget().getRole()).isEqualTo("button");
    assertThat(bold.getTarget().getName()).isEqualTo("Bold");

    Action export = translator.accept(state(EXPORT, "pressed", true, 2)).get(0);
    assertThat(export.getInvoke().getMethod()).isEqualTo(InvokeMethod.INVOKE_METHOD_MENU);
    assertThat(export.getInvoke().getMenuPathList()).containsExactly("File", "Export");
    assertThat(export.getTarget().getContextList()).extracting(c -> c.getRole() + ":" + c.getName())
        .containsExactly("window:Demo", "menu:File");
    assertThat(translator.accept(state(EXPORT, "pressed", false, 3))).isEmpty();
    assertThat(translator.accept(state(EXPORT, "selected", true, 4)).get(0).getSelection().getItemCount()).isEqualTo(1);

    Action writer = translator.accept(new AtspiEvent(AtspiEvent.Kind.WINDOW_ACTIVATE, WRITER, "activate", true, 0, 0, "", 5)).get(0);
    assertThat(writer.getWindowSwitch().getTo().getTitle()).isEqualTo("Untitled 1 - LibreOffice Writer");
    assertThat(writer.getWindowSwitch().getTo().getAppId()).isEqualTo("soffice");
    assertThat(writer.getWindowSwitch().hasFrom()).isFalse();
  }

  @Test
  void focusNamesWhereItCameFromAndIgnoresContainersAndRepeats() {
    assertThat(translator.accept(focus(NAME, 1))).hasSize(1);
    assertThat(translator.accept(focus(NAME, 2))).isEmpty();
    assertThat(translator.accept(focus(WRITER, 3))).isEmpty();
    Action moved = translator.accept(focus(PASSWORD, 4)).get(0);
    assertThat(moved.getFocus().getPreviousRole()).isEqualTo("textbox");
    assertThat(moved.getFocus().getPreviousName()).isEqualTo("Name:");
  }

  @Test
  void aNewNameMakesTheDescriberAskAgainAndIsNoAction() {
    assertThat(translator.accept(new AtspiEvent(AtspiEvent.Kind.NAME_CHANGED, BOLD, "accessible-name", true, 0, 0, "", 1)))
        .isEmpty();
    assertThat(forgotten).containsExactly(BOLD);
  }

  @Test
  void anObjectThatCannotBeDescribedLosesItsEventWithAReason() {
    assertThat(translator.accept(state(GONE, "checked", true, 1))).isEmpty();
    translator.accept(insert(NAME, 0, "x", 2));
    texts.remove(NAME);
    assertThat(translator.finish()).isEmpty();
    assertThat(lost).containsExactly(AtspiTranslator.VANISHED, AtspiTranslator.VANISHED);
  }
}
