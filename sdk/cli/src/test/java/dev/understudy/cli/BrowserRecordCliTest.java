package dev.understudy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.understudy.core.store.SessionId;
import dev.understudy.core.store.SessionReader;
import dev.understudy.core.store.SessionStore;
import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.NavigationType;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code understudy record --adapter browser}: the built-in browser adapter records a local page in headless Chromium. */
class BrowserRecordCliTest {
  @TempDir Path home;

  @Test
  void recordsTheStartPageInHeadlessChromiumAfterConsent() throws Exception {
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
      CliRun refused = CliRun.run(home, "record", "--adapter", "browser", "--duration", "1s");
      assertThat(refused.exitCode()).isNotZero();
      assertThat(refused.err()).contains("run 'understudy consent grant --adapter browser'");

      CliRun plugins = CliRun.run(home, "plugins");
      assertThat(plugins.out()).contains("browser");
      assertThat(CliRun.run(home, "consent", "grant", "--adapter", "browser").exitCode()).isZero();
      CliRun record = CliRun.run(home, "record", "--adapter", "browser", "--duration", "4s",
          "--set", "adapter.browser.start-url=" + url);
      assertThat(record.exitCode()).as(record.err()).isZero();
    } finally {
      server.stop(0);
    }
    String id;
    try (Stream<Path> sessions = Files.list(home.resolve("sessions"))) {
      id = sessions.map(p -> p.getFileName().toString()).filter(n -> n.length() == 36).findFirst().orElseThrow();
    }
    List<Action> actions;
    try (SessionReader reader = SessionStore.open(home.resolve("sessions")).reader(SessionId.parse(id))) {
      actions = reader.readAll();
    }
    Action opened = actions.stream().filter(Action::hasNavigate).findFirst().orElseThrow(() -> new AssertionError(actions));
    assertThat(opened.getNavigate().getUrl()).isEqualTo(url);
    assertThat(opened.getNavigate().getNavigationType()).isEqualTo(NavigationType.NAVIGATION_TYPE_TYPED);
    assertThat(opened.getSource().getAdapterId()).isEqualTo("browser");
    assertThat(opened.getSource().getAppId()).isEqualTo("chromium");
    assertThat(opened.getSource().getWindowTitle()).isEqualTo("Local page");
    assertThat(actions).filteredOn(Action::hasSessionEnd).hasSize(1);
    CliRun inspect = CliRun.run(home, "inspect", id);
    assertThat(inspect.out()).contains("navigate");
  }

  @Test
  void aBadSettingIsOneClearError() throws IOException {
    assertThat(CliRun.run(home, "consent", "grant", "--adapter", "browser").exitCode()).isZero();
    CliRun record = CliRun.run(home, "record", "--adapter", "browser", "--duration", "1s", "--set", "adapter.browser.headless=maybe");
    assertThat(record.err()).contains("adapter.browser.headless: expected true or false, got 'maybe'");
  }
}
