package dev.understudy.core.privacy.redact;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RedactedTextsTest {

  private static final String SECRET = "ghp_Zk3pQ9xW2mR7vB4nT8yL1aB2cD3eF4gH5iJ6";

  @Test
  void findsATextByContentNotByInstance() {
    RedactedTexts table = new RedactedTexts(new Random(1));
    String text = "Inbox (3) - lena.vogel@example.de - Mail";
    TextScanner.Result result = new TextScanner.Result("Inbox (3) - <EMAIL:1234abcd> - Mail", new int[] {1});
    table.put(table.fingerprint(text, new RedactedTexts.Fingerprint()), result);
    assertThat(table.get(table.fingerprint(new String(text.toCharArray()), new RedactedTexts.Fingerprint())))
        .isSameAs(result);
    assertThat(table.get(table.fingerprint("Inbox (4) - lena.vogel@example.de - Mail", new RedactedTexts.Fingerprint())))
        .isNull();
  }

  @Test
  void textsThatDifferOnlyInLengthOrOrderHaveDifferentFingerprints() {
    RedactedTexts table = new RedactedTexts(new Random(2));
    List<String> texts = List.of("", "\0", "\0\0", "\0\0\0", "\0\0\0\0", "a", "a\0", "\0a", "abc", "abcd", "bca",
        "abcabc", "abc\0abc", "ab", "ba", "x".repeat(RedactedTexts.MAX_LENGTH), "x".repeat(RedactedTexts.MAX_LENGTH - 1));
    Set<String> seen = new HashSet<>();
    for (String t : texts) {
      RedactedTexts.Fingerprint f = table.fingerprint(t, new RedactedTexts.Fingerprint());
      assertThat(seen.add(f.first + "/" + f.second)).as("fingerprint of %s", t.replace("\0", "\\0")).isTrue();
    }
  }

  @Test
  void theScannerGivesARememberedTextTheResultItGaveBeforeAndKeepsNoOriginal() throws Exception {
    TextScanner scanner = new TextScanner(Detectors.defaults(), MatchEngine.RE2J_PREFILTERED, new Pseudonyms(new byte[32]));
    TextScanner.Scratch scratch = scanner.newScratch();
    String text = "export GITHUB_TOKEN=" + SECRET;
    TextScanner.Result first = scanner.scan(text, scratch);
    TextScanner.Result again = scanner.scan(new String(text.toCharArray()), scratch);
    assertThat(first.text).doesNotContain(SECRET);
    assertThat(again).isSameAs(first);
    // What the table holds: fingerprints and redacted results, never the text it was given.
    java.lang.reflect.Field results = RedactedTexts.class.getDeclaredField("results");
    results.setAccessible(true);
    for (TextScanner.Result r : (TextScanner.Result[]) results.get(scratch.redacted)) {
      if (r != null) {
        assertThat(r.text).doesNotContain(SECRET);
      }
    }
    for (java.lang.reflect.Field f : RedactedTexts.class.getDeclaredFields()) {
      assertThat(f.getType()).as(f.getName()).isNotIn(String.class, CharSequence.class, Object.class, Object[].class,
          String[].class);
    }
  }
}
