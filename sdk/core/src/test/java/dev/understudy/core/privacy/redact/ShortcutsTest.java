package dev.understudy.core.privacy.redact;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The default engine's shortcuts (prefilters, anchors, extents, search regions, skipped regions and
 * the memos of clean and redacted texts) change nothing: on generated texts built from the pieces the
 * detectors look for and the characters at their edges, it accepts exactly the matches that a plain
 * RE2/J search of every expression over the whole text accepts, with the same validators and the same
 * rule for overlaps. Deterministic: a fixed seed.
 */
class ShortcutsTest {

  private static final long SEED = 20_241_122L;
  private static final int TEXTS = 3_000;

  /** Pieces of secrets, personal data and their surroundings, and characters RE2/J treats specially. */
  private static final String[] PIECES = {
      "https://", "http://", "git+ssh://", "ftp:", "://", "//", "user", "ops", ":", "pa:ss", "s3cr3t", "@", "@@",
      "@example.com", "example.com", "mail.example.org", ".de", ".c", "/", "?", "#", "&", ";", "=", "==",
      "token", "Token", "TOKEN", "key", "KEY", "api_key", "api-key", "apikey", "sig", "code", "x-amz-signature",
      "\u017Fecret", "\u212Aey", "password", "PASSWORD", "Passwd", "pwd", "passwort", "kennwort", "mot de passe",
      "contrase\u00F1a", "senha", "\u041F\u0430\u0440\u043E\u043B\u044C", "\u30D1\u30B9\u30EF\u30FC\u30C9",
      "\u5BC6\u7801", "secret", "client_secret", "access_token", "auth-token", "private_key",
      "\"", "'", " ", "  ", "\t", "\f", "\r", "\n", "\u000B", "\u00A0", "\u3000", "\uFF1A", ",", "<", ">",
      "hunter22", "s3cr3t!", "${VAR}", "xx", "***", "true",
      "lena.vogel", "jo_test+tag", "a.", ".b", "-", "_", "%", "+", "\u00DCn\u00EFc\u00F8d\u00E9", "\u4F8B\u3048",
      "\uD835\uDC00", "4111 1111 1111 1111", "4111-1111-1111-1111", "4111111111111111", "5500 0000 0000 0004",
      "DE89 3704 0044 0532 0130 00", "de89370400440532013000", "GB82WEST12345698765432", "\u212AZ86",
      "+49 30 1234567", "(415) 555-0132", "0151 14895555", "8 (495) 123-45-67", "0049 30 1234567", "00",
      "123-45-6789", "078-05-1120", "2024-10-03", "15.03.2024", "10.0.0.12", "192.168.1.1", "1.2.3.4.5",
      "::1", "fe80::1ff:fe23:4567:890a", "AKIAQ7RT2ZK4M9XW3B5N", "ghp_Zk3pQ9xW2mR7vB4nT8yL1aB2cD3eF4gH5iJ6",
      "glpat-Zk3pQ9xW2mR7vB4nT8yL", "xoxb-1234567890-abcdefghij", "sk_live_Zk3pQ9xW2mR7vB4nT8yL",
      "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
      "Zk3pQ9xW2mR7vB4nT8yL1", "AccountKey=", "SG.", "npm_", "AIza", "-----BEGIN PRIVATE KEY-----",
      "-----END PRIVATE KEY-----", "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC", "v1.2.3.4", "x", "0", "7", "12345",
      "9876543", "1234567890123", "abc", "ab", "a.bc", "@a.de", "q", "=abc", ":abc", "u", "https://u:p@h", "?key=q", "&token=q&", "b-.", "-x", ".com-x", ".dd9", "\u00E9", "a@b.c0m", "x.y@sub.example.co.uk",
  };

  /** Texts at the edges of what the detectors take, each then edited at random a few characters at a time. */
  private static final String[] SEEDS = {
      "IBAN MT84 MALT 0110 0001 2345 MTLC AST0 01S, thanks", "DE89 3704 0044 0532 0130 00", "GB82WEST12345698765432x",
      "NO9386011117947", "card 6011 0009 9013 9424 123 exp", "4111-1111-1111-1111-111", "55000000000000041234",
      "mail x.y-z@sub-a.example.co.uk.", "to a@b-c.d-e.fg9.hi, then", "jo+tag@mail.example.org>", "user@host",
      "ssh git@github.com:acme/x.git", "https://ops:pa55@git.example.com/x", "ftp://u:p:q@h/ and http://a@b",
      "https://x.example/cb?code=abc&state=1#access_token=eyJ.x", "?sig=1&token=;api-key=zz",
      "password: \"hunter22\", pwd=x", "Passwort\uFF1A geheim123", "SECRET_KEY = 'Zk3pQ9xW2mR7vB4nT8yL'",
      "call +49 30 1234567 or (415) 555-0132", "0151 14895555 / 8 (495) 123-45-67", "078-05-1120 123 45 6789",
      "10.0.0.12 and 192.168.1.255.7", "fe80::1ff:fe23:4567:890a", "token Zk3pQ9xW2mR7vB4nT8yL1aB2cD3 end",
      "AKIAQ7RT2ZK4M9XW3B5N ghp_Zk3pQ9xW2mR7vB4nT8yL1aB2cD3eF4gH5iJ6",
  };
  private static final String EDITS = " .-_@:/?&=#+%'\"0123456789aZk\u017F\u212A\u00E9\t";
  private static final int EDITED = 120;

  @Test
  void theDefaultEngineAcceptsWhatAPlainSearchOfEveryExpressionAccepts() {
    List<Detector> detectors = Detectors.defaults();
    TextScanner scanner = new TextScanner(detectors, MatchEngine.RE2J_PREFILTERED, new Pseudonyms(new byte[32]));
    TextScanner.Scratch remembering = scanner.newScratch();
    Random random = new Random(SEED);
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < TEXTS; i++) {
      texts.add(text(random));
    }
    for (String seed : SEEDS) {
      texts.add(seed);
      for (int i = 0; i < EDITED; i++) {
        texts.add(edited(seed, random));
      }
    }
    for (String text : texts) {
      TextScanner.Scratch fresh = scanner.newScratch();
      scanner.scan(text, fresh);
      fresh.sortByStart();
      assertThat(matches(fresh)).as("%s", escape(text)).isEqualTo(reference(detectors, text));
    }
    // Twice through one scratch: the second pass is answered from the memos, and must agree.
    for (int pass = 0; pass < 2; pass++) {
      for (String text : texts) {
        TextScanner.Result once = scanner.scan(text, scanner.newScratch());
        TextScanner.Result remembered = scanner.scan(text, remembering);
        assertThat(remembered == null ? null : remembered.text).as("%s", escape(text))
            .isEqualTo(once == null ? null : once.text);
      }
    }
  }

  @Test
  void exactMatchesEndWhereAnAnchoredRe2jMatchEndsAtEveryAnchor() {
    Random random = new Random(SEED + 1);
    List<String> texts = new ArrayList<>();
    for (String seed : SEEDS) {
      texts.add(seed);
      for (int i = 0; i < EDITED; i++) {
        texts.add(edited(seed, random));
      }
    }
    int compared = 0;
    for (Detector d : Detectors.defaults()) {
      if (d.exact == null) {
        continue;
      }
      for (String text : texts) {
        int p;
        for (int from = 0; from <= text.length() && (p = d.anchors.next(text, from)) >= 0; from = p + 1) {
          int end = d.exact.end(text, p);
          if (end == ExactMatch.ASK_RE2J) {
            continue;
          }
          com.google.re2j.Matcher m = d.re2.matcher(text.substring(p));
          int expected = m.lookingAt() ? p + m.end() : ExactMatch.NONE;
          assertThat(end).as("%s at %d in %s", d.id(), p, escape(text)).isEqualTo(expected);
          compared++;
        }
      }
    }
    assertThat(compared).isGreaterThan(1_000);
  }

  private static String text(Random random) {
    StringBuilder b = new StringBuilder();
    int pieces = 1 + random.nextInt(10);
    for (int p = 0; p < pieces; p++) {
      b.append(PIECES[random.nextInt(PIECES.length)]);
      if (random.nextInt(4) == 0) {
        b.append(' ');
      }
    }
    return b.toString();
  }

  /** The seed with one to three characters inserted, removed, replaced or doubled. */
  private static String edited(String seed, Random random) {
    StringBuilder b = new StringBuilder(seed);
    for (int e = 1 + random.nextInt(3); e > 0; e--) {
      int at = random.nextInt(b.length() + 1);
      char c = EDITS.charAt(random.nextInt(EDITS.length()));
      switch (random.nextInt(4)) {
        case 0 -> b.insert(at, c);
        case 1 -> b.deleteCharAt(Math.min(at, b.length() - 1));
        case 2 -> b.setCharAt(Math.min(at, b.length() - 1), c);
        default -> b.insert(at, b.substring(at, Math.min(b.length(), at + 1 + random.nextInt(6))));
      }
    }
    return b.toString();
  }

  /** Every detector's expression searched over the whole text with RE2/J, nothing skipped. */
  private static List<String> reference(List<Detector> detectors, String text) {
    TextScanner.Scratch s = new TextScanner.Scratch();
    for (int i = 0; i < detectors.size(); i++) {
      Detector d = detectors.get(i);
      com.google.re2j.Matcher m = d.re2.matcher(text);
      while (m.find()) {
        int start = m.start(d.group);
        int end = m.end(d.group);
        if (start < 0 || start == end) {
          continue;
        }
        int accepted = d.validator.accept(text, start, end);
        if (accepted > start && !s.overlaps(start, accepted)) {
          s.add(start, accepted, i);
        }
      }
    }
    s.sortByStart();
    return matches(s);
  }

  private static List<String> matches(TextScanner.Scratch s) {
    List<String> out = new ArrayList<>();
    for (int k = 0; k < s.size; k++) {
      out.add(s.starts[k] + "-" + s.ends[k] + ":" + Detectors.defaults().get(s.which[k]).id());
    }
    return out;
  }

  private static String escape(String text) {
    StringBuilder b = new StringBuilder();
    for (char c : text.toCharArray()) {
      b.append(c >= 32 && c < 127 ? String.valueOf(c) : String.format("\\u%04X", (int) c));
    }
    return b.toString();
  }
}
