package dev.understudy.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.understudy.core.privacy.redact.Detectors;
import dev.understudy.core.privacy.redact.Redactor;
import dev.understudy.core.store.SessionId;
import dev.understudy.core.store.SessionReader;
import dev.understudy.core.store.SessionStore;
import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.Durability;
import dev.understudy.proto.v1.Redaction;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextWorkloadTest {

  static final int COUNT = 20_000;
  static final TextWorkload WORKLOAD = TextWorkload.generate(COUNT);

  @TempDir Path dir;

  @Test
  void sameCountGivesTheSameActions() {
    TextWorkload again = TextWorkload.generate(COUNT);
    for (int i = 0; i < COUNT; i++) {
      assertThat(again.action(i)).isEqualTo(WORKLOAD.action(i));
      assertThat(again.carries(i)).isEqualTo(WORKLOAD.carries(i));
    }
  }

  @Test
  void mixesTheDocumentedKindsOverAllWindows() {
    Map<TextWorkload.Kind, Integer> kinds = new EnumMap<>(TextWorkload.Kind.class);
    Set<String> titles = new HashSet<>();
    for (int i = 0; i < COUNT; i++) {
      kinds.merge(WORKLOAD.kind(i), 1, Integer::sum);
      titles.add(WORKLOAD.action(i).getSource().getWindowTitle());
    }
    assertThat(share(kinds, TextWorkload.Kind.CLICK)).isBetween(0.38, 0.42);
    assertThat(share(kinds, TextWorkload.Kind.TYPING)).isBetween(0.16, 0.20);
    assertThat(share(kinds, TextWorkload.Kind.TEXT_EDIT)).isBetween(0.10, 0.14);
    assertThat(share(kinds, TextWorkload.Kind.NAVIGATE) + share(kinds, TextWorkload.Kind.FILE_EVENT)).isBetween(0.10, 0.14);
    assertThat(share(kinds, TextWorkload.Kind.FOCUS)).isBetween(0.07, 0.09);
    assertThat(share(kinds, TextWorkload.Kind.WINDOW_SWITCH)).isBetween(0.06, 0.08);
    assertThat(share(kinds, TextWorkload.Kind.SELECTION)).isBetween(0.02, 0.04);
    assertThat(titles).hasSize(TextWorkload.WINDOWS);
    assertThat(WORKLOAD.kind(COUNT - 1)).isEqualTo(TextWorkload.Kind.CLICK);
  }

  @Test
  void aboutTwoPercentCarryASecretAndAboutTenPercentPersonalData() {
    Map<TextWorkload.Carries, Integer> carries = new EnumMap<>(TextWorkload.Carries.class);
    for (int i = 0; i < COUNT; i++) {
      carries.merge(WORKLOAD.carries(i), 1, Integer::sum);
    }
    assertThat(share(carries, TextWorkload.Carries.SECRET)).isBetween(0.01, 0.03);
    assertThat(share(carries, TextWorkload.Carries.PERSONAL_DATA)).isBetween(0.08, 0.12);
  }

  @Test
  void theDefaultRedactorFindsExactlyWhatEachActionIsLabelledWith() {
    Redactor redactor = Redactor.withDefaults();
    List<String> wrong = new ArrayList<>();
    for (int i = 0; i < COUNT; i++) {
      Action a = WORKLOAD.action(i);
      TextWorkload.Carries found = classify(redactor.apply(a).getRedactionsList());
      if (found != WORKLOAD.carries(i)) {
        wrong.add(i + ": labelled " + WORKLOAD.carries(i) + ", found " + found + " in " + redactor.apply(a));
      }
    }
    assertThat(wrong).as(String.join("\n", wrong.subList(0, Math.min(10, wrong.size())))).isEmpty();
  }

  @Test
  void everyActionBecomesOneRecordThroughThePipelineWithRedaction() throws Exception {
    int count = 3_000;
    TextWorkload workload = TextWorkload.generate(count);
    String session;
    try (RecordingWriter w = RecordingWriter.start(dir.resolve("store"), Durability.DURABILITY_PROCESS_SAFE, count, null, true)) {
      ActionWriter.writeAll(w, workload);
      assertThat(w.acknowledged()).isEqualTo(count + 1L);
      session = w.sessionIdText();
    }
    List<Action> read;
    try (SessionReader r = SessionStore.open(dir.resolve("store")).reader(SessionId.parse(session))) {
      read = r.readAll();
    }
    assertThat(read).hasSize(count + 2);
    for (int i = 0; i < count; i++) {
      Action stored = read.get(i + 1);
      assertThat(stored.getKindCase()).as("action %d", i).isEqualTo(workload.action(i).getKindCase());
      assertThat(classify(stored.getRedactionsList())).as("action %d", i).isEqualTo(workload.carries(i));
    }
  }

  @Test
  void refusesAnEmptyWorkload() {
    assertThatThrownBy(() -> TextWorkload.generate(0)).hasMessageContaining("count");
  }

  private static TextWorkload.Carries classify(List<Redaction> redactions) {
    if (redactions.stream().anyMatch(r -> Detectors.byId(r.getRuleId()).secret())) {
      return TextWorkload.Carries.SECRET;
    }
    return redactions.isEmpty() ? TextWorkload.Carries.NOTHING : TextWorkload.Carries.PERSONAL_DATA;
  }

  private static <K> double share(Map<K, Integer> counts, K key) {
    return counts.getOrDefault(key, 0) / (double) COUNT;
  }
}
