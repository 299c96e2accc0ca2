package dev.understudy.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/** Serves the benchmark's pages from the class path ({@code dev/understudy/bench/pages/}) on an ephemeral local port. */
final class PageServer implements AutoCloseable {
  private final HttpServer server;

  private PageServer(HttpServer server) {
    this.server = server;
  }

  static PageServer start() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      String name = exchange.getRequestURI().getPath().replaceFirst("^/+", "");
      byte[] body = null;
      if (name.matches("[a-z0-9-]+\\.html")) {
        try (InputStream in = PageServer.class.getResourceAsStream("pages/" + name)) {
          body = in == null ? null : in.readAllBytes();
        }
      }
      if (body == null) {
        exchange.sendResponseHeaders(404, -1);
      } else {
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
      exchange.close();
    });
    server.start();
    return new PageServer(server);
  }

  /** The URL of a page, e.g. {@code url("orders.html?rows=20")}. */
  String url(String page) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + page;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
