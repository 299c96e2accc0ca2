package dev.understudy.plugins.lsp.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** LSP positions over text with every kind of line break. */
class DocumentTextTest {

  @Test
  void mapsPositionsToOffsetsWithEveryKindOfLineBreak() {
    DocumentText doc = new DocumentText("ab\ncd\r\nef\rgh");
    assertThat(doc.offset(0, 1)).isEqualTo(1);
    assertThat(doc.offset(1, 0)).isEqualTo(3);
    assertThat(doc.offset(2, 1)).isEqualTo(8);
    assertThat(doc.offset(3, 2)).isEqualTo(12);
    assertThat(doc.lineOf(8)).isEqualTo(2);
    assertThat(doc.characterOf(11)).isEqualTo(1);
  }

  @Test
  void clampsPositionsPastALineOrTheDocument() {
    DocumentText doc = new DocumentText("ab\r\ncd");
    assertThat(doc.offset(0, 99)).as("end of line 0, before its \\r\\n").isEqualTo(2);
    assertThat(doc.offset(7, 0)).isEqualTo(6);
    assertThat(doc.offset(-1, 5)).isZero();
  }

  @Test
  void keepsItsLineIndexThroughEdits() {
    DocumentText doc = new DocumentText("one\ntwo\nthree\n");
    doc.replace(doc.offset(0, 3), doc.offset(0, 3), "!!");
    assertThat(doc.offset(2, 0)).isEqualTo(10);
    doc.replace(doc.offset(1, 0), doc.offset(2, 0), "");
    assertThat(doc.toString()).isEqualTo("one!!\nthree\n");
    assertThat(doc.offset(1, 2)).isEqualTo(8);
    doc.replace(3, 3, "\n");
    assertThat(doc.toString()).isEqualTo("one\n!!\nthree\n");
    assertThat(doc.offset(2, 0)).isEqualTo(7);
  }

  @Test
  void typingAtTheEndOfALineOrBetweenTheHalvesOfACarriageReturnLineFeedKeepsLinesRight() {
    DocumentText doc = new DocumentText("ab\r\ncd\nef");
    doc.replace(2, 2, "X");
    assertThat(doc.offset(1, 0)).isEqualTo(5);
    doc.replace(4, 4, "Y"); // between \r and \n: now two line breaks
    assertThat(doc.toString()).isEqualTo("abX\rY\ncd\nef");
    assertThat(doc.offset(1, 0)).isEqualTo(4);
    assertThat(doc.offset(2, 1)).isEqualTo(7);
    doc.replace(4, 5, ""); // joined again
    assertThat(doc.offset(1, 0)).isEqualTo(5);
    assertThat(doc.offset(2, 0)).isEqualTo(8);
  }

  @Test
  void keepsTheSameLinesAsATextIndexedFromScratchThroughRandomEdits() {
    java.util.Random random = new java.util.Random(20261122);
    String[] pieces = {"a", "bc", "\n", "\r", "\r\n", "x\ny", "", "\n\n", "z\r"};
    DocumentText doc = new DocumentText("one\r\ntwo\rthree\nfour");
    for (int step = 0; step < 3_000; step++) {
      int start = random.nextInt(doc.length() + 1);
      int end = Math.min(doc.length(), start + random.nextInt(4));
      doc.replace(start, end, pieces[random.nextInt(pieces.length)]);
      int[] expected = offsets(new DocumentText(doc.toString()));
      int[] actual = offsets(doc);
      if (!java.util.Arrays.equals(actual, expected)) {
        assertThat(actual).as("after step %d: %s", step, doc.toString().replace("\r", "\\r").replace("\n", "\\n"))
            .isEqualTo(expected);
      }
    }
  }

  private static int[] offsets(DocumentText doc) {
    int lines = 3 + doc.length() / 2;
    int[] out = new int[lines * 2];
    for (int line = 0; line < lines; line++) {
      out[2 * line] = doc.offset(line, 0);
      out[2 * line + 1] = doc.offset(line, 99);
    }
    return out;
  }

  @Test
  void givesEachLineWithoutItsBreakAndAgreesWithASplitThroughRandomEdits() {
    DocumentText doc = new DocumentText("a\r\nb\rc\nd");
    assertThat(doc.lines()).isEqualTo(4);
    assertThat(new String[] {doc.line(0), doc.line(1), doc.line(2), doc.line(3)}).containsExactly("a", "b", "c", "d");
    assertThat(doc.line(4)).isNull();
    assertThat(doc.line(-1)).isNull();
    java.util.Random random = new java.util.Random(5);
    String[] pieces = {"a", "\n", "\r", "\r\n", "x\ny", ""};
    for (int step = 0; step < 1_000; step++) {
      int start = random.nextInt(doc.length() + 1);
      doc.replace(start, Math.min(doc.length(), start + random.nextInt(3)), pieces[random.nextInt(pieces.length)]);
      String[] split = doc.toString().split("\r\n|\r|\n", -1);
      assertThat(doc.lines()).isEqualTo(split.length);
      for (int line = 0; line < split.length; line++) {
        assertThat(doc.line(line)).isEqualTo(split[line]);
      }
    }
  }

  @Test
  void refusesOffsetsOutsideTheText() {
    DocumentText doc = new DocumentText("abc");
    assertThatThrownBy(() -> doc.replace(2, 5, "x")).isInstanceOf(IndexOutOfBoundsException.class);
  }
}
