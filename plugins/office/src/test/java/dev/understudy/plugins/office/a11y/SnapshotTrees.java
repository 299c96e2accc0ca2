package dev.understudy.plugins.office.a11y;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Reading snapshot JSON in tests. */
public final class SnapshotTrees {
  private static final ObjectMapper JSON = new ObjectMapper();

  private SnapshotTrees() {}

  /** The snapshot's root node. */
  public static JsonNode root(String snapshot) throws IOException {
    return JSON.readTree(snapshot).path("root");
  }

  /** The node count the snapshot states. */
  public static int count(String snapshot) throws IOException {
    return JSON.readTree(snapshot).path("nodes").asInt();
  }

  /** Every node under and including {@code root}, depth first. */
  public static List<JsonNode> nodes(JsonNode root) {
    List<JsonNode> all = new ArrayList<>();
    all.add(root);
    for (JsonNode c : root.path("children")) {
      all.addAll(nodes(c));
    }
    return all;
  }
}
