package dev.understudy.plugins.browser.nativehost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The host's protocol: hello first, status answers, pause and resume, and every kind of bad input. */
class NativeHostTest {
  private static final String HELLO = "{\"type\":\"hello\",\"protocol\":1,\"extension\":\"0.1.0\"}";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<String> delivered = new ArrayList<>();
  private final List<ExtensionTab> tabs = new ArrayList<>();
  private final ByteArrayOutputStream toBrowser = new ByteArrayOutputStream();
  private final PauseSwitch pauseSwitch = PauseSwitch.remembering();

  private NativeHost host(Frames input) {
    return NativeHost.builder(new ByteArrayInputStream(input.bytes()), toBrowser, (json, tab) -> {
      delivered.add(json);
      tabs.add(tab);
    }).byteOrder(ByteOrder.LITTLE_ENDIAN).pauseSwitch(pauseSwitch).session("s-1").hostVersion("understudy test")
        .recorderOptions(Map.of("textContent", false)).maxMessageBytes(4096).build();
  }

  private List<JsonNode> replies() {
    return Frames.parse(toBrowser.toByteArray()).stream().map(t -> {
      try {
        return JSON.readTree(t);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }).toList();
  }

  private static String recorder(String message) {
    return "{\"type\":\"recorder\",\"tab\":3,\"frame\":0,\"message\":" + message + "}";
  }

  @Test
  void answersHelloWithStatusAndHandsRecorderMessagesToTheSink() throws IOException {
    NativeHost host = host(new Frames().json(HELLO).json(recorder("{\"kind\":\"click\",\"n\":1}"))
        .json(recorder("\"{\\\"kind\\\":\\\"input\\\"}\"")));
    assertThat(host.run()).isEqualTo(NativeHost.Ending.PORT_CLOSED);

    assertThat(delivered).containsExactly("{\"kind\":\"click\",\"n\":1}", "{\"kind\":\"input\"}");
    JsonNode status = replies().get(0);
    assertThat(status.get("type").asText()).isEqualTo("status");
    assertThat(status.get("protocol").asInt()).isEqualTo(1);
    assertThat(status.get("recording").asBoolean()).isTrue();
    assertThat(status.get("paused").asBoolean()).isFalse();
    assertThat(status.get("session").asText()).isEqualTo("s-1");
    assertThat(status.get("host").asText()).isEqualTo("understudy test");
    assertThat(status.get("options").toString()).isEqualTo("{\"textContent\":false}");
    assertThat(replies()).hasSize(1); // recorder messages are not acknowledged one by one
    assertThat(host.recorderMessages()).isEqualTo(2);
    assertThat(host.errorCount()).isZero();
  }

  @Test
  void passesTheTabTheBackgroundNamed() throws IOException {
    host(new Frames().json(HELLO)
        .json("{\"type\":\"recorder\",\"tab\":7,\"frame\":2,\"tabTitle\":\"Shop\",\"tabUrl\":\"https://shop.example/\",\"message\":{}}")
        .json("{\"type\":\"recorder\",\"tab\":8,\"message\":{}}")
        .json("{\"type\":\"recorder\",\"tab\":\"nine\",\"tabTitle\":\"x\",\"message\":{}}")
        .json("{\"type\":\"recorder\",\"tab\":1.5,\"message\":{}}")).run();
    assertThat(tabs).containsExactly(new ExtensionTab(7, "Shop", "https://shop.example/"), new ExtensionTab(8, "", ""), null, null);
  }

  @Test
  void pauseWithholdsRecorderMessagesUntilResume() throws IOException {
    NativeHost host = host(new Frames().json(HELLO).json(recorder("{\"n\":1}")).json("{\"type\":\"pause\"}")
        .json(recorder("{\"n\":2}")).json("{\"type\":\"resume\"}").json(recorder("{\"n\":3}")));
    host.run();

    assertThat(delivered).containsExactly("{\"n\":1}", "{\"n\":3}");
    assertThat(host.withheld()).isEqualTo(1);
    assertThat(replies()).extracting(r -> r.get("paused").asBoolean()).containsExactly(false, true, false);
    assertThat(pauseSwitch.paused()).isFalse();
  }

  @Test
  void pauseActsOnTheSwitchAndStatusReportsIt() throws IOException {
    host(new Frames().json(HELLO).json("{\"type\":\"pause\"}").json("{\"type\":\"status\"}")).run();
    assertThat(pauseSwitch.paused()).isTrue();
    assertThat(replies()).extracting(r -> r.get("type").asText() + ":" + r.get("paused").asBoolean())
        .containsExactly("status:false", "status:true", "status:true");
  }

  @Test
  void rejectsRecorderAndPauseBeforeHelloAndASecondHello() throws IOException {
    NativeHost host = host(new Frames().json(recorder("{\"n\":0}")).json("{\"type\":\"pause\"}").json(HELLO).json(HELLO)
        .json(recorder("{\"n\":1}")));
    host.run();

    assertThat(delivered).containsExactly("{\"n\":1}");
    assertThat(pauseSwitch.paused()).isFalse();
    assertThat(host.errors()).contains(entry(HostError.OUT_OF_ORDER, 3L));
    assertThat(replies()).extracting(r -> r.get("type").asText() + ":" + r.path("reason").asText())
        .containsExactly("error:out-of-order", "error:out-of-order", "status:", "error:out-of-order");
  }

  @Test
  void rejectsAHelloWithAnotherProtocol() throws IOException {
    NativeHost host = host(new Frames().json("{\"type\":\"hello\",\"protocol\":2}").json("{\"type\":\"hello\"}")
        .json(recorder("{\"n\":1}")));
    host.run();
    assertThat(delivered).isEmpty();
    assertThat(host.errors()).contains(entry(HostError.UNSUPPORTED_PROTOCOL, 2L), entry(HostError.OUT_OF_ORDER, 1L));
  }

  @Test
  void countsEveryMalformedMessageAndKeepsGoing() throws IOException {
    NativeHost host = host(new Frames().json(HELLO)
        .json("not json")
        .json("[1,2]")
        .json("{\"no\":\"type\"}")
        .json("{\"type\":7}")
        .json("{\"type\":\"recorder\"}")
        .json("{\"type\":\"recorder\",\"message\":42}")
        .json("{\"type\":\"status\"} trailing")
        .json("{\"type\":\"status\",\"type\":\"pause\"}")
        .frame(new byte[] {'{', '"', 't', '"', ':', '"', (byte) 0xC3, '"', '}'})
        .json("{\"type\":\"launch-missiles\"}")
        .json(recorder("{\"n\":1}")));
    NativeHost.Ending ending = host.run();

    assertThat(ending).isEqualTo(NativeHost.Ending.PORT_CLOSED);
    assertThat(delivered).containsExactly("{\"n\":1}");
    assertThat(host.errors()).contains(entry(HostError.MALFORMED, 9L), entry(HostError.UNKNOWN_TYPE, 1L));
    assertThat(host.errorCount()).isEqualTo(10);
    List<JsonNode> errors = replies().stream().filter(r -> r.get("type").asText().equals("error")).toList();
    assertThat(errors).hasSize(10);
    assertThat(errors.get(errors.size() - 1).get("errors").asLong()).isEqualTo(10);
  }

  @Test
  void skipsEmptyAndOversizedFramesAndDeliversWhatFollows() throws IOException {
    NativeHost host = host(new Frames().json(HELLO).prefix(0).json(recorder("{\"pad\":\"" + "x".repeat(5000) + "\"}"))
        .json(recorder("{\"n\":1}")));
    assertThat(host.run()).isEqualTo(NativeHost.Ending.PORT_CLOSED);
    assertThat(delivered).containsExactly("{\"n\":1}");
    assertThat(host.errors()).contains(entry(HostError.ZERO_LENGTH, 1L), entry(HostError.OVERSIZED, 1L));
  }

  @Test
  void aBrokenStreamEndsTheRunButKeepsWhatWasDelivered() throws IOException {
    NativeHost host = host(new Frames().json(HELLO).json(recorder("{\"n\":1}")).prefix(-5).json(recorder("{\"n\":2}")));
    assertThat(host.run()).isEqualTo(NativeHost.Ending.STREAM_BROKEN);
    assertThat(delivered).containsExactly("{\"n\":1}");
    assertThat(host.errors()).contains(entry(HostError.NEGATIVE_LENGTH, 1L));
  }

  @Test
  void aFrameCutShortEndsTheRunAsBroken() throws IOException {
    NativeHost host = host(new Frames().json(HELLO).json(recorder("{\"n\":1}")).prefix(50).raw((byte) '{'));
    assertThat(host.run()).isEqualTo(NativeHost.Ending.STREAM_BROKEN);
    assertThat(delivered).hasSize(1);
    assertThat(host.errors()).contains(entry(HostError.TRUNCATED, 1L));
  }

  @Test
  void stopRecordingWithholdsMessagesAndSaysWhy() throws IOException {
    NativeHost host = host(new Frames().json(HELLO).json(recorder("{\"n\":1}")));
    host.stopRecording("consent was revoked");
    host.run();
    assertThat(delivered).isEmpty();
    assertThat(host.withheld()).isEqualTo(1);
    assertThat(replies()).allSatisfy(r -> {
      assertThat(r.get("recording").asBoolean()).isFalse();
      assertThat(r.get("error").asText()).isEqualTo("consent was revoked");
    });
  }

  @Test
  void aSinkThatThrowsDoesNotEndTheSession() throws IOException {
    byte[] in = new Frames().json(HELLO).json(recorder("{\"n\":1}")).json(recorder("{\"n\":2}")).bytes();
    List<String> seen = new ArrayList<>();
    NativeHost host = NativeHost.builder(new ByteArrayInputStream(in), toBrowser, (json, tab) -> {
      seen.add(json);
      throw new IllegalStateException("boom");
    }).byteOrder(ByteOrder.LITTLE_ENDIAN).build();
    assertThat(host.run()).isEqualTo(NativeHost.Ending.PORT_CLOSED);
    assertThat(seen).hasSize(2);
  }

  @Test
  void refusalIsOneStatusFrameInTheMachinesByteOrder() throws IOException {
    NativeHost.refuse(toBrowser, "no consent");
    byte[] out = toBrowser.toByteArray();
    int length = ByteBuffer.wrap(out, 0, 4).order(ByteOrder.nativeOrder()).getInt();
    assertThat(length).isEqualTo(out.length - 4);
    JsonNode status = JSON.readTree(new String(out, 4, length, StandardCharsets.UTF_8));
    assertThat(status.get("recording").asBoolean()).isFalse();
    assertThat(status.get("error").asText()).isEqualTo("no consent");
  }
}
