package dev.understudy.plugins.office.a11y;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TreeWalkTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A node of a made-up tree. */
  record Fake(String role, String name, List<String> states, List<Fake> children) {
    static Fake of(String role, String name, Fake... children) {
      return new Fake(role, name, List.of("showing"), List.of(children));
    }
  }

  /** Reads {@link Fake} nodes; {@code "gone"} nodes throw like a vanished object. */
  static class FakeSource implements TreeSource<Fake> {
    int reads;

    @Override
    public String role(Fake node) {
      reads++;
      if (node.name().equals("gone")) {
        throw new IllegalStateException("disposed");
      }
      return node.role();
    }

    @Override
    public String name(Fake node) {
      return node.name();
    }

    @Override
    public List<String> states(Fake node) {
      return node.states();
    }

    @Override
    public Optional<int[]> bounds(Fake node) {
      return Optional.of(new int[] {1, 2, 3, 4});
    }

    @Override
    public List<Fake> children(Fake node, int max) {
      return node.children().subList(0, Math.min(max, node.children().size()));
    }
  }

  @Test
  void keepsRolesNamesStatesAndBoundsButNoPasswordNameNoDocumentContentNoHiddenAndNoVanishedNode() throws Exception {
    Fake window = new Fake("FRAME", "report.odt - LibreOffice Writer", List.of("enabled", "focused", "showing"), List.of(
        Fake.of("push button", "Bold"),
        Fake.of("password text", "hunter2"),
        Fake.of("document text", "", Fake.of("paragraph", "Zebrafish")),
        Fake.of("label", "gone"),
        new Fake("menu item", "Hidden entry", List.of("focusable"), List.of())));

    TreeWalk.Result r = TreeWalk.of(new FakeSource(), window, Long.MAX_VALUE / 4, System::nanoTime);

    assertThat(r.rootName()).isEqualTo("report.odt - LibreOffice Writer");
    assertThat(r.truncated()).isFalse();
    JsonNode json = JSON.readTree(r.json());
    JsonNode root = json.path("root");
    assertThat(root.path("role").asText()).isEqualTo("frame");
    assertThat(root.path("states").toString()).isEqualTo("[\"focused\"]");
    assertThat(root.path("bounds").toString()).isEqualTo("[1,2,3,4]");
    assertThat(root.path("children")).hasSize(3);
    assertThat(root.path("children").get(0).path("name").asText()).isEqualTo("Bold");
    assertThat(root.path("children").get(1).path("role").asText()).isEqualTo("password text");
    assertThat(root.path("children").get(1).has("name")).isFalse();
    assertThat(root.path("children").get(2).has("children")).isFalse();
    assertThat(r.json()).doesNotContain("hunter2").doesNotContain("Zebrafish").doesNotContain("Hidden entry");
  }

  @Test
  void stopsAtTheNodeCapAndSaysTheTreeWasCut() throws Exception {
    List<Fake> many = new ArrayList<>();
    for (int i = 0; i < 150; i++) {
      many.add(Fake.of("panel", "p" + i, Fake.of("push button", "a"), Fake.of("push button", "b"), Fake.of("label", "c")));
    }
    Fake root = new Fake("frame", "big", List.of(), many);
    FakeSource source = new FakeSource();

    TreeWalk.Result r = TreeWalk.of(source, root, Long.MAX_VALUE / 4, System::nanoTime);

    assertThat(r.nodes()).isEqualTo(TreeWalk.MAX_NODES);
    assertThat(r.truncated()).isTrue();
    assertThat(JSON.readTree(r.json()).path("truncated").asBoolean()).isTrue();
    assertThat(source.reads).isEqualTo(TreeWalk.MAX_NODES);
  }

  @Test
  void stopsWhenTheTimeBudgetIsSpent() throws Exception {
    AtomicLong now = new AtomicLong();
    FakeSource slow = new FakeSource() {
      @Override
      public String role(Fake node) {
        now.addAndGet(10);
        return super.role(node);
      }
    };
    List<Fake> many = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      many.add(Fake.of("label", "l" + i));
    }

    TreeWalk.Result r = TreeWalk.of(slow, new Fake("frame", "f", List.of(), many), 100, now::get);

    assertThat(r.truncated()).isTrue();
    assertThat(r.nodes()).isBetween(2, 12);
  }
}
