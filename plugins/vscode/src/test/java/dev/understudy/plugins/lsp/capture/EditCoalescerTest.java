package dev.understudy.plugins.lsp.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.understudy.proto.v1.EditOperation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How content changes join into semantic edits, and that the edits replay to the same text. */
class EditCoalescerTest {
  private static final long IDLE = 1_000_000_000L;
  private static final String URI = "file:///w/a.txt";

  private final List<EditCoalescer.Edit> edits = new ArrayList<>();
  private final EditCoalescer coalescer = new EditCoalescer(IDLE, 100, edits::add);
  private long now = 1_000;
  private long version;

  private void change(DocumentText doc, int sl, int sc, int el, int ec, String text) {
    coalescer.change(URI, doc, doc.offset(sl, sc), doc.offset(el, ec), text, ++version, 7, now += 1_000_000);
  }

  private void type(DocumentText doc, int line, int character, String text) {
    for (char c : text.toCharArray()) {
      change(doc, line, character, line, character, String.valueOf(c));
      character++;
    }
  }

  private static String describe(EditCoalescer.Edit e) {
    return e.operation().name().substring("EDIT_OPERATION_".length()) + " " + e.startLine() + ":" + e.startCharacter()
        + "-" + e.endLine() + ":" + e.endCharacter() + " '" + e.text().replace("\n", "\\n") + "' (removed '"
        + e.removed().replace("\n", "\\n") + "')";
  }

  private List<String> flushed() {
    coalescer.flush();
    return edits.stream().map(EditCoalescerTest::describe).toList();
  }

  /** Applies the recorded edits to the text before them, as replay does. */
  private String replay(String before) {
    DocumentText doc = new DocumentText(before);
    for (EditCoalescer.Edit e : edits) {
      doc.replace(doc.offset(e.startLine(), e.startCharacter()), doc.offset(e.endLine(), e.endCharacter()), e.text());
    }
    return doc.toString();
  }

  @Test
  void joinsTypingOneCharacterAtATimeIntoOneInsert() {
    DocumentText doc = new DocumentText("say \n");
    type(doc, 0, 4, "hello world");

    assertThat(flushed()).containsExactly("INSERT 0:4-0:4 'hello world' (removed '')");
    assertThat(edits.get(0).changes()).isEqualTo(11);
    assertThat(edits.get(0).version()).isEqualTo(11);
    assertThat(edits.get(0).timeUnixNanos()).isEqualTo(7);
    assertThat(doc.toString()).isEqualTo("say hello world\n");
  }

  @Test
  void neovimsOpenLineBelowIsALineBreakAtTheEndOfTheLineThatTheTypingContinues() {
    String before = "print(1)\nend\n";
    DocumentText doc = new DocumentText(before);
    // Neovim sends 'o' as: replace the line break after "print(1)" by two line breaks.
    change(doc, 0, 8, 1, 0, "\n\n");
    type(doc, 1, 0, "x = 2");

    assertThat(flushed()).containsExactly("INSERT 0:8-0:8 '\\nx = 2' (removed '')");
    assertThat(doc.toString()).isEqualTo("print(1)\nx = 2\nend\n");
    assertThat(replay(before)).isEqualTo(doc.toString());
  }

  @Test
  void aLineBreakTypedAfterTextStartsTheNextEdit() {
    DocumentText doc = new DocumentText("");
    type(doc, 0, 0, "abc");
    change(doc, 0, 3, 0, 3, "\n");
    type(doc, 1, 0, "def");

    assertThat(flushed()).containsExactly("INSERT 0:0-0:0 'abc' (removed '')", "INSERT 0:3-0:3 '\\ndef' (removed '')");
    assertThat(replay("")).isEqualTo("abc\ndef");
  }

  @Test
  void joinsBackspacesIntoOneDeleteWithItsRangeInTheTextBefore() {
    DocumentText doc = new DocumentText("hello world\n");
    for (int c = 11; c > 6; c--) {
      change(doc, 0, c - 1, 0, c, "");
    }

    assertThat(flushed()).containsExactly("DELETE 0:6-0:11 '' (removed 'world')");
    assertThat(replay("hello world\n")).isEqualTo("hello \n");
  }

  @Test
  void joinsForwardDeletesAtOnePlace() {
    DocumentText doc = new DocumentText("abcdef");
    change(doc, 0, 1, 0, 2, "");
    change(doc, 0, 1, 0, 2, "");
    change(doc, 0, 1, 0, 2, "");

    assertThat(flushed()).containsExactly("DELETE 0:1-0:4 '' (removed 'bcd')");
  }

  @Test
  void aCorrectedTypoIsRecordedAsWhatWasLeft() {
    DocumentText doc = new DocumentText("");
    type(doc, 0, 0, "helo");
    change(doc, 0, 3, 0, 4, "");
    type(doc, 0, 3, "lo");

    assertThat(flushed()).containsExactly("INSERT 0:0-0:0 'hello' (removed '')");
  }

  @Test
  void typingOverASelectionIsOneReplace() {
    DocumentText doc = new DocumentText("let foo = 1\n");
    change(doc, 0, 4, 0, 7, "b");
    type(doc, 0, 5, "ar");

    assertThat(flushed()).containsExactly("REPLACE 0:4-0:7 'bar' (removed 'foo')");
    assertThat(replay("let foo = 1\n")).isEqualTo("let bar = 1\n");
  }

  @Test
  void textTypedAndDeletedAgainLeavesNoEdit() {
    DocumentText doc = new DocumentText("x");
    type(doc, 0, 1, "ab");
    change(doc, 0, 2, 0, 3, "");
    change(doc, 0, 1, 0, 2, "");

    assertThat(flushed()).isEmpty();
    assertThat(doc.toString()).isEqualTo("x");
  }

  @Test
  void deletingALineAndUndoingItAreTwoEdits() {
    String before = "a\nb\nc\n";
    DocumentText doc = new DocumentText(before);
    change(doc, 1, 0, 2, 0, "");
    change(doc, 1, 0, 1, 0, "b\n");

    assertThat(flushed()).containsExactly("DELETE 1:0-2:0 '' (removed 'b\\n')", "INSERT 1:0-1:0 'b\\n' (removed '')");
    assertThat(replay(before)).isEqualTo(before);
  }

  @Test
  void typingElsewhereOrInAnotherDocumentStartsANewEdit() {
    DocumentText doc = new DocumentText("one\ntwo\n");
    DocumentText other = new DocumentText("");
    type(doc, 0, 3, "!");
    type(doc, 1, 3, "?");
    coalescer.change("file:///w/b.txt", other, 0, 0, "z", 1, 7, now += 1_000_000);

    assertThat(flushed()).containsExactly("INSERT 0:3-0:3 '!' (removed '')", "INSERT 1:3-1:3 '?' (removed '')",
        "INSERT 0:0-0:0 'z' (removed '')");
    assertThat(edits.get(2).uri()).isEqualTo("file:///w/b.txt");
  }

  @Test
  void aPauseLongerThanTheIdleWindowStartsANewEdit() {
    DocumentText doc = new DocumentText("");
    type(doc, 0, 0, "ab");
    now += IDLE;
    type(doc, 0, 2, "cd");

    assertThat(flushed()).containsExactly("INSERT 0:0-0:0 'ab' (removed '')", "INSERT 0:2-0:2 'cd' (removed '')");
  }

  @Test
  void flushIfIdleCompletesTheEditOnlyOnceTheWindowHasPassed() {
    DocumentText doc = new DocumentText("");
    type(doc, 0, 0, "ab");
    coalescer.flushIfIdle(now + IDLE - 1);
    assertThat(edits).isEmpty();
    assertThat(coalescer.idleAt()).isEqualTo(now + IDLE);

    coalescer.flushIfIdle(now + IDLE);
    assertThat(edits).hasSize(1);
    assertThat(coalescer.pending()).isFalse();
    assertThat(coalescer.idleAt()).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void anEditStopsGrowingAtItsLimit() {
    EditCoalescer small = new EditCoalescer(IDLE, 3, edits::add);
    DocumentText doc = new DocumentText("");
    for (int i = 0; i < 5; i++) {
      small.change(URI, doc, i, i, "x", i + 1, 7, now += 1_000);
    }
    small.flush();

    assertThat(edits).extracting(EditCoalescer.Edit::text).containsExactly("xxx", "xx");
  }

  @Test
  void aWholeDocumentChangeIsRecordedAsTheSmallestEdit() {
    DocumentText doc = new DocumentText("alpha\nbeta\ngamma\n");
    coalescer.change(URI, doc, 0, doc.length(), "alpha\nBETA!\ngamma\n", 2, 7, now);

    assertThat(flushed()).containsExactly("REPLACE 1:0-1:4 'BETA!' (removed 'beta')");
  }

  @Test
  void aReplaceThatChangesNothingIsNoEdit() {
    DocumentText doc = new DocumentText("same");
    change(doc, 0, 0, 0, 4, "same");

    assertThat(flushed()).isEmpty();
  }

  @Test
  void neverSplitsASurrogatePair() {
    // U+1F600 and U+1F601 share their high surrogate: the edit must replace the whole character.
    DocumentText doc = new DocumentText("a\uD83D\uDE00b");
    change(doc, 0, 1, 0, 3, "\uD83D\uDE01");

    assertThat(flushed()).containsExactly("REPLACE 0:1-0:3 '\uD83D\uDE01' (removed '\uD83D\uDE00')");
  }

  @Test
  void refusesANonPositiveIdleWindow() {
    assertThatThrownBy(() -> new EditCoalescer(0, 10, e -> { })).hasMessageContaining("idleNanos");
  }
}
