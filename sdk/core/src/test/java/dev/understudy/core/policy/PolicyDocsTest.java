package dev.understudy.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** The format reference and the JSON Schema describe exactly the keys the parser accepts. */
class PolicyDocsTest {

  private static final Path DOCS = Path.of("../../docs");

  @Test
  void schemaHasEveryKeyTheParserAcceptsAndNoOther() throws Exception {
    Object schema = new Load(LoadSettings.builder().build()).loadFromString(Files.readString(DOCS.resolve("policy.schema.json")));
    Set<String> keys = new TreeSet<>();
    collect((Map<?, ?>) schema, "", keys);
    assertThat(keys).isEqualTo(PolicyParser.acceptedKeys());
  }

  /** Walks "properties", following local "$ref"s, collecting dotted key paths. */
  private static void collect(Map<?, ?> node, String prefix, Set<String> keys) {
    Map<?, ?> props = (Map<?, ?>) node.get("properties");
    if (props == null) {
      return;
    }
    for (Map.Entry<?, ?> e : props.entrySet()) {
      String key = prefix + e.getKey();
      keys.add(key);
      collect((Map<?, ?>) e.getValue(), key + ".", keys);
    }
  }

  @Test
  void referenceNamesEveryKeyAndItsExampleIsAValidPolicy() throws Exception {
    String md = Files.readString(DOCS.resolve("policy.md"));
    for (String key : PolicyParser.acceptedKeys()) {
      assertThat(md).as("docs/policy.md names `%s`", key).contains("`" + key + "`");
    }
    String example = md.substring(md.indexOf("```yaml") + 7, md.indexOf("```", md.indexOf("```yaml") + 7));
    PrivacyPolicy p = PrivacyPolicy.parse(example, "docs/policy.md");
    assertThat(p.allowsUrl("https://wiki.example.org/x")).isTrue();
    assertThat(p.allowsUrl("https://intranet.example.org/hr/pay")).isFalse();
  }

  @Test
  void referenceListsEveryBuiltInRule() throws Exception {
    String md = Files.readString(DOCS.resolve("policy.md"));
    for (String rule : BuiltInRules.DENY_APPS) {
      assertThat(md).contains("`" + rule + "`");
    }
    for (String rule : BuiltInRules.DENY_TITLES) {
      assertThat(md).contains("`" + rule + "`");
    }
    for (String rule : BuiltInRules.DENY_PATHS) {
      assertThat(md).contains("`" + rule + "`");
    }
  }
}
