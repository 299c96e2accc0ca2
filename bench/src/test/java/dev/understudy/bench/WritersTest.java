package dev.understudy.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.understudy.core.store.SessionId;
import dev.understudy.core.store.SessionReader;
import dev.understudy.core.store.SessionStore;
import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.Durability;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Each writer the benchmarks drive stores every workload action readably, with the same information. */
class WritersTest {

  /** Not a multiple of the commit group, so the last partial group is exercised. */
  static final int ACTIONS = 2 * ActionWriter.GROUP + 300;
  static final Workload WORKLOAD = Workload.generate(ACTIONS);

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(value = Durability.class, names = {"DURABILITY_PROCESS_SAFE", "DURABILITY_POWER_SAFE"})
  void recordingStoresEveryActionBetweenTheSessionRecords(Durability durability) throws Exception {
    String session;
    try (RecordingWriter w = (RecordingWriter) Writers.open(Writers.UNDERSTUDY, dir, durability, ACTIONS)) {
      ActionWriter.writeAll(w, WORKLOAD);
      assertThat(w.acknowledged()).isEqualTo(ACTIONS + 1L);
      assertThat(w.adapterStats().dropped()).isZero();
      session = w.sessionIdText();
    }
    List<Action> read = readSession(session);
    assertThat(read).hasSize(ACTIONS + 2);
    assertThat(read.get(0).hasSessionStart()).isTrue();
    assertThat(read.get(ACTIONS + 1).hasSessionEnd()).isTrue();
    for (int i = 0; i < ACTIONS; i++) {
      assertSameInformation(read.get(i + 1), WORKLOAD.action(i), i + 2);
    }
  }

  @ParameterizedTest
  @EnumSource(value = Durability.class, names = {"DURABILITY_PROCESS_SAFE", "DURABILITY_POWER_SAFE"})
  void storeAloneStoresEveryAction(Durability durability) throws Exception {
    String session;
    try (StoreWriter w = (StoreWriter) Writers.open(Writers.STORE, dir, durability, 1)) {
      ActionWriter.writeAll(w, WORKLOAD);
      session = w.sessionIdText();
    }
    List<Action> read = readSession(session);
    assertThat(read).hasSize(ACTIONS);
    for (int i = 0; i < ACTIONS; i++) {
      assertSameInformation(read.get(i), WORKLOAD.action(i), i + 1);
    }
  }

  @ParameterizedTest
  @EnumSource(value = Durability.class, names = {"DURABILITY_PROCESS_SAFE", "DURABILITY_POWER_SAFE"})
  void jsonLinesHoldOneObjectPerActionWithTheSameFields(Durability durability) throws Exception {
    try (ActionWriter w = Writers.open(Writers.JSONL, dir, durability, 1)) {
      ActionWriter.writeAll(w, WORKLOAD);
    }
    List<String> lines = Files.readAllLines(dir.resolve("actions.jsonl"), StandardCharsets.UTF_8);
    assertThat(lines).hasSize(ACTIONS);
    ObjectMapper mapper = new ObjectMapper();
    for (int i = 0; i < ACTIONS; i++) {
      JsonNode json = mapper.readTree(lines.get(i));
      Action a = WORKLOAD.action(i);
      assertThat(json.get("seq").asLong()).isEqualTo(i + 1);
      assertThat(json.get("id").asText()).hasSize(36);
      assertThat(json.get("session_id").asText()).hasSize(36);
      assertThat(json.get("time_unix_nano").asLong()).isPositive();
      assertThat(json.at("/source/app_id").asText()).isEqualTo(a.getSource().getAppId());
      assertThat(json.at("/source/window_title").asText()).isEqualTo(a.getSource().getWindowTitle());
      assertThat(json.at("/source/adapter_id").asText()).isEqualTo(CapturingAdapter.NAME);
      assertThat(json.at("/target/role").asText()).isEqualTo(a.getTarget().getRole());
      assertThat(json.at("/target/name").asText()).isEqualTo(a.getTarget().getName());
      assertThat(json.at("/target/locators/0/test_id").asText()).isEqualTo(a.getTarget().getLocators(0).getTestId());
      assertThat(json.at("/target/locators/1/css").asText()).isEqualTo(a.getTarget().getLocators(1).getCss());
      assertThat(json.at("/target/locators/1/match_count").asInt()).isEqualTo(1);
      assertThat(json.at("/target/context/0/name").asText()).isEqualTo(a.getTarget().getContext(0).getName());
      assertThat(json.has(ActionJson.kindName(a))).isTrue();
    }
    int firstClick = firstIndexOf(Workload.Kind.CLICK);
    assertThat(mapper.readTree(lines.get(firstClick)).at("/invoke/method").asText()).isEqualTo("INVOKE_METHOD_CLICK");
    int firstTyping = firstIndexOf(Workload.Kind.TYPING);
    assertThat(mapper.readTree(lines.get(firstTyping)).at("/value_change/value").asText())
        .isEqualTo(WORKLOAD.action(firstTyping).getValueChange().getValue());
  }

  @ParameterizedTest
  @EnumSource(value = Durability.class, names = {"DURABILITY_PROCESS_SAFE", "DURABILITY_POWER_SAFE"})
  void sqliteHoldsOneRowPerActionInWalMode(Durability durability) throws Exception {
    try (ActionWriter w = Writers.open(Writers.SQLITE, dir, durability, 1)) {
      ActionWriter.writeAll(w, WORKLOAD);
    }
    Map<String, Integer> expected = new HashMap<>();
    for (int i = 0; i < ACTIONS; i++) {
      expected.merge(ActionJson.kindName(WORKLOAD.action(i)), 1, Integer::sum);
    }
    ObjectMapper mapper = new ObjectMapper();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("actions.db"));
        Statement s = c.createStatement()) {
      try (ResultSet r = s.executeQuery("PRAGMA journal_mode")) {
        assertThat(r.getString(1)).isEqualTo("wal");
      }
      Map<String, Integer> kinds = new HashMap<>();
      try (ResultSet r = s.executeQuery("SELECT kind, count(*), count(DISTINCT seq) FROM actions GROUP BY kind")) {
        while (r.next()) {
          kinds.put(r.getString(1), r.getInt(2));
          assertThat(r.getInt(3)).isEqualTo(r.getInt(2));
        }
      }
      assertThat(kinds).isEqualTo(expected);
      try (ResultSet r = s.executeQuery("SELECT seq, app_id, window_title, target_role, target_name, payload"
          + " FROM actions ORDER BY seq LIMIT 1")) {
        Action a = WORKLOAD.action(0);
        assertThat(r.getLong(1)).isEqualTo(1);
        assertThat(r.getString(2)).isEqualTo(a.getSource().getAppId());
        assertThat(r.getString(3)).isEqualTo(a.getSource().getWindowTitle());
        assertThat(r.getString(4)).isEqualTo(a.getTarget().getRole());
        assertThat(r.getString(5)).isEqualTo(a.getTarget().getName());
        JsonNode payload = mapper.readTree(r.getString(6));
        assertThat(payload.at("/target/locators/0/test_id").asText()).isEqualTo(a.getTarget().getLocators(0).getTestId());
        assertThat(payload.has(ActionJson.kindName(a))).isTrue();
        assertThat(payload.has("id")).isFalse();
        assertThat(payload.at("/target/role").isMissingNode()).isTrue();
      }
    }
  }

  private List<Action> readSession(String session) throws Exception {
    try (SessionReader r = SessionStore.open(dir.resolve("store")).reader(SessionId.parse(session))) {
      return r.readAll();
    }
  }

  private static void assertSameInformation(Action stored, Action emitted, long seq) {
    assertThat(stored.getSeq()).isEqualTo(seq);
    assertThat(stored.getId().size()).isEqualTo(16);
    assertThat(stored.getTimeUnixNano()).isPositive();
    assertThat(stored.getTarget()).isEqualTo(emitted.getTarget());
    assertThat(stored.getKindCase()).isEqualTo(emitted.getKindCase());
    assertThat(stored.getSource().getAdapterId()).isEqualTo(CapturingAdapter.NAME);
    assertThat(stored.getSource().toBuilder().clearAdapterId().clearAdapterVersion().build())
        .isEqualTo(emitted.getSource());
    Action rest = stored.toBuilder().clearId().clearSessionId().clearSeq().clearTimeUnixNano().clearSource().build();
    assertThat(rest).isEqualTo(emitted.toBuilder().clearSource().build());
  }

  private static int firstIndexOf(Workload.Kind kind) {
    int i = 0;
    while (WORKLOAD.kind(i) != kind) {
      i++;
    }
    return i;
  }
}
