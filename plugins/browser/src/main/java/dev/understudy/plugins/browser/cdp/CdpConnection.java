package dev.understudy.plugins.browser.cdp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One WebSocket connection to a browser's DevTools endpoint, with flattened target sessions (every
 * command and event names its {@code sessionId}).
 *
 * <p>Threading: {@link #send} may be called from any thread; it blocks only while the message is written.
 * Responses complete their futures on the WebSocket's reader thread; events are handed to the listener on
 * one dispatch thread of the connection's own, in arrival order, so a listener may send commands and wait
 * for their answers.
 * Events beyond {@value #MAX_QUEUED_EVENTS} waiting for the listener are dropped and counted
 * ({@link #droppedEvents()}). The listener must not throw; a throw is logged and the next event goes on.
 */
public final class CdpConnection implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(CdpConnection.class.getName());
  /** Events waiting for the listener at most, before new ones are dropped. */
  public static final int MAX_QUEUED_EVENTS = 100_000;
  /** How long {@link #connect} waits for the WebSocket handshake. */
  public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  private static final String DISPATCH_THREAD = "understudy-cdp-events";

  private final ObjectMapper json = new ObjectMapper();
  private final AtomicLong ids = new AtomicLong();
  private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
  private final ExecutorService dispatch;
  private final AtomicLong dropped = new AtomicLong();
  private volatile Consumer<CdpEvent> listener = e -> {};
  private volatile WebSocket socket;
  private volatile boolean closed;

  private record Pending(String method, CompletableFuture<JsonNode> future) {}

  private CdpConnection() {
    this.dispatch = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(MAX_QUEUED_EVENTS), r -> {
      Thread t = new Thread(r, DISPATCH_THREAD);
      t.setDaemon(true);
      return t;
    }, (r, executor) -> dropped.incrementAndGet());
  }

  /** Opens a connection to a DevTools WebSocket URL ({@code ws://127.0.0.1:PORT/devtools/browser/ID}). */
  public static CdpConnection connect(URI webSocketUrl) throws CdpException {
    Objects.requireNonNull(webSocketUrl, "webSocketUrl");
    CdpConnection c = new CdpConnection();
    try {
      c.socket = HttpClient.newHttpClient().newWebSocketBuilder()
          .connectTimeout(CONNECT_TIMEOUT)
          .buildAsync(webSocketUrl, c.new Reader())
          .get(CONNECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      return c;
    } catch (ExecutionException | TimeoutException e) {
      c.dispatch.shutdownNow();
      throw new CdpException("cannot connect to the DevTools endpoint " + webSocketUrl + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      c.dispatch.shutdownNow();
      throw new CdpException("interrupted while connecting to " + webSocketUrl, e);
    }
  }

  /** Sets the one listener for events (replacing any before). */
  public void onEvent(Consumer<CdpEvent> listener) {
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  /** A fresh empty parameter object. */
  public ObjectNode params() {
    return json.createObjectNode();
  }

  /** The JSON mapper this connection parses with. */
  public ObjectMapper json() {
    return json;
  }

  /**
   * Sends a command. The future completes with the {@code result} object, or exceptionally with a
   * {@link CdpException} when the browser answers with an error or the connection closes.
   *
   * @param sessionId the target session, or {@code null} for the browser
   */
  public CompletableFuture<JsonNode> send(String method, ObjectNode params, String sessionId) {
    CompletableFuture<JsonNode> future = new CompletableFuture<>();
    if (closed) {
      future.completeExceptionally(new CdpException(method + ": the DevTools connection is closed"));
      return future;
    }
    long id = ids.incrementAndGet();
    ObjectNode message = json.createObjectNode();
    message.put("id", id);
    message.put("method", method);
    message.set("params", params == null ? json.createObjectNode() : params);
    if (sessionId != null) {
      message.put("sessionId", sessionId);
    }
    pending.put(id, new Pending(method, future));
    String text = message.toString();
    synchronized (this) { // WebSocket allows one outstanding send at a time
      try {
        socket.sendText(text, true).get(CONNECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (ExecutionException | TimeoutException e) {
        pending.remove(id);
        future.completeExceptionally(new CdpException(method + ": cannot send: " + e.getMessage(), e));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        pending.remove(id);
        future.completeExceptionally(new CdpException(method + ": interrupted while sending", e));
      }
    }
    return future;
  }

  /** Sends a command and waits for its result. */
  public JsonNode call(String method, ObjectNode params, String sessionId, Duration timeout) throws CdpException {
    CompletableFuture<JsonNode> future = send(method, params, sessionId);
    try {
      return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      throw cause instanceof CdpException c ? c : new CdpException(method + ": " + cause, cause);
    } catch (TimeoutException e) {
      throw new CdpException(method + ": no answer within " + timeout.toMillis() + " ms", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CdpException(method + ": interrupted", e);
    }
  }

  /**
   * Waits until the listener has handled every event that arrived before this call (the answer to a
   * command may overtake the events the command caused on their way to the listener).
   *
   * @return false when the time ran out first
   */
  public boolean awaitEventsHandled(Duration timeout) {
    if (Thread.currentThread().getName().equals(DISPATCH_THREAD)) {
      return true; // the listener itself is asking: everything before it is handled
    }
    CountDownLatch done = new CountDownLatch(1);
    try {
      dispatch.execute(done::countDown);
      return done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Events dropped because the listener fell {@value #MAX_QUEUED_EVENTS} behind. */
  public long droppedEvents() {
    return dropped.get();
  }

  /** Whether the connection is closed (by {@link #close} or by the browser). */
  public boolean isClosed() {
    return closed;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    WebSocket s = socket;
    if (s != null) {
      s.abort();
    }
    failPending("the DevTools connection was closed");
    dispatch.shutdown();
    try {
      if (!dispatch.awaitTermination(5, TimeUnit.SECONDS)) {
        dispatch.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      dispatch.shutdownNow();
    }
  }

  private void failPending(String why) {
    for (Long id : pending.keySet()) {
      Pending p = pending.remove(id);
      if (p != null) {
        p.future.completeExceptionally(new CdpException(p.method + ": " + why));
      }
    }
  }

  private void onMessage(String text) {
    JsonNode message;
    try {
      message = json.readTree(text);
    } catch (IOException e) {
      LOG.log(Level.WARNING, "DevTools sent a message that is not JSON; ignored");
      return;
    }
    JsonNode id = message.get("id");
    if (id != null && id.canConvertToLong()) {
      Pending p = pending.remove(id.asLong());
      if (p == null) {
        return;
      }
      JsonNode error = message.get("error");
      if (error != null) {
        p.future.completeExceptionally(new CdpException(p.method + ": " + error.path("message").asText("error")
            + " (" + error.path("code").asInt() + ")"));
      } else {
        p.future.complete(message.path("result"));
      }
      return;
    }
    JsonNode method = message.get("method");
    if (method == null || closed) {
      return;
    }
    JsonNode session = message.get("sessionId");
    JsonNode params = message.has("params") ? message.get("params") : json.createObjectNode();
    CdpEvent event = new CdpEvent(method.asText(), params, session == null ? null : session.asText());
    dispatch.execute(() -> {
      try {
        listener.accept(event);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "DevTools event listener failed on " + event.method(), e);
      }
    });
  }

  /** Reads messages, putting fragments together: java.net.http hands large messages in pieces. */
  private final class Reader implements WebSocket.Listener {
    private final StringBuilder text = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        String message = text.toString();
        text.setLength(0);
        onMessage(message);
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      closed = true;
      failPending("the browser closed the DevTools connection");
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      closed = true;
      failPending("the DevTools connection failed: " + error.getMessage());
    }
  }
}
