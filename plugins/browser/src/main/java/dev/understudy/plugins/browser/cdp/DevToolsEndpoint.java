package dev.understudy.plugins.browser.cdp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;

/**
 * Finds the browser-wide DevTools WebSocket of a browser started with {@code --remote-debugging-port}:
 * a {@code ws://} URL is used as it is; for {@code http://host:port} the browser is asked
 * ({@code /json/version}, field {@code webSocketDebuggerUrl}).
 */
public final class DevToolsEndpoint {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private DevToolsEndpoint() {}

  /**
   * The WebSocket URL for an attach address.
   *
   * @throws IllegalArgumentException when the address is neither http(s) nor ws(s)
   * @throws IOException when the browser does not answer or gives no WebSocket URL
   */
  public static URI resolve(String address) throws IOException {
    URI uri = parse(address);
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    if (scheme.equals("ws") || scheme.equals("wss")) {
      return uri;
    }
    URI version = uri.resolve("/json/version");
    HttpRequest request = HttpRequest.newBuilder(version).timeout(TIMEOUT).GET().build();
    HttpResponse<String> response;
    try {
      response = HttpClient.newBuilder().connectTimeout(TIMEOUT).build().send(request, HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while asking " + version, e);
    } catch (IOException e) {
      throw new IOException("no browser answers at " + version + " (start it with --remote-debugging-port): " + e.getMessage(), e);
    }
    if (response.statusCode() != 200) {
      throw new IOException(version + " answered HTTP " + response.statusCode());
    }
    JsonNode body = new ObjectMapper().readTree(response.body());
    String ws = body.path("webSocketDebuggerUrl").asText("");
    if (ws.isEmpty()) {
      throw new IOException(version + " gave no webSocketDebuggerUrl");
    }
    return URI.create(ws);
  }

  /** Checks the form of an attach address without connecting. */
  public static URI parse(String address) {
    String problem = "'" + address + "' is not a DevTools address; write http://127.0.0.1:9222 or a ws:// URL";
    URI uri;
    try {
      uri = URI.create(address.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(problem);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https") || scheme.equals("ws") || scheme.equals("wss")) || uri.getHost() == null) {
      throw new IllegalArgumentException(problem);
    }
    return uri;
  }
}
