package dev.understudy.cli;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** One HTML page served on 127.0.0.1 at every path, on an ephemeral port, until {@link #close}. */
final class LocalPage implements AutoCloseable {
  private final HttpServer server;

  LocalPage(String html) throws IOException {
    byte[] page = html.getBytes(StandardCharsets.UTF_8);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      try (exchange) {
        exchange.getResponseHeaders().set("Content-Type", "text/html");
        exchange.sendResponseHeaders(200, page.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(page);
        }
      }
    });
    server.start();
  }

  /** The page's URL at this path ("/start"). */
  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
