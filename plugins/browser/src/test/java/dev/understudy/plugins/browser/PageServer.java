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

/**
 * Serves the test pages (class path {@code pages/}) on 127.0.0.1, on a free port, under {@code /pages/}.
 * A second server is the "other origin" for cross-origin frames: pages reach it as
 * {@code http://localhost:PORT}, another site to Chromium, so it runs the frame out of process.
 * {@code {{OTHER_ORIGIN}}} in a page is replaced by that origin. Any method is answered (forms post).
 */
final class PageServer implements AutoCloseable {
  private final HttpServer main;
  private final HttpServer other;
  private final ExecutorService threads = Executors.newFixedThreadPool(2);

  PageServer() throws IOException {
    InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    other = HttpServer.create(loopback, 0);
    main = HttpServer.create(loopback, 0);
    for (HttpServer s : new HttpServer[] {main, other}) {
      s.createContext("/pages/", this::serve);
      s.setExecutor(threads);
      s.start();
    }
  }

  /** A page of the main origin: {@code http://127.0.0.1:PORT/pages/NAME}. */
  String url(String name) {
    return "http://127.0.0.1:" + main.getAddress().getPort() + "/pages/" + name;
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
    main.stop(0);
    other.stop(0);
    threads.shutdownNow();
  }
}
