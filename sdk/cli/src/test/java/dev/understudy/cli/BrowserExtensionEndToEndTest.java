package dev.understudy.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.understudy.core.store.SessionReader;
import dev.understudy.core.store.SessionStore;
import dev.understudy.core.store.SessionSummary;
import dev.understudy.plugins.browser.cdp.CdpConnection;
import dev.understudy.plugins.browser.nativehost.ExtensionBundle;
import dev.understudy.proto.v1.Action;
import dev.understudy.testing.Canaries;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The extension's way in, for real: headless Chromium loads the unpacked extension that 'browser install'
 * wrote, finds the native host through the manifest it wrote into the profile, starts the launcher, and the
 * content script's messages reach a session. Input comes from DevTools {@code Input.*}, so events are
 * trusted; the popup's pause switch is clicked like a person would.
 */
class BrowserExtensionEndToEndTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final String PASSWORD = "hunter2-canary-7f3a";
  private static final String TYPED_WHILE_PAUSED = "typed-while-paused-91c2";
  private static final String TYPED_ON_MASKED_SITE = "typed-on-masked-site-3e1d";
  private static final String PAGE = "<!doctype html><html><head><title>Sign up</title></head><body>"
      + "<form id='signup' onsubmit='event.preventDefault()'>"
      + "<label for='name'>Full name</label> <input id='name'><br>"
      + "<label for='pw'>Password</label> <input id='pw' type='password'><br>"
      + "<button id='send' type='submit'>Create account</button></form>"
      + "<p id='blank' style='height:100px'>Nothing here</p>"
      + "<iframe id='widget' src='FRAME_URL' style='position:absolute;left:20px;top:300px;width:300px;height:100px;border:0'>"
      + "</iframe></body></html>";
  /** A frame from another origin (another port): its actions belong to the tab's page all the same. */
  private static final String FRAME = "<!doctype html><html><head><title>Widget</title></head><body style='margin:0'>"
      + "<button id='act' style='position:absolute;left:10px;top:10px;width:120px;height:30px'>Frame action</button>"
      + "</body></html>";

  /** A frame with a field, from a site the policy denies (served as localhost; the page is on 127.0.0.1). */
  private static final String DENIED_FRAME = "<!doctype html><html><head><title>Tracker</title></head><body style='margin:0'>"
      + "<button id='act' style='position:absolute;left:10px;top:10px;width:120px;height:30px'>Frame action</button>"
      + "<input id='code' aria-label='Code' style='position:absolute;left:150px;top:10px;width:120px;height:30px'>"
      + "</body></html>";
  private static final String TYPED_IN_DENIED_FRAME = "typed-in-denied-frame-5b8e";

  @TempDir Path home;
  @TempDir Path profile;

  private final List<HttpServer> servers = new ArrayList<>();
  private Process chromium;
  private final List<ProcessHandle> started = new ArrayList<>();

  @AfterEach
  void stopEverything() {
    if (chromium != null) {
      started.addAll(chromium.descendants().toList());
      chromium.destroyForcibly();
    }
    started.forEach(ProcessHandle::destroyForcibly);
    servers.forEach(s -> s.stop(0));
  }

  /** Serves one page on 127.0.0.1 on an ephemeral port; returns its URL. */
  private URI serve(String path, String html) throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    servers.add(server);
    server.createContext(path, exchange -> {
      byte[] body = html.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  private CdpConnection startChromium(Path extension) throws Exception {
    assertThat(Files.isExecutable(CHROMIUM))
        .as("Chromium is needed: apt-get install chromium (see packages in ./run-tests)").isTrue();
    Path userData = profile.resolve("user-data");
    chromium = new ProcessBuilder(CHROMIUM.toString(), "--headless=new", "--no-sandbox", "--disable-gpu",
        "--remote-debugging-port=0", "--user-data-dir=" + userData,
        "--load-extension=" + extension, "--disable-extensions-except=" + extension,
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--disable-quic", "about:blank")
        .redirectErrorStream(true).redirectOutput(profile.resolve("chromium.log").toFile()).start();
    Path activePort = userData.resolve("DevToolsActivePort");
    await().atMost(Duration.ofSeconds(60)).until(() -> Files.isRegularFile(activePort) && Files.readAllLines(activePort).size() >= 2);
    List<String> lines = Files.readAllLines(activePort);
    return CdpConnection.connect(URI.create("ws://127.0.0.1:" + lines.get(0).trim() + lines.get(1).trim()));
  }

  /** A DevTools command to the browser, or to a target when {@code session} is not null; its result. */
  private static JsonNode call(CdpConnection cdp, String session, String method, Map<String, ?> params) throws Exception {
    ObjectNode p = cdp.json().valueToTree(params);
    return cdp.call(method, p, session, Duration.ofSeconds(30));
  }

  /** The value of an expression (a promise is awaited) in a target. */
  private static JsonNode evaluate(CdpConnection cdp, String session, String expression) throws Exception {
    JsonNode r = call(cdp, session, "Runtime.evaluate", Map.of("expression", expression, "awaitPromise", true, "returnByValue", true));
    if (r.has("exceptionDetails")) {
      throw new IllegalStateException("evaluation failed: " + r.get("exceptionDetails"));
    }
    return r.path("result").path("value");
  }

  /** Attaches to the first target of this type whose URL starts so; returns the flat session id. */
  private static String attach(CdpConnection cdp, String type, String urlPrefix) throws Exception {
    String[] targetId = new String[1];
    await().atMost(Duration.ofSeconds(60)).until(() -> {
      for (JsonNode t : call(cdp, null, "Target.getTargets", Map.of()).path("targetInfos")) {
        if (t.path("type").asText().equals(type) && t.path("url").asText().startsWith(urlPrefix)) {
          targetId[0] = t.path("targetId").asText();
          return true;
        }
      }
      return false;
    });
    return call(cdp, null, "Target.attachToTarget", Map.of("targetId", targetId[0], "flatten", true)).path("sessionId").asText();
  }

  private static String openTab(CdpConnection cdp, String url) throws Exception {
    String targetId = call(cdp, null, "Target.createTarget", Map.of("url", url)).path("targetId").asText();
    String session = call(cdp, null, "Target.attachToTarget", Map.of("targetId", targetId, "flatten", true)).path("sessionId").asText();
    call(cdp, session, "Page.enable", Map.of());
    // A new target is about:blank (and complete) before it navigates: wait for the page asked for.
    await().atMost(Duration.ofSeconds(30)).until(() -> evaluate(cdp, session,
        "location.href === " + cdp.json().writeValueAsString(url) + " && document.readyState === 'complete'").asBoolean());
    return session;
  }

  private static void click(CdpConnection cdp, String session, String selector) throws Exception {
    JsonNode box = evaluate(cdp, session, "(() => { const r = document.querySelector('" + selector
        + "').getBoundingClientRect(); return {x: r.x + r.width / 2, y: r.y + r.height / 2}; })()");
    clickAt(cdp, session, box.get("x").asDouble(), box.get("y").asDouble());
  }

  private static void clickAt(CdpConnection cdp, String session, double x, double y) throws Exception {
    call(cdp, session, "Page.bringToFront", Map.of());
    for (String type : List.of("mousePressed", "mouseReleased")) {
      call(cdp, session, "Input.dispatchMouseEvent", Map.of("type", type, "x", x, "y", y, "button", "left", "clickCount", 1));
    }
  }

  private static void type(CdpConnection cdp, String session, String text) throws Exception {
    call(cdp, session, "Input.insertText", Map.of("text", text));
  }

  private static String badge(CdpConnection cdp, String worker) throws Exception {
    return evaluate(cdp, worker, "chrome.action.getBadgeText({})").asText();
  }

  /** Waits until the extension says it records (its badge); its service worker. */
  private static String recordingWorker(CdpConnection cdp) throws Exception {
    String worker = attach(cdp, "service_worker", "chrome-extension://" + ExtensionBundle.CHROMIUM_ID + "/");
    awaitBadge(cdp, worker, "REC");
    return worker;
  }

  /** Waits until the action button shows this badge; on time-out says what it showed and why. */
  private static void awaitBadge(CdpConnection cdp, String worker, String text) {
    await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> assertThat(badge(cdp, worker))
        .as("badge; title: %s", evaluate(cdp, worker, "chrome.action.getTitle({})").asText()).isEqualTo(text));
  }

  /** Installs the host into the profile Chromium will use (with --user-data-dir it looks there). */
  private void install(String... options) {
    Path hosts = profile.resolve("user-data").resolve("NativeMessagingHosts");
    List<String> args = new ArrayList<>(List.of("browser", "install", "--dir", hosts.toString()));
    args.addAll(List.of(options));
    CliRun install = CliRun.run(home, args.toArray(String[]::new));
    assertThat(install.exitCode()).as(install.err()).isZero();
  }

  /** Closes the browser as a person would and waits until its native hosts have ended their sessions. */
  private void closeBrowser(CdpConnection cdp) throws Exception {
    List<ProcessHandle> hostProcesses = chromium.descendants().filter(p -> p.info().commandLine().orElse("").contains("native-host")).toList();
    assertThat(hostProcesses).as("the native host runs under Chromium").isNotEmpty();
    started.addAll(hostProcesses);
    cdp.send("Browser.close", cdp.params(), null); // the browser may close the connection before it answers
    assertThat(chromium.waitFor(60, TimeUnit.SECONDS)).isTrue();
    for (ProcessHandle host : hostProcesses) {
      host.onExit().get(60, TimeUnit.SECONDS);
    }
  }

  @Test
  void withoutConsentTheButtonSaysWhyAndThePopupConnectsAgainOnceGiven() throws Exception {
    install();
    try (CdpConnection cdp = startChromium(home.resolve("browser").resolve("extension"))) {
      String extensionOrigin = "chrome-extension://" + ExtensionBundle.CHROMIUM_ID + "/";
      String worker = attach(cdp, "service_worker", extensionOrigin);
      awaitBadge(cdp, worker, "!");
      assertThat(evaluate(cdp, worker, "chrome.action.getTitle({})").asText())
          .contains("not recording", "understudy consent grant --adapter browser");
      String popup = openTab(cdp, extensionOrigin + "popup.html");
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
          assertThat(evaluate(cdp, popup, "document.getElementById('status').textContent").asText()).contains("has no consent"));
      assertThat(evaluate(cdp, popup, "document.getElementById('pause').disabled").asBoolean()).isTrue();
      assertThat(home.resolve("sessions")).doesNotExist();

      assertThat(CliRun.run(home, "consent", "grant", "--adapter", "browser").exitCode()).isZero();
      await().atMost(Duration.ofSeconds(30)).until(() -> !evaluate(cdp, popup, "document.getElementById('reconnect').hidden").asBoolean());
      click(cdp, popup, "#reconnect");
      awaitBadge(cdp, worker, "REC");
      closeBrowser(cdp);
    }
    List<SessionSummary> sessions = SessionStore.open(home.resolve("sessions")).list();
    assertThat(sessions).hasSize(1);
    assertThat(sessions.get(0).closedCleanly()).isTrue();
  }

  @Test
  void theExtensionRecordsThroughTheNativeHostIntoASessionAndItsPopupPausesIt() throws Exception {
    assertThat(CliRun.run(home, "consent", "grant", "--adapter", "browser").exitCode()).isZero();
    install();
    URI frame = serve("/widget.html", FRAME);
    URI page = serve("/form.html", PAGE.replace("FRAME_URL", frame.toString()));

    try (CdpConnection cdp = startChromium(home.resolve("browser").resolve("extension"))) {
      String extensionOrigin = "chrome-extension://" + ExtensionBundle.CHROMIUM_ID + "/";
      String worker = recordingWorker(cdp);

      String tab = openTab(cdp, page.toString());
      click(cdp, tab, "#name");
      type(cdp, tab, "Ada Lovelace");
      click(cdp, tab, "#pw");
      type(cdp, tab, PASSWORD);
      click(cdp, tab, "#send");
      // The button inside the cross-origin frame, where the iframe puts it (300 + 10 + 30 / 2).
      clickAt(cdp, tab, 20 + 10 + 60, 300 + 10 + 15);

      // Pause with the popup's switch, as a person would; then nothing is recorded until it is switched back.
      String popup = openTab(cdp, extensionOrigin + "popup.html");
      await().atMost(Duration.ofSeconds(30)).until(() -> evaluate(cdp, popup, "!document.getElementById('pause').disabled").asBoolean());
      click(cdp, popup, "#pause");
      awaitBadge(cdp, worker, "II");
      assertThat(evaluate(cdp, popup, "document.getElementById('status').textContent").asText()).contains("Paused");

      click(cdp, tab, "#name");
      type(cdp, tab, TYPED_WHILE_PAUSED);
      click(cdp, tab, "#blank");
      click(cdp, tab, "#send");

      click(cdp, popup, "#pause");
      awaitBadge(cdp, worker, "REC");
      click(cdp, tab, "#send");

      // The browser closes: the port closes, the host ends the session cleanly.
      closeBrowser(cdp);
    }

    SessionStore store = SessionStore.open(home.resolve("sessions"));
    List<SessionSummary> sessions = store.list();
    assertThat(sessions).hasSize(1);
    assertThat(sessions.get(0).closedCleanly()).isTrue();
    List<Action> actions = firstSession();
    List<Action> semantic = actions.stream().filter(a -> a.hasInvoke() || a.hasValueChange() || a.hasPause()).toList();
    assertThat(semantic).extracting(BrowserExtensionEndToEndTest::describe).containsExactly(
        "value textbox 'Full name' = Ada Lovelace",
        "value textbox 'Password' omitted",
        "click button 'Create account'",
        "submit form ''",
        "click button 'Frame action'",
        "pause",
        "resume",
        "click button 'Create account'",
        "submit form ''");
    // Every action belongs to the tab's page, also the one in the other origin's frame (the policy judges the
    // site the person is on); the frame's own URL is an attribute.
    assertThat(semantic).filteredOn(a -> !a.hasPause()).allSatisfy(a -> {
      assertThat(a.getSource().getAdapterId()).isEqualTo("browser");
      assertThat(a.getSource().getDocument()).isEqualTo(page.toString());
      assertThat(a.getSource().getWindowTitle()).isEqualTo("Sign up");
      assertThat(attributes(a)).contains("browser.transport=extension");
    });
    assertThat(semantic).filteredOn(a -> a.getTarget().getName().equals("Frame action")).singleElement()
        .satisfies(a -> assertThat(attributes(a)).contains("browser.frame.url=" + frame));
    String stored = Canaries.allBytes(home);
    assertThat(stored).doesNotContain(PASSWORD).doesNotContain(TYPED_WHILE_PAUSED);
  }

  @Test
  void pauseAndResumeFromTheCommandLineReachTheHostAndTheBadge() throws Exception {
    assertThat(CliRun.run(home, "consent", "grant", "--adapter", "browser").exitCode()).isZero();
    install();
    URI page = serve("/form.html", PAGE.replace("FRAME_URL", "about:blank"));

    try (CdpConnection cdp = startChromium(home.resolve("browser").resolve("extension"))) {
      String worker = recordingWorker(cdp);
      String tab = openTab(cdp, page.toString());
      click(cdp, tab, "#send");

      CliRun pause = CliRun.run(home, "pause");
      assertThat(pause.exitCode()).as(pause.err()).isZero();
      assertThat(pause.out()).contains("PAUSED", "the recording (process ");
      awaitBadge(cdp, worker, "II");
      click(cdp, tab, "#name");
      type(cdp, tab, TYPED_WHILE_PAUSED);
      click(cdp, tab, "#blank");
      click(cdp, tab, "#send");

      CliRun resume = CliRun.run(home, "resume");
      assertThat(resume.exitCode()).as(resume.err()).isZero();
      awaitBadge(cdp, worker, "REC");
      click(cdp, tab, "#send");
      closeBrowser(cdp);
    }
    assertThat(home.resolve("control").resolve("paused")).as("the host ended: the pause request is withdrawn").doesNotExist();
    List<Action> actions = firstSession();
    assertThat(actions.stream().filter(a -> a.hasInvoke() || a.hasValueChange() || a.hasPause()))
        .extracting(BrowserExtensionEndToEndTest::describe).containsExactly(
            "click button 'Create account'", "submit form ''", "pause", "resume", "click button 'Create account'", "submit form ''");
    String stored = Canaries.allBytes(home);
    assertThat(stored).doesNotContain(TYPED_WHILE_PAUSED);
  }

  @Test
  void onAMaskedSiteTheExtensionRecordsNoFieldValue() throws Exception {
    assertThat(CliRun.run(home, "consent", "grant", "--adapter", "browser").exitCode()).isZero();
    install("--set", "adapter.browser.mask-values-hosts=127.0.0.*");
    URI page = serve("/form.html", PAGE.replace("FRAME_URL", "about:blank"));

    try (CdpConnection cdp = startChromium(home.resolve("browser").resolve("extension"))) {
      recordingWorker(cdp);
      String tab = openTab(cdp, page.toString());
      click(cdp, tab, "#name");
      type(cdp, tab, TYPED_ON_MASKED_SITE);
      click(cdp, tab, "#send");
      closeBrowser(cdp);
    }
    List<Action> actions = firstSession();
    assertThat(actions).filteredOn(Action::hasValueChange).singleElement().satisfies(a -> {
      assertThat(a.getTarget().getName()).isEqualTo("Full name");
      assertThat(a.getValueChange().getValueOmitted()).isTrue();
    });
    String stored = Canaries.allBytes(home);
    assertThat(stored).doesNotContain(TYPED_ON_MASKED_SITE);
  }

  @Test
  void aFrameFromASiteThePolicyDeniesRecordsNothingInsideAnAllowedPage() throws Exception {
    assertThat(CliRun.run(home, "consent", "grant", "--adapter", "browser").exitCode()).isZero();
    Path policy = home.resolve("deny-localhost.yaml");
    Files.writeString(policy, "version: 1\nurls:\n  deny: ['localhost']\n");
    install("--policy", policy.toString());
    URI denied = URI.create(serve("/tracker.html", DENIED_FRAME).toString().replace("127.0.0.1", "localhost"));
    URI allowed = serve("/widget.html", FRAME);
    // Two frames from other origins: the allowed one shows that the frames' recorders were up.
    URI page = serve("/form.html", PAGE.replace("FRAME_URL", allowed.toString()).replace("</body>",
        "<iframe id='tracker' src='" + denied + "' style='position:absolute;left:20px;top:420px;width:300px;height:100px;border:0'>"
            + "</iframe></body>"));

    try (CdpConnection cdp = startChromium(home.resolve("browser").resolve("extension"))) {
      recordingWorker(cdp);
      String tab = openTab(cdp, page.toString());
      // The denied frame is another site, so its own (out-of-process) target: wait until its page is in it.
      await().atMost(Duration.ofSeconds(30)).until(() -> call(cdp, null, "Target.getTargets", Map.of()).path("targetInfos")
          .findValuesAsText("url").contains(denied.toString()));
      // The field and the button inside the denied frame, where the iframe puts them (left 20, top 420).
      clickAt(cdp, tab, 20 + 150 + 60, 420 + 10 + 15);
      type(cdp, tab, TYPED_IN_DENIED_FRAME);
      clickAt(cdp, tab, 20 + 10 + 60, 420 + 10 + 15);
      // The button inside the allowed frame (left 20, top 300), then the page's own.
      clickAt(cdp, tab, 20 + 10 + 60, 300 + 10 + 15);
      click(cdp, tab, "#send");
      closeBrowser(cdp);
    }
    List<Action> actions = firstSession();
    assertThat(actions.stream().filter(a -> a.hasInvoke() || a.hasValueChange()))
        .extracting(BrowserExtensionEndToEndTest::describe).as("nothing from the denied frame; all: %s", actions)
        .containsExactly("click button 'Frame action'", "click button 'Create account'", "submit form ''");
    assertThat(actions).filteredOn(a -> a.getTarget().getName().equals("Frame action")).singleElement()
        .satisfies(a -> assertThat(attributes(a)).contains("browser.frame.url=" + allowed));
    assertThat(actions).noneMatch(a -> a.toString().contains("localhost"));
    String stored = Canaries.allBytes(home.resolve("sessions"));
    assertThat(stored).doesNotContain(TYPED_IN_DENIED_FRAME).doesNotContain("localhost");
  }

  @Test
  void switchingBetweenTabsIsRecordedAsTabActivationThroughTheExtension() throws Exception {
    assertThat(CliRun.run(home, "consent", "grant", "--adapter", "browser").exitCode()).isZero();
    install();
    URI signUp = serve("/form.html", PAGE.replace("FRAME_URL", "about:blank"));
    URI widget = serve("/widget.html", FRAME);

    try (CdpConnection cdp = startChromium(home.resolve("browser").resolve("extension"))) {
      recordingWorker(cdp);
      String first = targetId(cdp, openTab(cdp, signUp.toString()));
      String second = targetId(cdp, openTab(cdp, widget.toString()));
      call(cdp, null, "Target.activateTarget", Map.of("targetId", first));
      call(cdp, null, "Target.activateTarget", Map.of("targetId", second));
      closeBrowser(cdp);
    }
    List<Action> actions = firstSession();
    List<Action> switches = actions.stream().filter(Action::hasWindowSwitch).toList();
    // The recorder in each tab's top frame reports that its tab became visible (the content script is the
    // same recorder as on the DevTools path); the first switch comes from the tab that opened in front (its
    // visible load said so), the next from the tab switched away from.
    assertThat(switches).extracting(a -> a.getWindowSwitch().getFrom().getTitle() + " -> " + a.getWindowSwitch().getTo().getTitle())
        .as("each tab switch, in order").containsExactly("Widget -> Sign up", "Sign up -> Widget");
    assertThat(switches.get(0).getSource().getDocument()).isEqualTo(signUp.toString());
    assertThat(switches.get(1).getSource().getDocument()).isEqualTo(widget.toString());
    assertThat(switches).allSatisfy(a -> assertThat(attributes(a)).contains("browser.transport=extension"));
  }

  private static String targetId(CdpConnection cdp, String session) throws Exception {
    return call(cdp, session, "Target.getTargetInfo", Map.of()).path("targetInfo").path("targetId").asText();
  }

  /** The actions of the one session the host wrote. */
  private List<Action> firstSession() throws Exception {
    SessionStore store = SessionStore.open(home.resolve("sessions"));
    try (SessionReader reader = store.reader(store.list().get(0).id())) {
      return reader.readAll();
    }
  }

  private static List<String> attributes(Action a) {
    return a.getAttributesList().stream().map(attr -> attr.getKey() + "=" + attr.getValue()).toList();
  }

  private static String describe(Action a) {
    if (a.hasPause()) {
      return a.getPause().getPaused() ? "pause" : "resume";
    }
    String target = a.getTarget().getRole() + " '" + a.getTarget().getName() + "'";
    if (a.hasInvoke()) {
      return a.getInvoke().getMethod().name().replace("INVOKE_METHOD_", "").toLowerCase(java.util.Locale.ROOT) + " " + target;
    }
    return "value " + target + (a.getValueChange().getValueOmitted() ? " omitted" : " = " + a.getValueChange().getValue());
  }
}
