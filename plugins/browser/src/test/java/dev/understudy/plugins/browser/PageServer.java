package dev.understudy.plugins.browser;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Serves the test pages (class path {@code pages/}) on 127.0.0.1, on a free port, under {@code /pages/}.
 * A second server is the "other origin" for cross-origin frames: pages reach it as
 * {@code http://localhost:PORT}, another site to Chromium, so it runs the frame out of process.
 * {@code {{OTHER_ORIGIN}}} in a page is replaced by that origin. Any method is answered (forms post).
 */
final class PageServer implements AutoCloseable, BeforeAllCallback, AfterAllCallback {
  private HttpServer main;
  private HttpServer other;
  private ExecutorService threads;

  /** Serves at once (closed by {@link #close}). */
  static PageServer started() throws IOException {
    PageServer s = new PageServer();
    s.start();
    return s;
  }

  /** As a test class's extension: {@code @RegisterExtension static final PageServer pages = new PageServer();}. */
  PageServer() {}

  private void start() throws IOException {
    threads = Executors.newFixedThreadPool(2);
    InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    other = HttpServer.create(loopback, 0);
    main = HttpServer.create(loopback, 0);
    for (HttpServer s : new HttpServer[] {main, other}) {
      s.createContext("/pages/", this::serve);
      s.setExecutor(threads);
      s.start();
    }
  }

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    close();
  }

  /** A page of the main origin: {@code http://127.0.0.1:PORT/pages/NAME}. */
  String url(String name) {
    return mainOrigin() + "/pages/" + name;
  }

  /** The main origin: {@code http://127.0.0.1:PORT}. */
  String mainOrigin() {
    return "http://127.0.0.1:" + main.getAddress().getPort();
  }

  /** The other origin: {@code http://localhost:PORT}. */
  String otherOrigin() {
    return "http://localhost:" + other.getAddress().getPort();
  }

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      exchange.getRequestBody().readAllBytes();
      String path = exchange.getRequestURI().getPath().substring("/pages/".length());
      if (path.startsWith("spa.html/")) {
        path = "spa.html"; // the app's client-side routes
      }
      byte[] body = null;
      if (path.matches("[a-z0-9-]+\\.html")) {
        try (InputStream in = PageServer.class.getResourceAsStream("/pages/" + path)) {
          if (in != null) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("{{OTHER_ORIGIN}}", otherOrigin())
                .replace("{{MAIN_ORIGIN}}", mainOrigin())
                .getBytes(StandardCharsets.UTF_8);
          }
        }
      }
      if (body == null) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
      exchange.getResponseHeaders().set("Cache-Control", "no-store");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  @Override
  public void close() {
    if (main != null) {
      main.stop(0);
      other.stop(0);
      threads.shutdownNow();
      main = null;
    }
  }
}
