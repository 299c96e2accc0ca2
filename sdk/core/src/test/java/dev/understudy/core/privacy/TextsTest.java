package dev.understudy.core.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextsTest {

  @Test
  void comparesWithoutRegardToCase() {
    assertThat(Texts.containsIgnoreCase("Mozilla Firefox Private Browsing", "private browsing")).isTrue();
    assertThat(Texts.containsIgnoreCase("report.odt", "incognito")).isFalse();
    assertThat(Texts.containsIgnoreCase("ab", "abc")).isFalse();
    assertThat(Texts.containsIgnoreCase("//INPUT[@TYPE='PASSWORD']", "password")).isTrue();
  }

  @Test
  void findsWhatRegionMatchesFindsAtSomePosition() {
    String[] texts = {"PaSsWoRd", "pa\u017F\u017Fword", "\u212Aey=1", "\u0130NPUT-type", "xx\u03A3\u03C3\u03C2", "p", "",
        "ssss", "Stra\u00DFe", "STRASSE"};
    String[] needles = {"password", "key", "input-type", "\u03C3\u03C3", "s", "ss", "\u017Fs", "stra\u00DFe", "\u00DF"};
    for (String text : texts) {
      for (String needle : needles) {
        boolean expected = false;
        for (int i = 0; i + needle.length() <= text.length() && !expected; i++) {
          expected = text.regionMatches(true, i, needle, 0, needle.length());
        }
        assertThat(Texts.containsIgnoreCase(text, needle)).as("%s in %s", needle, text).isEqualTo(expected);
      }
    }
  }
}
