package dev.understudy.core.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.util.JsonFormat;
import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.Invoke;
import dev.understudy.proto.v1.InvokeMethod;
import dev.understudy.proto.v1.Locator;
import dev.understudy.proto.v1.Observation;
import dev.understudy.proto.v1.Source;
import dev.understudy.proto.v1.Target;
import dev.understudy.proto.v1.ValueChange;
import org.junit.jupiter.api.Test;

class JsonLinesTest {

  private static final byte[] ID = {0x01, (byte) 0x93, 0x4a, 0x00, 0x00, 0x00, 0x70, 0x01, (byte) 0x80, 0, 0, 0, 0, 0, 0, 0x2a};

  @Test
  void writesSchemaFieldNamesUuidIdsAndReadableTime() {
    Action action = Action.newBuilder()
        .setId(ByteString.copyFrom(ID))
        .setSeq(3)
        .setTimeUnixNano(1_700_000_000_123_456_789L)
        .setSource(Source.newBuilder().setAppId("chromium").setWindowTitle("Login — \"Example\""))
        .setTarget(Target.newBuilder().setRole("button").setName("Submit")
            .addLocators(Locator.newBuilder().setCss("#login > button").setMatchCount(1)))
        .setInvoke(Invoke.newBuilder().setMethod(InvokeMethod.INVOKE_METHOD_CLICK))
        .build();

    String line = JsonLines.toLine(action);

    assertThat(line).startsWith("{\"kind\":\"invoke\",\"time\":\"2023-11-14T22:13:20.123456789Z\",");
    assertThat(line).contains("\"id\":\"01934a00-0000-7001-8000-00000000002a\"");
    assertThat(line).contains("\"seq\":3");
    assertThat(line).contains("\"time_unix_nano\":1700000000123456789");
    assertThat(line).contains("\"window_title\":\"Login — \\\"Example\\\"\"");
    assertThat(line).contains("\"locators\":[{\"css\":\"#login > button\",\"match_count\":1}]");
    assertThat(line).contains("\"method\":\"INVOKE_METHOD_CLICK\"");
    assertThat(line).doesNotContain("\n");
  }

  @Test
  void escapesControlCharactersAndWritesOtherBytesAsBase64() {
    Action action = Action.newBuilder()
        .setValueChange(ValueChange.newBuilder().setValue("a\nb\u0001"))
        .build();
    assertThat(JsonLines.toLine(action)).contains("\"value\":\"a\\nb\\u0001\"");

    Action shot = Action.newBuilder()
        .setObservation(Observation.newBuilder().setData(ByteString.copyFrom(new byte[] {1, 2, 3})))
        .build();
    assertThat(JsonLines.toLine(shot)).contains("\"data\":\"AQID\"");
  }

  @Test
  void everyLineIsValidJsonThatProtobufCanReadBack() throws Exception {
    Action action = Action.newBuilder()
        .setSeq(9)
        .setTarget(Target.newBuilder().setRole("textbox").setName("Body \\ \"quoted\""))
        .setValueChange(ValueChange.newBuilder().setValue("tab\there"))
        .build();
    String line = JsonLines.toLine(action).replaceFirst("\\{\"kind\":\"value_change\",", "{");
    Action.Builder parsed = Action.newBuilder();
    JsonFormat.parser().ignoringUnknownFields().merge(line, parsed);
    assertThat(parsed.build()).isEqualTo(action);
  }
}
