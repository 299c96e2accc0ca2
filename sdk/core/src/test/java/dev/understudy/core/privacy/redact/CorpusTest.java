package dev.understudy.core.privacy.redact;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Recall and precision of every detector on the labelled corpus, as the full redactor attributes
 * matches (overlaps go to the detector listed first). Prints the table that docs/PRIVACY.md quotes.
 */
class CorpusTest {

  /** Detectors whose evidence is a heuristic rather than a format or a checksum. */
  private static final Set<String> HEURISTIC = Set.of("high-entropy");
  private static final double STRUCTURED_RECALL = 0.99;
  private static final double HEURISTIC_RECALL = 0.90;
  private static final double PRECISION = 0.95;

  private final Redactor redactor = Redactor.withDefaults();

  @Test
  void everyDetectorMeetsItsRecallAndPrecisionFloor() {
    List<Corpus.Sample> samples = Corpus.samples();
    Map<String, int[]> table = new LinkedHashMap<>(); // id -> {tp, fn, fp, positives}
    for (Detector d : Detectors.defaults()) {
      table.put(d.id(), new int[4]);
    }
    List<String> misses = new ArrayList<>();
    int negatives = 0;
    int cleanNegatives = 0;
    for (Corpus.Sample s : samples) {
      Set<String> found = found(s.text());
      for (String id : s.expected()) {
        assertThat(table).as("line %d names an unknown detector", s.line()).containsKey(id);
        int[] row = table.get(id);
        row[3]++;
        if (found.contains(id)) {
          row[0]++;
        } else {
          row[1]++;
          misses.add("line " + s.line() + ": missed " + id + " in " + s.text());
        }
      }
      for (String id : found) {
        if (!s.expected().contains(id)) {
          table.get(id)[2]++;
          misses.add("line " + s.line() + ": " + id + " fired wrongly in " + s.text() + " -> " + redactor.redactText(s.text()));
        }
      }
      if (s.expected().isEmpty()) {
        negatives++;
        if (found.isEmpty()) {
          cleanNegatives++;
        }
      }
    }
    StringBuilder out = new StringBuilder();
    out.append(String.format("%n| detector | positives | recall | precision | false positives |%n|---|---:|---:|---:|---:|%n"));
    List<String> failures = new ArrayList<>();
    for (Map.Entry<String, int[]> e : table.entrySet()) {
      int[] r = e.getValue();
      double recall = r[3] == 0 ? 0 : (double) r[0] / r[3];
      double precision = r[0] + r[2] == 0 ? 0 : (double) r[0] / (r[0] + r[2]);
      out.append(String.format("| %s | %d | %.1f%% | %.1f%% | %d |%n", e.getKey(), r[3], 100 * recall, 100 * precision, r[2]));
      double floor = HEURISTIC.contains(e.getKey()) ? HEURISTIC_RECALL : STRUCTURED_RECALL;
      if (r[3] < 4) {
        failures.add(e.getKey() + " has only " + r[3] + " positive samples");
      }
      if (recall < floor) {
        failures.add(e.getKey() + " recall " + recall + " < " + floor);
      }
      if (precision < PRECISION) {
        failures.add(e.getKey() + " precision " + precision + " < " + PRECISION);
      }
    }
    out.append(String.format("%nSamples: %d, of which %d negatives (%d left untouched).%n", samples.size(), negatives, cleanNegatives));
    System.out.println(out);
    misses.forEach(System.out::println);
    assertThat(negatives).isGreaterThanOrEqualTo(100);
    assertThat(failures).as(String.join("\n", misses)).isEmpty();
  }

  @Test
  void noStructuredSecretSurvivesRedaction() {
    for (Corpus.Sample s : Corpus.samples()) {
      if (s.expected().stream().anyMatch(HEURISTIC::contains)) {
        continue;
      }
      String out = redactor.redactText(s.text());
      for (String secret : s.secrets()) {
        assertThat(out).as("line %d", s.line()).doesNotContain(secret);
      }
    }
  }

  @Test
  void prefilteredRe2FindsExactlyWhatTheUnfilteredJavaRegexPassFinds() {
    byte[] key = new byte[32];
    Redactor fast = Redactor.builder().fixedKey(key).build();
    Redactor naive = Redactor.builder().fixedKey(key).matchEngine(MatchEngine.JAVA_REGEX_UNFILTERED).build();
    for (Corpus.Sample s : Corpus.samples()) {
      assertThat(fast.redactText(s.text())).as("line %d", s.line()).isEqualTo(naive.redactText(s.text()));
    }
  }

  @Test
  void secretsTypedOneKeyAtATimeAreCaughtOnceCoalesced() {
    int shortest = Detectors.defaults().stream().mapToInt(Detector::minLength).min().orElseThrow();
    for (String[] row : Corpus.keystrokes()) {
      String detector = row[0];
      String secret = row[1];
      String text = row[2];
      // What an adapter sees: one insert per key. No fragment can hold a secret, and none is stored:
      // the runtime coalesces the inserts into one value before the redactor runs.
      StringBuilder coalesced = new StringBuilder();
      for (int i = 0; i < text.length(); i++) {
        String fragment = text.substring(i, i + 1);
        assertThat(fragment.length()).isLessThan(shortest);
        assertThat(redactor.redactText(fragment)).isEqualTo(fragment);
        coalesced.append(fragment);
      }
      String value = coalesced.toString();
      assertThat(found(value)).as(text).contains(detector);
      assertThat(redactor.redactText(value)).as(text).doesNotContain(secret);
    }
  }

  private Set<String> found(String text) {
    TextScanner.Result r = redactor.scanner().scan(text);
    Set<String> ids = new TreeSet<>();
    if (r != null) {
      for (int i = 0; i < r.counts.length; i++) {
        if (r.counts[i] > 0) {
          ids.add(redactor.scanner().detector(i).id());
        }
      }
    }
    return ids;
  }
}
