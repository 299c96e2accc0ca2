package dev.understudy.core.privacy.redact;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** The labelled corpus in test resources privacy/corpus/ (see generate_corpus.py there). */
final class Corpus {
  private Corpus() {}

  /** One labelled text: the detectors that should claim matches in it, and secrets that must go. */
  record Sample(int line, Set<String> expected, List<String> secrets, String text) {}

  static List<Sample> samples() {
    List<Sample> out = new ArrayList<>();
    List<String[]> rows = rows("samples.tsv");
    for (String[] r : rows) {
      Set<String> expected = r[1].equals("-") ? Set.of() : Set.of(r[1].split(","));
      List<String> secrets = r[2].equals("-") ? List.of() : List.of(r[2].split("\\|"));
      out.add(new Sample(Integer.parseInt(r[0]), expected, secrets, r[3]));
    }
    return out;
  }

  /** Rows of keystrokes.tsv: detector id, secret, final text. */
  static List<String[]> keystrokes() {
    List<String[]> out = new ArrayList<>();
    for (String[] r : rows("keystrokes.tsv")) {
      out.add(new String[] {r[1], r[2], r[3]});
    }
    return out;
  }

  /** Each row prefixed with its line number. */
  private static List<String[]> rows(String name) {
    List<String[]> out = new ArrayList<>();
    try (InputStream in = Objects.requireNonNull(Corpus.class.getResourceAsStream("/privacy/corpus/" + name), name);
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      int n = 0;
      while ((line = reader.readLine()) != null) {
        n++;
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        String[] cols = line.split("\t", -1);
        if (cols.length != 3) {
          throw new IllegalStateException(name + ":" + n + ": expected 3 tab-separated columns, found " + cols.length);
        }
        out.add(new String[] {String.valueOf(n), unescape(cols[0]), unescape(cols[1]), unescape(cols[2])});
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  static String unescape(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        char n = s.charAt(++i);
        b.append(n == 'n' ? '\n' : n == 't' ? '\t' : n);
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }
}
