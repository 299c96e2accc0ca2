package dev.understudy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.understudy.core.Recording;
import dev.understudy.core.consent.Consent;
import dev.understudy.core.consent.ConsentLedger;
import dev.understudy.core.store.SessionId;
import dev.understudy.core.store.SessionReader;
import dev.understudy.core.store.SessionStore;
import dev.understudy.plugins.browser.BrowserAdapterProvider;
import dev.understudy.plugins.browser.cdp.CdpConnection;
import dev.understudy.plugins.browser.cdp.CdpException;
import dev.understudy.plugins.browser.cdp.ChromiumProcess;
import dev.understudy.plugins.browser.replay.BrowserReplay;
import dev.understudy.plugins.browser.replay.ReplayStep;
import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.NavigationType;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The browser part of {@code understudy demo}: a small sign-up page served on 127.0.0.1, headless
 * Chromium with a fresh profile on an ephemeral debugging port, and a scripted person who fills in the
 * form (name, email, a password, a plan, the terms box) and submits it, which changes the route on the
 * client. The person acts through DevTools {@code Input.*}, so the page sees trusted events; the real
 * {@value BrowserAdapterProvider#NAME} adapter, attached to that browser, records into the demo's home.
 * Then the timeline, and a replay of the session in a fresh Chromium saying per action whether its target
 * resolved to a unique element.
 *
 * <p>The demo consents for itself, for the {@value BrowserAdapterProvider#NAME} adapter only, in a ledger of
 * its own that ends with the part. Without Chromium the part says how to install it and is skipped.
 */
final class BrowserDemo {
  /** The page the person fills in, bundled with the command. */
  static final String PAGE = "/dev/understudy/cli/demo/browser-signup.html";
  /** What the person types into the password field; it must never reach disk. */
  static final String PASSWORD = "demo-Passw0rd-never-stored";
  static final String INSTALL = "install it with 'tools/install-packages' (Debian package chromium: sudo apt-get install -y chromium)";
  private static final Duration STEP_TIMEOUT = Duration.ofSeconds(15);

  private final Understudy root;
  private final Path chromium;

  BrowserDemo(Understudy root, Path chromium) {
    this.root = Objects.requireNonNull(root, "root");
    this.chromium = Objects.requireNonNull(chromium, "chromium");
  }

  /** Runs the part, recording into {@code home}; returns its exit code (OK when skipped for a missing Chromium). */
  int run(Home home) throws IOException, InterruptedException {
    root.err.println();
    if (!Files.isExecutable(chromium)) {
      root.err.println(root.style.bold("Browser part skipped: ") + "Chromium is not installed (" + chromium + "); " + INSTALL
          + ". Then run 'understudy demo' again to watch a form filled in, recorded and replayed.");
      return ExitCodes.OK;
    }
    Path consentDir = Files.createTempDirectory("understudy-demo-browser-consent");
    HttpServer server = serve();
    String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/signup";
    try (ChromiumProcess browser = launch()) {
      ConsentLedger ledger = ConsentLedger.open(consentDir);
      Consent consent = DemoCommand.grantForThisRun(ledger, BrowserAdapterProvider.NAME, DemoCommand.PART_CONSENT);
      root.err.println("Understudy demo, browser part: headless Chromium fills in " + url + ", recorded by the '"
          + BrowserAdapterProvider.NAME + "' adapter into " + home.sessions());
      root.err.println("The demo grants itself consent " + consent.id() + " for the '" + BrowserAdapterProvider.NAME
          + "' adapter only, for this run only. Your own: understudy consent grant --adapter " + BrowserAdapterProvider.NAME
          + ", then understudy record --adapter " + BrowserAdapterProvider.NAME);
      Recording recording = Recording.builder()
          .storeDirectory(home.sessions())
          .consent(ledger)
          .adapter(new BrowserAdapterProvider(), BrowserCommand.PLUGIN_ID, "demo")
          .config("adapter.browser.attach", browser.webSocketUrl().toString())
          .startTimeout(Duration.ofSeconds(60))
          .start();
      CountDownLatch routed = new CountDownLatch(1);
      try (Recording.Subscription s = recording.subscribe(a -> {
        if (a.hasNavigate() && a.getNavigate().getNavigationType() == NavigationType.NAVIGATION_TYPE_SAME_DOCUMENT) {
          routed.countDown();
        }
      }); Person person = Person.attach(browser)) {
        person.script(url);
        if (!routed.await(STEP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
          throw new CliException(ExitCodes.CAPTURE_FAILED, "the browser part recorded no route change within " + STEP_TIMEOUT.toSeconds() + " s");
        }
      } catch (CdpException e) {
        throw new CliException(ExitCodes.CAPTURE_FAILED, "the browser part could not drive Chromium: " + e.getMessage());
      } finally {
        recording.close();
      }
      String id = recording.sessionIdText();
      DemoCommand.printTimeline(root, home, id, (a, seqs) -> "");
      replay(home, id);
      return ExitCodes.OK;
    } finally {
      server.stop(0);
      DemoCommand.deleteTree(consentDir);
    }
  }

  /** Replays the session in a fresh Chromium and prints, per action, whether its target resolved uniquely. */
  private void replay(Home home, String id) throws IOException {
    List<Action> actions;
    try (SessionReader reader = SessionStore.open(home.sessions()).reader(SessionId.parse(id))) {
      actions = reader.readAll();
    }
    root.out.println();
    root.out.println(root.style.bold("Replay of session " + id.substring(0, 13) + " in a fresh headless Chromium,"
        + " from the recorded locators alone"));
    List<ReplayStep> steps;
    try (BrowserReplay replay = BrowserReplay.builder().executable(chromium).launch()) {
      steps = replay.replay(actions);
    }
    BrowserSessionReplayer.print(steps, root);
    root.out.println("Again, with a report: understudy replay " + id.substring(0, 13) + " --out DIR");
  }

  /** Headless Chromium with a fresh profile on an ephemeral debugging port; one clear error when it does not start. */
  private ChromiumProcess launch() {
    try {
      return ChromiumProcess.builder().executable(chromium).headless(true).launch();
    } catch (IOException e) {
      throw new CliException(ExitCodes.CAPTURE_FAILED, "the browser part could not start Chromium (" + chromium + "): " + e.getMessage());
    }
  }

  private static HttpServer serve() throws IOException {
    byte[] page;
    try (InputStream in = BrowserDemo.class.getResourceAsStream(PAGE)) {
      if (in == null) {
        throw new CliException(ExitCodes.INTERNAL, "the demo page is missing from this build (" + PAGE + ")");
      }
      page = in.readAllBytes();
    }
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    // Every path serves the page: the client-side route (/welcome) reloads to it too.
    server.createContext("/", exchange -> {
      try (exchange) {
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.sendResponseHeaders(200, page.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(page);
        }
      }
    });
    server.start();
    return server;
  }

  /** The scripted person: trusted mouse and key input into the browser's first tab, over DevTools. */
  static final class Person implements AutoCloseable {
    private final CdpConnection cdp;
    private final String session;

    private Person(CdpConnection cdp, String session) {
      this.cdp = cdp;
      this.session = session;
    }

    static Person attach(ChromiumProcess browser) throws CdpException {
      CdpConnection cdp = CdpConnection.connect(browser.webSocketUrl());
      try {
        for (JsonNode t : cdp.call("Target.getTargets", cdp.params(), null, STEP_TIMEOUT).path("targetInfos")) {
          if (t.path("type").asText().equals("page")) {
            String session = cdp.call("Target.attachToTarget", cdp.params().put("targetId", t.path("targetId").asText())
                .put("flatten", true), null, STEP_TIMEOUT).path("sessionId").asText();
            return new Person(cdp, session);
          }
        }
        throw new CdpException("the browser has no tab");
      } catch (CdpException | RuntimeException e) {
        cdp.close();
        throw e;
      }
    }

    /** Opens the page, fills in the form and submits it. */
    void script(String url) throws CdpException, InterruptedException {
      cdp.call("Page.navigate", cdp.params().put("url", url).put("transitionType", "typed"), session, STEP_TIMEOUT);
      awaitTrue("document.readyState === 'complete' && location.pathname === '/signup'");
      click("#name");
      cdp.call("Input.insertText", cdp.params().put("text", "Ada Lovelace"), session, STEP_TIMEOUT);
      click("#email");
      cdp.call("Input.insertText", cdp.params().put("text", "ada@example.org"), session, STEP_TIMEOUT);
      click("#password");
      cdp.call("Input.insertText", cdp.params().put("text", PASSWORD), session, STEP_TIMEOUT);
      click("#plan");
      press("ArrowDown", 40);
      press("Enter", 13);
      click("#terms");
      click("button[type=submit]");
      awaitTrue("location.pathname === '/welcome'");
    }

    private void click(String selector) throws CdpException {
      JsonNode at = evaluate("(() => { const el = document.querySelector('" + selector + "'); el.scrollIntoView({block: 'center'});"
          + " const r = el.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; })()");
      for (String type : List.of("mouseMoved", "mousePressed", "mouseReleased")) {
        cdp.call("Input.dispatchMouseEvent", cdp.params().put("type", type).put("x", at.path(0).asDouble()).put("y", at.path(1).asDouble())
            .put("button", type.equals("mouseMoved") ? "none" : "left").put("clickCount", type.equals("mouseMoved") ? 0 : 1),
            session, STEP_TIMEOUT);
      }
    }

    private void press(String key, int code) throws CdpException {
      var down = cdp.params().put("type", key.equals("Enter") ? "keyDown" : "rawKeyDown").put("key", key).put("code", key)
          .put("windowsVirtualKeyCode", code).put("nativeVirtualKeyCode", code);
      if (key.equals("Enter")) {
        down.put("text", "\r").put("unmodifiedText", "\r");
      }
      cdp.call("Input.dispatchKeyEvent", down, session, STEP_TIMEOUT);
      cdp.call("Input.dispatchKeyEvent", cdp.params().put("type", "keyUp").put("key", key).put("code", key)
          .put("windowsVirtualKeyCode", code), session, STEP_TIMEOUT);
    }

    private JsonNode evaluate(String expression) throws CdpException {
      JsonNode r = cdp.call("Runtime.evaluate", cdp.params().put("expression", expression).put("returnByValue", true), session, STEP_TIMEOUT);
      if (r.has("exceptionDetails")) {
        throw new CdpException("the page threw: " + r.path("exceptionDetails").path("text").asText());
      }
      return r.path("result").path("value");
    }

    private void awaitTrue(String condition) throws CdpException, InterruptedException {
      long deadline = System.nanoTime() + STEP_TIMEOUT.toNanos();
      while (!evaluate(condition).asBoolean(false)) {
        if (System.nanoTime() > deadline) {
          throw new CdpException("the page did not get there within " + STEP_TIMEOUT.toSeconds() + " s: " + condition);
        }
        Thread.sleep(20);
      }
    }

    @Override
    public void close() {
      cdp.close();
    }
  }
}
