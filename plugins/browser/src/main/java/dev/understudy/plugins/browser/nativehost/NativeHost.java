package dev.understudy.plugins.browser.nativehost;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteOrder;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The native messaging host: reads the extension's frames from the browser until it closes the port,
 * answers control messages and hands each recorder message, with the tab it came from, to an
 * {@link ExtensionMessageSink}. The wire protocol is in {@code docs/browser-extension.md}.
 *
 * <p>Extension to host: {@code hello} (first, once, with {@code protocol}), {@code status} (a query),
 * {@code pause}, {@code resume}, and {@code recorder} (with the recorder's {@code message}, as JSON text
 * or an object, and the {@code tab} id, {@code tabTitle} and {@code tabUrl} it came from). Host to extension: {@code status} ({@code recording}, {@code paused}, {@code session},
 * counts, the recorder {@code options}) after hello, status, pause, resume and whenever
 * {@link #sendStatus()} is called, and
 * {@code error} for every rejected message.
 *
 * <p>Bad input never ends the session: every rejection is counted ({@link #errors()}) and answered, and
 * reading goes on; only a broken stream (a length with the sign bit set, or a frame cut short) ends
 * {@link #run()} early, with what was recorded kept. Nothing but frames is written to the browser.
 *
 * <p>Threading: {@link #run()} on one thread, which also calls the sink and the pause switch;
 * {@link #sendStatus()}, {@link #stopRecording} and the counters from any thread.
 */
public final class NativeHost {
  /** Default limit of one message from the browser: 1 MiB. */
  public static final int DEFAULT_MAX_MESSAGE_BYTES = 1024 * 1024;
  /** The version of the extension–host protocol this host speaks: {@value}. */
  public static final int PROTOCOL = 1;
  /** The transport name of messages that come through the host: {@value}. */
  public static final String TRANSPORT = "extension";

  private static final Logger logger = Logger.getLogger(NativeHost.class.getName());
  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build();

  /** Why {@link #run()} returned. */
  public enum Ending {
    /** The browser closed the port (end of stream between frames): the normal end. */
    PORT_CLOSED,
    /** The stream broke (bad length prefix, frame cut short); nothing more could be read. */
    STREAM_BROKEN
  }

  private final FrameReader reader;
  private final FrameWriter writer;
  private final ExtensionMessageSink sink;
  private final PauseSwitch pauseSwitch;
  private final String session;
  private final String hostVersion;
  private final Map<String, ?> recorderOptions;
  private final Map<HostError, AtomicLong> errors = new EnumMap<>(HostError.class);
  private final AtomicLong messages = new AtomicLong();
  private final AtomicLong recorderMessages = new AtomicLong();
  private final AtomicLong withheld = new AtomicLong();
  private volatile boolean greeted;
  private volatile String stoppedBecause;

  private NativeHost(Builder b) {
    this.reader = new FrameReader(b.in, b.maxMessageBytes, b.order);
    this.writer = new FrameWriter(b.out, b.order);
    this.sink = b.sink;
    this.pauseSwitch = b.pauseSwitch;
    this.session = b.session;
    this.hostVersion = b.hostVersion;
    this.recorderOptions = b.recorderOptions;
    for (HostError e : HostError.values()) {
      errors.put(e, new AtomicLong());
    }
  }

  /**
   * A builder for a host reading the browser's frames from {@code fromBrowser} (the process's stdin)
   * and writing to {@code toBrowser} (its stdout), handing recorder messages to {@code sink}.
   */
  public static Builder builder(InputStream fromBrowser, OutputStream toBrowser, ExtensionMessageSink sink) {
    return new Builder(fromBrowser, toBrowser, sink);
  }

  /**
   * Reads and handles frames until the browser closes the port or the stream breaks.
   *
   * @throws IOException when reading from the browser fails (not for bad input, which is counted)
   */
  public Ending run() throws IOException {
    while (true) {
      byte[] frame;
      try {
        frame = reader.next();
      } catch (FrameException e) {
        reject(e.reason(), e.getMessage());
        if (e.fatal()) {
          return Ending.STREAM_BROKEN;
        }
        continue;
      }
      if (frame == null) {
        return Ending.PORT_CLOSED;
      }
      messages.incrementAndGet();
      handle(frame);
    }
  }

  private void handle(byte[] frame) {
    JsonNode node;
    try {
      node = JSON.readTree(frame);
    } catch (IOException e) {
      reject(HostError.MALFORMED, "not JSON: " + shortMessage(e));
      return;
    }
    if (node == null || !node.isObject() || !node.path("type").isTextual()) {
      reject(HostError.MALFORMED, "not a JSON object with a 'type'");
      return;
    }
    String type = node.get("type").asText();
    switch (type) {
      case "hello" -> hello(node);
      case "status" -> sendStatus();
      case "pause", "resume" -> {
        if (requireGreeting(type)) {
          if (type.equals("pause")) {
            pauseSwitch.pause();
          } else {
            pauseSwitch.resume();
          }
          sendStatus();
        }
      }
      case "recorder" -> {
        if (requireGreeting(type)) {
          recorder(node);
        }
      }
      default -> reject(HostError.UNKNOWN_TYPE, "unknown message type '" + abbreviate(type) + "'");
    }
  }

  private void hello(JsonNode node) {
    if (greeted) {
      reject(HostError.OUT_OF_ORDER, "hello sent twice");
      return;
    }
    JsonNode protocol = node.get("protocol");
    if (protocol == null || !protocol.canConvertToInt() || protocol.asInt() != PROTOCOL) {
      reject(HostError.UNSUPPORTED_PROTOCOL, "this host speaks protocol " + PROTOCOL + ", the extension "
          + (protocol == null ? "named none" : abbreviate(protocol.toString())));
      return;
    }
    greeted = true;
    logger.fine(() -> "extension " + abbreviate(node.path("extension").asText("?")) + " said hello");
    sendStatus();
  }

  private boolean requireGreeting(String type) {
    if (!greeted) {
      reject(HostError.OUT_OF_ORDER, "'" + type + "' before 'hello'");
    }
    return greeted;
  }

  private void recorder(JsonNode node) {
    JsonNode message = node.get("message");
    String text;
    if (message != null && message.isObject()) {
      text = message.toString();
    } else if (message != null && message.isTextual()) {
      text = message.asText();
    } else {
      reject(HostError.MALFORMED, "recorder message without a 'message' object");
      return;
    }
    if (stoppedBecause != null || pauseSwitch.paused()) {
      withheld.incrementAndGet(); // not a fault: the person paused, or the recording ended
      return;
    }
    recorderMessages.incrementAndGet();
    try {
      sink.accept(text, tab(node));
    } catch (RuntimeException e) {
      // The sink promises not to throw; if it does, the session still goes on.
      logger.log(Level.WARNING, "recorder message sink failed", e);
    }
  }

  /** The tab a recorder message names, if it names one by a whole number. */
  private static ExtensionTab tab(JsonNode node) {
    JsonNode id = node.get("tab");
    if (id == null || !id.canConvertToLong() || !id.isIntegralNumber()) {
      return null;
    }
    JsonNode title = node.path("tabTitle");
    JsonNode url = node.path("tabUrl");
    return new ExtensionTab(id.asLong(), title.isTextual() ? title.asText() : "", url.isTextual() ? url.asText() : "");
  }

  /**
   * Tells the extension the recording's state now, e.g. after it was paused from elsewhere. Never throws:
   * a browser that went away is only logged.
   */
  public void sendStatus() {
    ObjectNode status = JSON.createObjectNode()
        .put("type", "status")
        .put("protocol", PROTOCOL)
        .put("host", hostVersion)
        .put("session", session)
        .put("recording", stoppedBecause == null)
        .put("paused", pauseSwitch.paused())
        .put("received", recorderMessages.get())
        .put("errors", errorCount());
    status.set("options", JSON.valueToTree(recorderOptions));
    if (stoppedBecause != null) {
      status.put("error", stoppedBecause);
    }
    send(status);
  }

  /**
   * Stops passing recorder messages on (they are withheld and counted) and tells the extension why, e.g.
   * when consent was revoked. The host goes on answering until the browser closes the port.
   */
  public void stopRecording(String why) {
    stoppedBecause = Objects.requireNonNull(why, "why");
    sendStatus();
  }

  private void reject(HostError reason, String detail) {
    long n = errors.get(reason).incrementAndGet();
    if (n == 1) {
      logger.warning("browser extension: rejected a message (" + reason.label() + "): " + detail
          + "; further ones are counted");
    }
    send(JSON.createObjectNode().put("type", "error").put("reason", reason.label()).put("detail", detail)
        .put("errors", errorCount()));
  }

  private void send(ObjectNode message) {
    try {
      writer.write(JSON.writeValueAsBytes(message));
    } catch (IOException | IllegalArgumentException e) {
      logger.log(Level.FINE, "could not write to the browser", e);
    }
  }

  /**
   * Writes one status message saying the host will not record, and why, for a host that refuses to start
   * (no consent, say); the browser shows it before the port closes.
   */
  public static void refuse(OutputStream toBrowser, String why) throws IOException {
    ObjectNode status = JSON.createObjectNode().put("type", "status").put("protocol", PROTOCOL)
        .put("recording", false).put("paused", false).put("error", why);
    new FrameWriter(toBrowser, ByteOrder.nativeOrder()).write(JSON.writeValueAsBytes(status));
  }

  /** Frames read (well-formed or not, skipped ones excluded). */
  public long messages() {
    return messages.get();
  }

  /** Recorder messages handed to the sink. */
  public long recorderMessages() {
    return recorderMessages.get();
  }

  /** Recorder messages not handed on because capture was paused or the recording had stopped. */
  public long withheld() {
    return withheld.get();
  }

  /** Rejections by reason; every reason is present. */
  public Map<HostError, Long> errors() {
    Map<HostError, Long> copy = new EnumMap<>(HostError.class);
    errors.forEach((k, v) -> copy.put(k, v.get()));
    return copy;
  }

  /** All rejections. */
  public long errorCount() {
    return errors.values().stream().mapToLong(AtomicLong::get).sum();
  }

  private static String shortMessage(IOException e) {
    String m = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
    return abbreviate(m == null ? e.getClass().getSimpleName() : m);
  }

  private static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 80) + "…";
  }

  /** Builds a {@link NativeHost}. */
  public static final class Builder {
    private final InputStream in;
    private final OutputStream out;
    private final ExtensionMessageSink sink;
    private int maxMessageBytes = DEFAULT_MAX_MESSAGE_BYTES;
    private ByteOrder order = ByteOrder.nativeOrder();
    private PauseSwitch pauseSwitch = PauseSwitch.remembering();
    private String session = "";
    private String hostVersion = "understudy";
    private Map<String, ?> recorderOptions = Map.of();

    private Builder(InputStream in, OutputStream out, ExtensionMessageSink sink) {
      this.in = Objects.requireNonNull(in, "fromBrowser");
      this.out = Objects.requireNonNull(out, "toBrowser");
      this.sink = Objects.requireNonNull(sink, "sink");
    }

    /** The largest message accepted from the browser, in bytes; default {@value #DEFAULT_MAX_MESSAGE_BYTES}. */
    public Builder maxMessageBytes(int maxMessageBytes) {
      if (maxMessageBytes < 1) {
        throw new IllegalArgumentException("maxMessageBytes must be at least 1, got " + maxMessageBytes);
      }
      this.maxMessageBytes = maxMessageBytes;
      return this;
    }

    /** The byte order of length prefixes; default the machine's, as the browser writes them. */
    public Builder byteOrder(ByteOrder order) {
      this.order = Objects.requireNonNull(order, "order");
      return this;
    }

    /** What pause and resume act on; default a switch that only remembers its position. */
    public Builder pauseSwitch(PauseSwitch pauseSwitch) {
      this.pauseSwitch = Objects.requireNonNull(pauseSwitch, "pauseSwitch");
      return this;
    }

    /** The session id reported in status messages; default empty. */
    public Builder session(String session) {
      this.session = Objects.requireNonNull(session, "session");
      return this;
    }

    /** The host's name and version reported in status messages; default {@code understudy}. */
    public Builder hostVersion(String hostVersion) {
      this.hostVersion = Objects.requireNonNull(hostVersion, "hostVersion");
      return this;
    }

    /**
     * The options the extension starts the page recorder with, sent in every status message (see
     * {@link ExtensionAdapterProvider#recorderOptions()}); default none, so the recorder's own defaults.
     */
    public Builder recorderOptions(Map<String, ?> recorderOptions) {
      this.recorderOptions = Map.copyOf(Objects.requireNonNull(recorderOptions, "recorderOptions"));
      return this;
    }

    /** The host. */
    public NativeHost build() {
      return new NativeHost(this);
    }
  }
}
