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
}
