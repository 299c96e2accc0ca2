package dev.understudy.core.privacy.redact;

import static org.assertj.core.api.Assertions.assertThat;

import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.Source;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CleanTextsTest {

  @Test
  void remembersATextByContentNotByInstance() {
    CleanTexts clean = new CleanTexts();
    String title = "report-q3.odt - LibreOffice Writer";
    clean.add(title);
    assertThat(clean.contains(title)).isTrue();
    assertThat(clean.contains(new String(title.toCharArray()))).isTrue();
    assertThat(clean.contains("report-q4.odt - LibreOffice Writer")).isFalse();
  }

  @Test
  void aNewTextPushesOutTheLeastRecentlySeenOfItsSet() {
    CleanTexts clean = new CleanTexts();
    String first = "text 0";
    List<String> sameSet = new ArrayList<>();
    for (int i = 1; sameSet.size() < 2; i++) {
      if (CleanTexts.set("text " + i) == CleanTexts.set(first)) {
        sameSet.add("text " + i);
      }
    }
    clean.add(first);
    clean.add(sameSet.get(0));
    assertThat(clean.contains(first)).isTrue(); // two texts share a set; seeing the first again keeps it
    clean.add(sameSet.get(1));
    assertThat(clean.contains(first)).isTrue();
    assertThat(clean.contains(sameSet.get(1))).isTrue();
    assertThat(clean.contains(sameSet.get(0))).isFalse();
  }

  @Test
  void keepsNoTextLongerThanTheLimit() {
    CleanTexts clean = new CleanTexts();
    String longText = "a".repeat(CleanTexts.MAX_LENGTH + 1);
    clean.add(longText);
    assertThat(clean.contains(longText)).isFalse();
    String limit = "a".repeat(CleanTexts.MAX_LENGTH);
    clean.add(limit);
    assertThat(clean.contains(limit)).isTrue();
  }

  @Test
  void aTextWithSomethingToRedactIsRedactedEveryTimeItComes() {
    Redactor redactor = Redactor.withDefaults();
    String title = "Inbox (3) - lena.vogel@example.de - Mail";
    Action action = Action.newBuilder().setSource(Source.newBuilder().setWindowTitle(title)).build();
    Action first = redactor.apply(action);
    Action second = redactor.apply(action);
    assertThat(first.getSource().getWindowTitle()).doesNotContain("lena.vogel");
    assertThat(second).isEqualTo(first);
    assertThat(redactor.redactText(title)).isEqualTo(first.getSource().getWindowTitle());
  }

  @Test
  void scanningTheCorpusTwiceGivesTheSameResultsAsTheUncachedBaseline() {
    byte[] key = new byte[32];
    Redactor fast = Redactor.builder().fixedKey(key).build();
    Redactor naive = Redactor.builder().fixedKey(key).matchEngine(MatchEngine.JAVA_REGEX_UNFILTERED).build();
    for (int pass = 0; pass < 2; pass++) {
      for (Corpus.Sample s : Corpus.samples()) {
        assertThat(fast.redactText(s.text())).as("pass %d, line %d", pass, s.line()).isEqualTo(naive.redactText(s.text()));
      }
    }
  }
}
