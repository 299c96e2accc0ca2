package dev.understudy.core.privacy.redact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.Locator;
import dev.understudy.proto.v1.Navigate;
import dev.understudy.proto.v1.Observation;
import dev.understudy.proto.v1.Redaction;
import dev.understudy.proto.v1.ReplacementKind;
import dev.understudy.proto.v1.Source;
import dev.understudy.proto.v1.Target;
import dev.understudy.proto.v1.ValueChange;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RedactorTest {

  private static final String CANARY = "canary.person@example.org";
  private static final String AWS = "AKIAQ7RT2ZK4M9XW3B5N";

  private final Redactor redactor = Redactor.withDefaults();

  @Test
  void scansTheFieldsTheSchemaMarksSensitiveAndNoOthers() {
    List<String> fields = Redactor.scannedFields();
    assertThat(fields).contains("source.window_title", "source.document", "target.name",
        "target.locators[].label", "target.locators[].css", "target.locators[].text_location.uri",
        "target.context[].name", "invoke.arguments[].value", "invoke.menu_path[]", "text_edit.text",
        "value_change.value", "navigate.url", "window_switch.to.title", "observation.data",
        "session_start.host", "gap.detail", "attributes[].value");
    assertThat(fields).doesNotContain("source.app_id", "target.role", "target.locators[].test_id",
        "target.locators[].command_url", "invoke.command", "attributes[].key", "redactions[].field_path");
  }

  @Test
  void redactsEverySensitiveFieldAndLeavesEveryOtherFieldAlone() {
    // Fill every string and bytes field reachable from Action with a canary, once per oneof member,
    // and compare field by field: the descriptor decides, not a list kept in the test.
    for (int choice = 0; choice < 20; choice++) {
      Action.Builder b = Action.newBuilder();
      fill(b, choice, 0);
      Action in = b.build();
      Action out = redactor.apply(in);
      Set<String> expectedPaths = new HashSet<>();
      compare(in, out, "", expectedPaths);
      Set<String> recorded = new HashSet<>();
      for (Redaction r : out.getRedactionsList()) {
        assertThat(r.getRuleId()).isEqualTo("email");
        recorded.add(r.getFieldPath());
      }
      assertThat(recorded).isEqualTo(expectedPaths);
    }
  }

  /** Sets every string, bytes and message field, and the choice-th member of each oneof. */
  static void fill(Message.Builder b, int choice, int depth) {
    Descriptor type = b.getDescriptorForType();
    for (FieldDescriptor f : type.getFields()) {
      if (f.getRealContainingOneof() != null) {
        List<FieldDescriptor> members = f.getRealContainingOneof().getFields();
        if (members.get(choice % members.size()) != f) {
          continue;
        }
      }
      Object value;
      switch (f.getJavaType()) {
        case STRING:
          value = "x " + CANARY + " y";
          break;
        case BYTE_STRING:
          value = ByteString.copyFromUtf8("x " + CANARY + " y");
          break;
        case MESSAGE:
          if (depth > 6 || f.getMessageType() == Redaction.getDescriptor()) {
            continue;
          }
          Message.Builder child = b.newBuilderForField(f);
          fill(child, choice, depth + 1);
          value = child.build();
          break;
        default:
          continue;
      }
      if (f.isRepeated()) {
        b.addRepeatedField(f, value);
        b.addRepeatedField(f, value);
      } else {
        b.setField(f, value);
      }
    }
  }

  private static void compare(Message in, Message out, String prefix, Set<String> sensitivePaths) {
    for (Map.Entry<FieldDescriptor, Object> e : in.getAllFields().entrySet()) {
      FieldDescriptor f = e.getKey();
      if (f.getName().equals("redactions")) {
        continue;
      }
      int n = f.isRepeated() ? in.getRepeatedFieldCount(f) : 1;
      for (int i = 0; i < n; i++) {
        String path = prefix + f.getName() + (f.isRepeated() ? "[" + i + "]" : "");
        Object a = f.isRepeated() ? in.getRepeatedField(f, i) : in.getField(f);
        Object b = f.isRepeated() ? out.getRepeatedField(f, i) : out.getField(f);
        if (a instanceof Message) {
          compare((Message) a, (Message) b, path + ".", sensitivePaths);
        } else if (FieldPlan.isSensitiveText(f)) {
          String text = b instanceof ByteString ? ((ByteString) b).toStringUtf8() : (String) b;
          assertThat(text).as(path).doesNotContain(CANARY).matches("x <EMAIL:[0-9a-f]{8}> y");
          sensitivePaths.add(path);
        } else {
          assertThat(b).as(path).isEqualTo(a);
        }
      }
    }
  }

  @Test
  void recordsEachRedactionWithFieldPathRuleVersionKindAndCount() {
    Action in = Action.newBuilder()
        .setTarget(Target.newBuilder().setRole("textbox")
            .addLocators(Locator.newBuilder().setTestId("email-field"))
            .addLocators(Locator.newBuilder().setCss("input[value='" + CANARY + "']")))
        .setValueChange(ValueChange.newBuilder()
            .setValue("to a@example.com and b@example.com, key " + AWS))
        .addRedactions(Redaction.newBuilder().setFieldPath("value_change.previous_value").setRuleId("secure-field"))
        .build();
    Action out = redactor.apply(in);
    assertThat(out.getRedactionsList()).extracting(Redaction::getFieldPath, Redaction::getRuleId,
            Redaction::getRuleVersion, Redaction::getReplacement, Redaction::getCount)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("value_change.previous_value", "secure-field", 0,
                ReplacementKind.REPLACEMENT_KIND_UNSPECIFIED, 0),
            org.assertj.core.groups.Tuple.tuple("target.locators[1].css", "email", 1,
                ReplacementKind.REPLACEMENT_KIND_PSEUDONYM, 1),
            org.assertj.core.groups.Tuple.tuple("value_change.value", "aws-access-key-id", 1,
                ReplacementKind.REPLACEMENT_KIND_MASKED, 1),
            org.assertj.core.groups.Tuple.tuple("value_change.value", "email", 1,
                ReplacementKind.REPLACEMENT_KIND_PSEUDONYM, 2));
    assertThat(out.getValueChange().getValue())
        .matches("to <EMAIL:[0-9a-f]{8}> and <EMAIL:[0-9a-f]{8}>, key <AWS_KEY:[0-9a-f]{8}>");
    assertThat(out.getTarget().getLocators(0)).isEqualTo(in.getTarget().getLocators(0));
  }

  @Test
  void returnsTheSameInstanceWhenNothingMatches() {
    Action in = Action.newBuilder()
        .setSource(Source.newBuilder().setAppId("writer").setWindowTitle("Quarterly report - LibreOffice Writer"))
        .setNavigate(Navigate.newBuilder().setUrl("https://example.com/docs?page=2"))
        .build();
    assertThat(redactor.apply(in)).isSameAs(in);
    assertThat(redactor.apply(Action.getDefaultInstance())).isSameAs(Action.getDefaultInstance());
  }

  @Test
  void theSameValueGetsTheSameTokenWithinASessionAndAnotherInTheNext() {
    String first = redactor.redactText("Mail Anna.Schmidt@Example.org");
    String second = redactor.redactText("cc anna.schmidt@example.org");
    String token = first.substring(first.indexOf('<'));
    assertThat(token).matches("<EMAIL:[0-9a-f]{8}>");
    assertThat(second).isEqualTo("cc " + token);
    assertThat(redactor.redactText("other@example.org")).isNotEqualTo(token);
    assertThat(Redactor.withDefaults().redactText("anna.schmidt@example.org")).isNotEqualTo(token);
  }

  @Test
  void aDeploymentKeyMakesTokensAgreeAcrossSessions(@TempDir Path dir) throws Exception {
    byte[] key = new byte[32];
    for (int i = 0; i < key.length; i++) {
      key[i] = (byte) (i * 7);
    }
    Path file = dir.resolve("pseudonym.key");
    Files.writeString(file, HexFormat.of().formatHex(key) + "\n");
    Redactor a = Redactor.builder().deploymentKeyFile(file).build();
    Redactor b = Redactor.builder().deploymentKeyEnvironment("UNDERSTUDY_PSEUDONYM_KEY")
        .environment(name -> name.equals("UNDERSTUDY_PSEUDONYM_KEY")
            ? java.util.Base64.getEncoder().encodeToString(key) : null)
        .build();
    assertThat(a.usesDeploymentKey()).isTrue();
    assertThat(Redactor.withDefaults().usesDeploymentKey()).isFalse();
    assertThat(a.redactText(CANARY)).isEqualTo(b.redactText(CANARY)).isEqualTo(a.redactText(CANARY.toUpperCase()));
    // The token is the documented HMAC, so another tool holding the key can compute it too.
    javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
    mac.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA256"));
    String hex = HexFormat.of().formatHex(mac.doFinal(("EMAIL:" + CANARY).getBytes(StandardCharsets.UTF_8)));
    assertThat(a.redactText(CANARY)).isEqualTo("<EMAIL:" + hex.substring(0, 8) + ">");
  }

  @Test
  void refusesAMissingShortOrMalformedKeyNamingTheSettingAndNeverTheKey(@TempDir Path dir) throws Exception {
    Path shortKey = dir.resolve("short.key");
    Files.writeString(shortKey, "00112233445566778899");
    assertThatThrownBy(() -> Redactor.builder().deploymentKeyFile(shortKey).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("deploymentKeyFile").hasMessageContaining("10 bytes")
        .hasMessageNotContaining("00112233");
    assertThatThrownBy(() -> Redactor.builder().deploymentKeyFile(dir.resolve("absent.key")).build())
        .hasMessageContaining("deploymentKeyFile").hasMessageContaining("absent.key");
    Path garbage = dir.resolve("garbage.key");
    Files.writeString(garbage, "not a key at all!");
    assertThatThrownBy(() -> Redactor.builder().deploymentKeyFile(garbage).build())
        .hasMessageContaining("neither hex nor base64").hasMessageNotContaining("not a key");
    assertThatThrownBy(() -> Redactor.builder().deploymentKeyEnvironment("NOPE").environment(n -> null).build())
        .hasMessageContaining("deploymentKeyEnvironment").hasMessageContaining("NOPE");
  }

  @Test
  void detectorsCanBeTurnedOffAndUnknownIdsAreRefused() {
    Redactor noEmail = Redactor.builder().disable("email").build();
    assertThat(noEmail.redactText(CANARY)).isEqualTo(CANARY);
    assertThat(noEmail.redactText(AWS)).startsWith("<AWS_KEY:");
    Redactor onlyCards = Redactor.builder().only("payment-card").build();
    assertThat(onlyCards.detectors()).extracting(Detector::id).containsExactly("payment-card");
    assertThat(Redactor.builder().disable("email").enable("email").build().detectors())
        .isEqualTo(Detectors.defaults());
    assertThatThrownBy(() -> Redactor.builder().disable("e-mail"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("detectorId").hasMessageContaining("e-mail");
  }

  @Test
  void scansTextCarriedAsBytesAndLeavesBinaryContentAlone() {
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13};
    Action binary = Action.newBuilder().setObservation(Observation.newBuilder().setData(ByteString.copyFrom(png))).build();
    assertThat(redactor.apply(binary)).isSameAs(binary);
    Action text = Action.newBuilder().setObservation(Observation.newBuilder()
        .setData(ByteString.copyFromUtf8("{\"mail\":\"" + CANARY + "\"}"))).build();
    Action out = redactor.apply(text);
    assertThat(out.getObservation().getData().toStringUtf8()).matches("\\{\"mail\":\"<EMAIL:[0-9a-f]{8}>\"}");
    assertThat(out.getRedactions(0).getFieldPath()).isEqualTo("observation.data");
  }

  @Test
  void validatorsApplyChecksumsAndNumberRules() {
    assertThat(Checks.luhn("4111111111111111")).isTrue();
    assertThat(Checks.luhn("4111111111111112")).isFalse();
    assertThat(Checks.iban("GB82 WEST 1234 5698 7654 32", 0, 27)).isTrue();
    assertThat(Checks.iban("GB82 WEST 1234 5698 7654 33", 0, 27)).isFalse();
    assertThat(Checks.ssn("536-22-1847", 0, 11)).isTrue();
    assertThat(List.of("000-12-3456", "666-12-3456", "912-34-5678", "123-00-4567", "123-45-0000", "536-22 1847"))
        .allSatisfy(s -> assertThat(Checks.ssn(s, 0, s.length())).as(s).isFalse());
    assertThat(Checks.ipv6("2001:db8::1", 0, 11)).isTrue();
    assertThat(List.of("12:30:45", "cafe::beef", "::1", "1:2:3:4:5:6:7:8:9", "2001::db8::1"))
        .allSatisfy(s -> assertThat(Checks.ipv6(s, 0, s.length())).as(s).isFalse());
    List<String> tokens = new ArrayList<>(List.of("AbstractSingletonProxyFactoryBean2x", "550e8400-e29b-41d4-a716-446655440000",
        "9fceb02d0ae598e95dc970b74767f19372d61af8", "my-very-long-feature-branch-name-2024"));
    assertThat(tokens).allSatisfy(s -> assertThat(Checks.highEntropy(s, 0, s.length())).as(s).isFalse());
    String random = "q7Lr2ZxP9dKf3WmB8tYc1NvH";
    assertThat(Checks.highEntropy(random, 0, random.length())).isTrue();
  }
}
