package dev.understudy.core.policy;

import dev.understudy.proto.v1.Capability;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Reads the YAML policy format (docs/policy.md) into a {@link PrivacyPolicy}, reporting the first
 * problem with its line and key. Works on the composed node tree, not on constructed Java objects,
 * so every value keeps its position and no YAML tag can instantiate anything. Stateless.
 */
final class PolicyParser {

  /** The keys of the four pattern lists. */
  static final Map<String, PatternKind> LISTS = Map.of(
      "apps", PatternKind.APP, "titles", PatternKind.TITLE, "urls", PatternKind.URL, "paths", PatternKind.PATH);

  /**
   * Every key the format accepts, as dotted paths: the reference docs/policy.md and the schema
   * docs/policy.schema.json are tested against this set.
   */
  static Set<String> acceptedKeys() {
    Set<String> keys = new TreeSet<>(List.of("version", "defaults", "retention", "capabilities"));
    for (String list : LISTS.keySet()) {
      keys.add(list);
      keys.add(list + ".allow");
      keys.add(list + ".deny");
    }
    for (Capability c : capabilities()) {
      keys.add("capabilities." + PrivacyPolicy.capabilityKey(c));
    }
    return keys;
  }

  private static List<Capability> capabilities() {
    List<Capability> list = new ArrayList<>();
    for (Capability c : Capability.values()) {
      if (c != Capability.CAPABILITY_UNSPECIFIED && c != Capability.UNRECOGNIZED) {
        list.add(c);
      }
    }
    return list;
  }

  private final String source;

  private PolicyParser(String source) {
    this.source = source;
  }

  static PrivacyPolicy parse(String yaml, String source) {
    return new PolicyParser(source).read(yaml);
  }

  private PrivacyPolicy read(String yaml) {
    LoadSettings settings = LoadSettings.builder().setLabel(source).setSchema(new CoreSchema())
        .setAllowDuplicateKeys(false).setMaxAliasesForCollections(10).setCodePointLimit(1 << 20).build();
    Optional<Node> root;
    try {
      root = new Compose(settings).composeString(yaml);
    } catch (MarkedYamlEngineException e) {
      int line = e.getProblemMark().map(m -> m.getLine() + 1).orElse(0);
      throw new PolicyException(source, line, "not valid YAML: " + e.getProblem());
    } catch (YamlEngineException e) {
      throw new PolicyException(source, 0, "not valid YAML: " + e.getMessage());
    }
    PrivacyPolicy.Builder builder = PrivacyPolicy.builder();
    if (root.isEmpty() || isNull(root.get())) {
      return builder.build();
    }
    Map<String, NodeTuple> top = mapping(root.get(), "the policy", Set.of(
        "version", "defaults", "retention", "capabilities", "apps", "titles", "urls", "paths"));
    if (top.containsKey("version")) {
      Node v = top.get("version").getValueNode();
      if (!(v instanceof ScalarNode) || !Tag.INT.equals(v.getTag())
          || !String.valueOf(PrivacyPolicy.FORMAT_VERSION).equals(((ScalarNode) v).getValue())) {
        throw error(v, "version", "expected " + PrivacyPolicy.FORMAT_VERSION + " (the only format version this runtime reads)");
      }
    }
    if (top.containsKey("defaults")) {
      builder.includeDefaults(bool(top.get("defaults").getValueNode(), "defaults"));
    }
    if (top.containsKey("retention")) {
      builder.retention(retention(top.get("retention").getValueNode()));
    }
    if (top.containsKey("capabilities")) {
      Map<String, Capability> byKey = new LinkedHashMap<>();
      capabilities().forEach(c -> byKey.put(PrivacyPolicy.capabilityKey(c), c));
      Node caps = top.get("capabilities").getValueNode();
      mapping(caps, "capabilities", byKey.keySet()).forEach((k, t) ->
          builder.capability(byKey.get(k), bool(t.getValueNode(), "capabilities." + k)));
    }
    for (Map.Entry<String, PatternKind> list : new TreeMap<>(LISTS).entrySet()) {
      NodeTuple t = top.get(list.getKey());
      if (t == null || isNull(t.getValueNode())) {
        continue;
      }
      Map<String, NodeTuple> m = mapping(t.getValueNode(), list.getKey(), Set.of("allow", "deny"));
      for (Map.Entry<String, NodeTuple> e : m.entrySet()) {
        String key = list.getKey() + "." + e.getKey();
        for (ScalarNode item : strings(e.getValue().getValueNode(), key)) {
          try {
            list.getValue().compile(item.getValue());
          } catch (RuntimeException bad) {
            throw error(item, key, "'" + item.getValue() + "': " + bad.getMessage());
          }
          if (e.getKey().equals("allow")) {
            addAllow(builder, list.getValue(), item.getValue());
          } else {
            addDeny(builder, list.getValue(), item.getValue());
          }
        }
      }
    }
    return builder.build();
  }

  private static void addAllow(PrivacyPolicy.Builder b, PatternKind kind, String p) {
    switch (kind) {
      case APP -> b.allowApps(p);
      case TITLE -> b.allowTitles(p);
      case URL -> b.allowUrls(p);
      case PATH -> b.allowPaths(p);
      default -> throw new IllegalStateException(kind.name());
    }
  }

  private static void addDeny(PrivacyPolicy.Builder b, PatternKind kind, String p) {
    switch (kind) {
      case APP -> b.denyApps(p);
      case TITLE -> b.denyTitles(p);
      case URL -> b.denyUrls(p);
      case PATH -> b.denyPaths(p);
      default -> throw new IllegalStateException(kind.name());
    }
  }

  private Map<String, NodeTuple> mapping(Node node, String key, Set<String> allowed) {
    if (!(node instanceof MappingNode)) {
      throw error(node, key, "expected a mapping of " + String.join(", ", new TreeSet<>(allowed)) + "; got " + describe(node));
    }
    Map<String, NodeTuple> out = new LinkedHashMap<>();
    Set<String> seen = new HashSet<>();
    for (NodeTuple t : ((MappingNode) node).getValue()) {
      Node k = t.getKeyNode();
      String name = k instanceof ScalarNode ? ((ScalarNode) k).getValue() : String.valueOf(k);
      String path = key.equals("the policy") ? name : key + "." + name;
      if (!allowed.contains(name)) {
        throw error(k, path, "unknown key; expected one of " + String.join(", ", new TreeSet<>(allowed)));
      }
      if (!seen.add(name)) {
        throw error(k, path, "appears twice");
      }
      checkTag(t.getValueNode(), path);
      out.put(name, t);
    }
    return out;
  }

  private List<ScalarNode> strings(Node node, String key) {
    if (isNull(node)) {
      return List.of();
    }
    if (!(node instanceof SequenceNode)) {
      throw error(node, key, "expected a list of patterns (e.g. [\"a\", \"b\"] or one '- item' a line); got " + describe(node));
    }
    List<ScalarNode> out = new ArrayList<>();
    for (Node item : ((SequenceNode) node).getValue()) {
      checkTag(item, key);
      if (!(item instanceof ScalarNode) || Tag.BOOL.equals(item.getTag()) || isNull(item)
          || ((ScalarNode) item).getValue().isEmpty()) {
        throw error(item, key, "expected a pattern (a non-empty string); got " + describe(item));
      }
      out.add((ScalarNode) item);
    }
    return out;
  }

  private boolean bool(Node node, String key) {
    if (!(node instanceof ScalarNode) || !Tag.BOOL.equals(node.getTag())) {
      throw error(node, key, "expected true or false; got " + describe(node));
    }
    return Boolean.parseBoolean(((ScalarNode) node).getValue().toLowerCase(java.util.Locale.ROOT));
  }

  private Duration retention(Node node) {
    if (!(node instanceof ScalarNode) || isNull(node) || Tag.BOOL.equals(node.getTag())) {
      throw error(node, "retention", "expected a duration such as 30d, 12h or 2w, or 'forever'; got " + describe(node));
    }
    String v = ((ScalarNode) node).getValue();
    if (v.equalsIgnoreCase("forever")) {
      return null;
    }
    try {
      return DurationText.parse(v);
    } catch (IllegalArgumentException e) {
      throw error(node, "retention", e.getMessage() + ", or 'forever'");
    }
  }

  private static final Set<Tag> PLAIN_TAGS = Set.of(Tag.MAP, Tag.SEQ, Tag.STR, Tag.BOOL, Tag.INT, Tag.FLOAT, Tag.NULL);

  /** Refuses explicit YAML tags ({@code !!java.util...}): a policy is plain data. */
  private void checkTag(Node node, String key) {
    if (!PLAIN_TAGS.contains(node.getTag())) {
      throw error(node, key, "YAML tags such as '" + node.getTag().getValue() + "' are not allowed in a policy");
    }
  }

  private static boolean isNull(Node node) {
    return node instanceof ScalarNode && Tag.NULL.equals(node.getTag());
  }

  private static String describe(Node node) {
    if (node instanceof MappingNode) {
      return "a mapping";
    }
    if (node instanceof SequenceNode) {
      return "a list";
    }
    if (isNull(node)) {
      return "nothing";
    }
    ScalarNode s = (ScalarNode) node;
    String kind = Tag.BOOL.equals(s.getTag()) ? "boolean" : Tag.INT.equals(s.getTag()) || Tag.FLOAT.equals(s.getTag()) ? "number" : "text";
    return kind + " '" + s.getValue() + "'";
  }

  private PolicyException error(Node node, String key, String message) {
    int line = node.getStartMark().map(Mark::getLine).map(l -> l + 1).orElse(0);
    return new PolicyException(source, line, "key '" + key + "': " + message);
  }
}
