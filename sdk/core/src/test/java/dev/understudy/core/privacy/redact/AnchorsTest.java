package dev.understudy.core.privacy.redact;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The start positions and search regions the digit and token detectors use, and that they change nothing. */
class AnchorsTest {

  @Test
  void digitShapeGivesExactlyWhereTheShapeFits() {
    Anchors ssn = Anchors.digitShape("ddd-dd-dddd", "- ");
    String text = "id 12-345-67 and 123-45-6789 or 987 65 4321";
    assertThat(ssn.next(text, 0)).isEqualTo(text.indexOf("123-45"));
    assertThat(ssn.next(text, text.indexOf("123-45") + 1)).isEqualTo(text.indexOf("987"));
    assertThat(ssn.next(text, text.indexOf("987") + 1)).isEqualTo(-1);
  }

  @Test
  void digitRunsSkipRunsWithTooFewDigits() {
    Anchors cards = Anchors.digitRuns(13, " -");
    String text = "order 2024-10-03 12 then 4111 1111 1111 1111";
    assertThat(cards.next(text, 0)).isEqualTo(text.indexOf("4111"));
    assertThat(cards.next("1234 5678 9012", 0)).isEqualTo(-1);
    assertThat(cards.next("12  3456789012345", 0)).isEqualTo(4); // two spaces end a run
  }

  @Test
  void lettersThenDigitsCountsWhatRe2jCaseFoldsToALetter() {
    Anchors iban = Anchors.lettersThenDigits();
    assertThat(iban.next("IBAN: DE89 3704", 0)).isEqualTo(6);
    assertThat(iban.next("\u212AE12", 0)).isZero();
    assertThat(iban.next("D189 E12", 0)).isEqualTo(-1);
  }

  @Test
  void entropyRunsGiveOnlyRunsThatCouldBeRandom() {
    Anchors runs = Anchors.entropyRuns();
    String text = "see camelCaseIdentifierWithoutDigits and Zk3pQ9xW2mR7vB4nT8yL1 end";
    assertThat(runs.next(text, 0)).isEqualTo(text.indexOf("Zk3p"));
    assertThat(runs.next("aaaaaaaaaaaaaaaaaaaaaaaa11", 0)).isEqualTo(-1);
  }

  @Test
  void digitClustersAreWidenedByOneCharacterEitherSide() {
    SearchRegions phones = SearchRegions.digitClusters(7, " -./()+", 3);
    String text = "call 12 or (030) 123 4567, thanks";
    long r = phones.next(text, 0);
    assertThat(SearchRegions.start(r)).isEqualTo(text.indexOf('('));
    assertThat(SearchRegions.end(r)).isEqualTo(text.indexOf(',') + 1);
    assertThat(phones.next(text, SearchRegions.end(r))).isEqualTo(-1);
    assertThat(phones.next("page 12 of 345", 0)).isEqualTo(-1);
  }

  @Test
  void anchoredAndRegionSearchesFindWhatTheUnfilteredBaselineFinds() {
    byte[] key = new byte[32];
    Redactor fast = Redactor.builder().fixedKey(key).build();
    Redactor naive = Redactor.builder().fixedKey(key).matchEngine(MatchEngine.JAVA_REGEX_UNFILTERED).build();
    List<String> edges = List.of(
        "x0049 30 1234567 and 0049 30 1234567",
        "+49 30 1234567 / +33 6 12 34 56 78 in one cluster",
        "numbers 4111111111111111111111 and 4111 1111 1111 1111",
        "DE89 3704 0044 0532 0130 00DE89370400440532013000",
        "tel.(415) 555-0132;(415)555-0133",
        "123-45-6789-123-45-6789 and 078-05-1120",
        "token=Zk3pQ9xW2mR7vB4nT8yL1-Zk3pQ9xW2mR7vB4nT8yL1 done",
        "2024-10-03 14:32:11 build 1.2.3.4 at 10.0.0.12");
    for (String text : edges) {
      assertThat(fast.redactText(text)).as(text).isEqualTo(naive.redactText(text));
    }
  }
}
