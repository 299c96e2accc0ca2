package dev.understudy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code understudy replay} on a browser session: re-executed in a fresh headless Chromium, reported per action. */
class BrowserReplayCliTest {
  @TempDir Path home;
  @TempDir Path outputs;

  @Test
  void replaysARecordedBrowserSessionAndReportsEachAction() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    byte[] page = "<!doctype html><title>Local page</title><button>OK</button>".getBytes(StandardCharsets.UTF_8);
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
    String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/start";
    try {
      assertThat(CliRun.run(home, "consent", "grant", "--adapter", "browser").exitCode()).isZero();
      CliRun record = CliRun.run(home, "record", "--adapter", "browser", "--duration", "3s",
          "--set", "adapter.browser.start-url=" + url);
      assertThat(record.exitCode()).as(record.err()).isZero();
      String id;
      try (Stream<Path> sessions = Files.list(home.resolve("sessions"))) {
        id = sessions.map(p -> p.getFileName().toString()).filter(n -> n.length() == 36).findFirst().orElseThrow();
      }

      Path out = outputs.resolve("replayed");
      CliRun replay = CliRun.run(home, "replay", id, "--out", out.toString());
      assertThat(replay.exitCode()).as(replay.out() + replay.err()).isZero();
      assertThat(replay.out()).contains("performed", "navigate to " + url, "0 not found or failed");
      assertThat(Files.readString(out.resolve("steps.tsv"))).startsWith("index\taction\toutcome").contains("PERFORMED");
    } finally {
      server.stop(0);
    }
  }
}
