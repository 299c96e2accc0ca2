package dev.understudy.plugins.lsp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextDocumentsTest {
  private static final String URI = "file:///p/a.py";
  private final TextDocuments docs = new TextDocuments();

  @Test
  void appliesRangedChangesAndReturnsWhatTheyRemoved() {
    docs.open(URI, "alpha\nbeta\ngamma\n");
    assertThat(docs.apply(URI, 1, 0, 1, 4, "BETA")).isEqualTo("beta");
    assertThat(docs.apply(URI, 0, 5, 2, 0, "\n")).isEqualTo("\nBETA\n");
    assertThat(docs.text(URI)).isEqualTo("alpha\ngamma\n");
    assertThat(docs.apply(URI, 2, 0, 2, 0, "delta")).isEmpty();
    assertThat(docs.line(URI, 2)).isEqualTo("delta");
    assertThat(docs.apply(URI, -1, 0, 0, 0, "all new")).isEqualTo("alpha\ngamma\ndelta");
    assertThat(docs.text(URI)).isEqualTo("all new");
  }

  @Test
  void countsEveryKindOfLineBreakAndClampsPositionsPastTheEnd() {
    docs.open(URI, "a\r\nb\rc\nd");
    assertThat(docs.line(URI, 0)).isEqualTo("a");
    assertThat(docs.line(URI, 1)).isEqualTo("b");
    assertThat(docs.line(URI, 2)).isEqualTo("c");
    assertThat(docs.line(URI, 3)).isEqualTo("d");
    assertThat(docs.line(URI, 4)).isNull();
    assertThat(docs.apply(URI, 1, 99, 1, 99, "!")).isEmpty(); // past the line's end: at its end
    assertThat(docs.apply(URI, 9, 0, 9, 0, "?")).isEmpty(); // past the last line: at the document's end
    assertThat(docs.text(URI)).isEqualTo("a\r\nb!\rc\nd?");
  }

  @Test
  void typingKeyByKeyOnALaterLineAfterAnEarlierEditStaysInStep() {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 200; i++) {
      text.append("line ").append(i).append('\n');
    }
    docs.open(URI, text.toString());
    for (int i = 0; i < 5; i++) {
      docs.apply(URI, 150, 4 + i, 150, 4 + i, "x");
    }
    docs.apply(URI, 3, 0, 4, 0, ""); // an earlier line goes: the line index must follow
    docs.apply(URI, 149, 0, 149, 0, ">");
    assertThat(docs.line(URI, 149)).isEqualTo(">linexxxxx 150");
    assertThat(docs.line(URI, 3)).isEqualTo("line 4");
  }

  @Test
  void aCarriageReturnMeetingANewLineJoinsTwoLineBreaksIntoOne() {
    docs.open(URI, "a\r\rb");
    docs.line(URI, 1);
    docs.apply(URI, 1, 0, 1, 0, "\n"); // "a\r\n\rb": the first break is now "\r\n"
    assertThat(docs.line(URI, 1)).isEmpty();
    assertThat(docs.line(URI, 2)).isEqualTo("b");
  }

  @Test
  void forgetsADocumentThatGrowsPastTheLimitAndIgnoresUnknownOnes() {
    assertThat(docs.apply("file:///unknown", 0, 0, 0, 0, "x")).isNull();
    docs.open(URI, "x");
    docs.apply(URI, 0, 1, 0, 1, "y".repeat(TextDocuments.MAX_CHARS));
    assertThat(docs.has(URI)).isFalse();
  }
}
