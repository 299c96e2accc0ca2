package dev.understudy.plugins.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.Locator;
import dev.understudy.proto.v1.NavigationType;
import dev.understudy.testing.RecordingCaptureContext;
import dev.understudy.testing.ReportedLoss;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Recorder messages written by hand: what becomes which action, and what is refused and counted. */
class RecorderTranslatorTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final double T = 1_750_000_000_000.5;

  private final RecordingCaptureContext context = RecordingCaptureContext.create();
  private final RecorderTranslator translator = new RecorderTranslator(context.emitter(), 4096);

  private static ObjectNode message(String rid, long seq, String type) {
    ObjectNode m = JSON.createObjectNode().put("v", 1).put("rid", rid).put("seq", seq).put("t", T).put("type", type);
    m.putObject("frame").put("url", "https://shop.example/cart").put("top", true).put("title", "Cart");
    return m;
  }

  private static ObjectNode target(ObjectNode m, String role, String name) {
    ObjectNode t = m.putObject("target").put("role", role).put("name", name).put("tag", "button").put("secure", false)
        .put("roleNameCount", 1);
    t.putArray("locators").addObject().put("kind", "css").put("value", "form > button").put("count", 3);
    t.withArray("locators").addObject().put("kind", "testId").put("value", "pay").put("attr", "data-testid").put("count", 1);
    t.withArray("locators").addObject().put("kind", "text").put("value", name).put("count", 0);
    t.putArray("shadow");
    t.putArray("context").addObject().put("role", "form").put("name", "Checkout");
    return t;
  }

  private static ObjectNode click(String rid, long seq) {
    ObjectNode m = message(rid, seq, "click").put("method", "click").put("button", 0);
    target(m, "button", "Pay");
    return m;
  }

  private void send(Object message) {
    translator.accept("test", message.toString());
  }

  @Test
  void aClickBecomesAnInvokeWithLocatorsInReplayOrder() {
    send(click("rec-aaaa1111", 1));
    Action a = context.actions().get(0);
    assertThat(a.getInvoke().getMethod().name()).isEqualTo("INVOKE_METHOD_CLICK");
    assertThat(a.getTimeUnixNano()).isEqualTo(1_750_000_000_000_500_000L);
    assertThat(a.getSource().getAppId()).isEqualTo("chromium");
    assertThat(a.getSource().getWindowTitle()).isEqualTo("Cart");
    assertThat(a.getSource().getDocument()).isEqualTo("https://shop.example/cart");
    assertThat(a.getTarget().getLocatorsList()).extracting(Locator::getKindCase)
        .as("unique first, then by count, unmeasured last")
        .containsExactly(Locator.KindCase.TEST_ID, Locator.KindCase.CSS, Locator.KindCase.TEXT);
    assertThat(Actions.attribute(a, "browser.test_id.attr")).isEqualTo("data-testid");
    assertThat(Actions.attribute(a, "browser.transport")).isEqualTo("test");
    assertThat(a.getTarget().getContext(0).getName()).isEqualTo("Checkout");
  }

  @Test
  void aCappedCountSaysWhereCountingStoppedAndABelowTwoCapIsRejected() {
    ObjectNode capped = click("rec-aaaa1111", 1);
    ((ObjectNode) capped.get("target")).put("countCap", 2).put("roleNameCount", 2);
    send(capped);
    send(click("rec-aaaa1111", 2));
    ObjectNode useless = click("rec-aaaa1111", 3);
    ((ObjectNode) useless.get("target")).put("countCap", 1);
    send(useless);

    assertThat(context.actions()).hasSize(2);
    assertThat(Actions.attribute(context.actions().get(0), "browser.count.cap")).isEqualTo("2");
    assertThat(context.actions().get(0).getTarget().getRoleNameMatchCount()).isEqualTo(2);
    assertThat(Actions.attribute(context.actions().get(1), "browser.count.cap")).as("exact counts: no attribute").isEmpty();
    assertThat(translator.rejections()).contains(entry(Rejection.SCHEMA, 1L));
  }

  @Test
  void malformedOversizedAndOutOfOrderMessagesAreRejectedCountedAndReportedWhileGoodOnesPassOn() {
    send(click("rec-aaaa1111", 1));
    send("{not json");
    send("[1, 2]");
    send("x".repeat(5000));
    send(message("rec-aaaa1111", 2, "click").put("v", 2));
    send(message("bad id!", 2, "click"));
    send(message("rec-aaaa1111", 2, "teleport"));
    send(message("rec-aaaa1111", 2, "click").put("method", "click").put("button", 0)); // no target
    send(click("rec-aaaa1111", 1)); // replayed
    send(click("rec-aaaa1111", 2));
    send(click("rec-aaaa1111", 2)); // repeated
    send(click("rec-bbbb2222", 1)); // another frame has its own order

    assertThat(context.actions()).hasSize(3);
    assertThat(translator.rejections()).contains(entry(Rejection.NOT_JSON, 1L), entry(Rejection.NOT_AN_OBJECT, 1L),
        entry(Rejection.OVERSIZED, 1L), entry(Rejection.VERSION, 1L), entry(Rejection.RECORDER_ID, 1L),
        entry(Rejection.SCHEMA, 2L), entry(Rejection.SEQUENCE, 2L), entry(Rejection.INTERNAL, 0L));
    assertThat(translator.rejectedCount()).isEqualTo(9);
    assertThat(context.losses()).hasSize(9).allMatch(l -> l.count() == 1 && l.detail().startsWith("browser recorder message rejected: "));
    assertThat(context.losses()).extracting(ReportedLoss::detail).as("no content of the message is reported")
        .noneMatch(d -> d.contains("not json") || d.contains("teleport"));
  }

  @Test
  void aHoleInTheSequenceIsReportedAsLoss() {
    send(click("rec-aaaa1111", 1));
    send(click("rec-aaaa1111", 5));
    assertThat(context.actions()).hasSize(2);
    assertThat(context.losses()).containsExactly(new ReportedLoss(3, "browser recorder messages lost between the page and the adapter"));
  }

  @Test
  void aSecureTargetNeverCarriesAValueEvenWhenTheRecorderSentOne() {
    ObjectNode m = message("rec-aaaa1111", 1, "value").put("valueKind", "text").put("value", "hunter2").put("omitted", false)
        .put("cause", "change");
    target(m, "textbox", "Password").put("tag", "input").put("inputType", "password");
    send(m);
    ObjectNode card = message("rec-aaaa1111", 2, "value").put("valueKind", "text").put("value", "4111").put("omitted", false)
        .put("cause", "blur");
    target(card, "textbox", "Card").put("tag", "input").put("autocomplete", "billing cc-number");
    send(card);
    List<Action> actions = context.actions();
    assertThat(actions).hasSize(2).allSatisfy(a -> {
      assertThat(a.getTarget().getSecure()).isTrue();
      assertThat(a.getValueChange().getValue()).isEmpty();
      assertThat(a.getValueChange().getValueOmitted()).isTrue();
    });
  }

  @Test
  void messagesFromFramesTakeTheTabAsDocumentAndCarryTheirFramePath() {
    ObjectNode m = click("rec-cccc3333", 1);
    m.putObject("frame").put("url", "https://pay.example/widget").put("top", false).put("title", "Widget")
        .putArray("path").addObject().put("css", "iframe#pay").put("count", 1).putArray("shadow").addObject().put("css", "pay-box").put("count", 2);
    ((ObjectNode) m.get("target")).putArray("shadow").addObject().put("css", "card-field").put("count", 1);
    translator.accept("cdp", m.toString(), new TabContext("tab-1", "Checkout - Shop", "https://shop.example/checkout"));
    Action a = context.actions().get(0);
    assertThat(a.getSource().getDocument()).isEqualTo("https://shop.example/checkout");
    assertThat(a.getSource().getWindowTitle()).isEqualTo("Checkout - Shop");
    assertThat(Actions.attribute(a, "browser.frame.url")).isEqualTo("https://pay.example/widget");
    Locator path = Actions.locator(a, Locator.KindCase.FRAME_PATH);
    assertThat(path.getFramePath()).isEqualTo("shadow=pay-box >> frame=iframe#pay >> shadow=card-field");
    assertThat(path.getMatchCount()).as("the worst step").isEqualTo(2);
    assertThat(a.getTarget().getLocatorsList()).last().isEqualTo(path);
  }

  @Test
  void navigationsSayHowThePageWasReached() {
    TabContext tab = new TabContext("tab-1", "Shop", "https://shop.example/");
    translator.accept("cdp", message("rec-aaaa0001", 1, "navigate").put("url", "https://shop.example/").put("how", "load").toString(), tab);
    translator.accept("cdp", click("rec-aaaa0001", 2).toString(), tab);
    ObjectNode link = click("rec-aaaa0001", 3);
    ((ObjectNode) link.get("target")).put("role", "link");
    translator.accept("cdp", link.toString(), tab);
    translator.accept("cdp", message("rec-aaaa0002", 1, "navigate").put("url", "https://shop.example/a").put("how", "load").toString(), tab);
    translator.accept("cdp", message("rec-aaaa0002", 2, "navigate").put("url", "https://shop.example/a#x").put("how", "hash").toString(), tab);
    translator.expectNavigation("tab-2", NavigationType.NAVIGATION_TYPE_POPUP);
    translator.accept("cdp", message("rec-aaaa0003", 1, "navigate").put("url", "https://shop.example/p").put("how", "load").toString(),
        new TabContext("tab-2", "", ""));
    translator.accept("cdp", message("rec-aaaa0002", 3, "navigate").put("url", "https://shop.example/").put("how", "traverse").toString(), tab);
    ObjectNode frame = message("rec-aaaa0009", 1, "navigate").put("url", "https://ads.example/").put("how", "load");
    ((ObjectNode) frame.get("frame")).put("top", false);
    translator.accept("cdp", frame.toString(), tab);

    List<Action> navigations = context.actions().stream().filter(Action::hasNavigate).toList();
    assertThat(navigations).extracting(a -> a.getNavigate().getNavigationType().name().replace("NAVIGATION_TYPE_", ""))
        .containsExactly("UNSPECIFIED", "LINK", "SAME_DOCUMENT", "POPUP", "BACK_FORWARD");
    assertThat(navigations.get(1).getNavigate().getPreviousUrl()).isEqualTo("https://shop.example/");
  }

  @Test
  void aTabSwitchSaysWhichTabWasInFrontEvenWhenThatTabOpenedInFront() {
    TabContext shop = new TabContext("tab-1", "Shop", "https://shop.example/");
    TabContext help = new TabContext("tab-2", "Help", "https://help.example/");
    TabContext later = new TabContext("tab-3", "Later", "https://later.example/");
    translator.accept("cdp", titled(message("rec-aaaa0001", 1, "navigate"), "Shop").put("url", "https://shop.example/").put("how", "load")
        .put("visible", true).toString(), shop);
    // A tab opened in front never becomes visible: its visible load says it is in front now.
    translator.accept("cdp", titled(message("rec-aaaa0002", 1, "navigate"), "Help").put("url", "https://help.example/").put("how", "load")
        .put("visible", true).toString(), help);
    // One opened behind does not change which tab is in front.
    translator.accept("cdp", titled(message("rec-aaaa0003", 1, "navigate"), "Later").put("url", "https://later.example/").put("how", "load")
        .put("visible", false).toString(), later);
    translator.accept("cdp", titled(message("rec-aaaa0001", 2, "activate"), "Shop").toString(), shop);
    translator.accept("cdp", titled(message("rec-aaaa0003", 2, "activate"), "Later").toString(), later);

    List<Action> switches = context.actions().stream().filter(Action::hasWindowSwitch).toList();
    assertThat(switches).extracting(a -> a.getWindowSwitch().getFrom().getTitle() + " -> " + a.getWindowSwitch().getTo().getTitle())
        .containsExactly("Help -> Shop", "Shop -> Later");
  }

  @Test
  void withoutTabsASwitchStillComesFromThePageInFront() {
    translator.accept("test", titled(message("rec-aaaa0001", 1, "activate"), "Shop").toString());
    translator.accept("test", titled(message("rec-aaaa0002", 1, "activate"), "Help").toString());
    List<Action> switches = context.actions().stream().filter(Action::hasWindowSwitch).toList();
    assertThat(switches).extracting(a -> a.getWindowSwitch().getFrom().getTitle() + " -> " + a.getWindowSwitch().getTo().getTitle())
        .containsExactly(" -> Shop", "Shop -> Help");
  }

  @Test
  void aSwitchNeverNamesAPageThePolicyRefusesAsWhereItCameFrom() {
    RecorderTranslator judging = new RecorderTranslator(context.emitter(), 4096,
        new RecorderTranslator.Rules(d -> !d.contains("bank.example"), List.of()));
    TabContext bank = new TabContext("tab-1", "Bank", "https://bank.example/");
    TabContext shop = new TabContext("tab-2", "Shop", "https://shop.example/");
    judging.accept("cdp", titled(message("rec-aaaa0001", 1, "navigate"), "My account - Bank").put("url", "https://bank.example/")
        .put("how", "load").put("visible", true).toString(), bank);
    judging.accept("cdp", titled(message("rec-aaaa0002", 1, "activate"), "Shop").toString(), shop);
    Action toShop = context.actions().stream().filter(Action::hasWindowSwitch).findFirst().orElseThrow();
    assertThat(toShop.getWindowSwitch().hasFrom()).as("from the refused page: not named").isFalse();
  }

  private static ObjectNode titled(ObjectNode m, String title) {
    ((ObjectNode) m.get("frame")).put("title", title);
    return m;
  }

  @Test
  void aMenuItemIsInvokedThroughItsMenuPath() {
    ObjectNode m = click("rec-aaaa1111", 1);
    ObjectNode t = target(m, "menuitem", "Export");
    t.putArray("context").addObject().put("role", "menubar").put("name", "Editor");
    t.withArray("context").addObject().put("role", "menu").put("name", "File");
    send(m);
    Action a = context.actions().get(0);
    assertThat(a.getInvoke().getMethod().name()).isEqualTo("INVOKE_METHOD_MENU");
    assertThat(a.getInvoke().getMenuPathList()).containsExactly("Editor", "File", "Export");
  }

  private static ObjectNode textValue(String rid, long seq, String value) {
    ObjectNode m = message(rid, seq, "value").put("valueKind", "text").put("value", value).put("omitted", false).put("cause", "change");
    target(m, "textbox", "Name").put("tag", "input");
    return m;
  }

  private static ObjectNode inFrame(ObjectNode m, String url) {
    ((ObjectNode) m.get("frame")).put("url", url).put("top", false).putArray("path");
    return m;
  }

  private RecorderTranslator maskingBankSites() {
    return new RecorderTranslator(context.emitter(), 4096, new RecorderTranslator.Rules(d -> true, List.of("*.bank.example")));
  }

  @Test
  void onAMaskedSiteValuesAndClipboardTextAreLeftOutWhateverTheRecorderSent() {
    RecorderTranslator masking = maskingBankSites();
    masking.accept("test", inFrame(textValue("rec-aaaa1111", 1, "canary-in-frame"), "https://pay.bank.example/f").toString(),
        new TabContext("t1", "Shop", "https://shop.example/"));
    masking.accept("test", textValue("rec-bbbb2222", 1, "canary-on-top").toString(), new TabContext("t2", "Bank", "https://www.bank.example/"));
    masking.accept("test", textValue("rec-cccc3333", 1, "kept").toString(), new TabContext("t3", "Shop", "https://shop.example/"));
    List<Action> actions = context.actions();
    assertThat(actions).hasSize(3);
    assertThat(actions.subList(0, 2)).allSatisfy(a -> {
      assertThat(a.getValueChange().getValueOmitted()).isTrue();
      assertThat(a.getValueChange().getValue()).isEmpty();
      assertThat(a.getAttributesList()).anyMatch(x -> x.getKey().equals("browser.value.masked"));
    });
    assertThat(actions.get(2).getValueChange().getValue()).isEqualTo("kept");
    assertThat(actions.toString()).doesNotContain("canary");
  }

  private static ObjectNode files(String rid, long seq, String... names) {
    ObjectNode m = message(rid, seq, "value").put("valueKind", "file").put("omitted", false).put("cause", "change")
        .put("fileCount", names.length);
    java.util.Arrays.stream(names).forEach(n -> m.withArray("fileNames").add(n));
    target(m, "button", "Avatar").put("tag", "input");
    return m;
  }

  @Test
  void onAMaskedSiteChosenFileNamesAreLeftOutWhateverTheRecorderSent() {
    RecorderTranslator masking = maskingBankSites();
    masking.accept("test", inFrame(files("rec-aaaa1111", 1, "canary-statement.pdf"), "https://pay.bank.example/f").toString(),
        new TabContext("t1", "Shop", "https://shop.example/"));
    masking.accept("test", files("rec-bbbb2222", 1, "canary-a.pdf", "canary-b.pdf").toString(),
        new TabContext("t2", "Bank", "https://www.bank.example/"));
    masking.accept("test", files("rec-cccc3333", 1, "kept-a.pdf", "kept-b.pdf").toString(),
        new TabContext("t3", "Shop", "https://shop.example/"));
    List<Action> actions = context.actions();
    assertThat(actions).hasSize(4);
    assertThat(actions.subList(0, 2)).allSatisfy(a -> {
      assertThat(a.hasFileEvent()).isFalse();
      assertThat(a.getValueChange().getValueKind().name()).isEqualTo("VALUE_KIND_FILE");
      assertThat(a.getValueChange().getValueOmitted()).isTrue();
      assertThat(Actions.attribute(a, "browser.value.masked")).isEqualTo("true");
    });
    assertThat(Actions.attribute(actions.get(1), "browser.file.count")).isEqualTo("2");
    assertThat(actions.subList(2, 4)).extracting(a -> a.getFileEvent().getPath()).containsExactly("kept-a.pdf", "kept-b.pdf");
    assertThat(actions.toString()).doesNotContain("canary");
  }

  @Test
  void messagesFromAFrameThePolicyRefusesMakeNoActionAndLoseNothing() {
    RecorderTranslator judging = new RecorderTranslator(context.emitter(), 4096,
        new RecorderTranslator.Rules(d -> !d.contains("tracker.example"), List.of()));
    TabContext tab = new TabContext("t1", "Shop", "https://shop.example/");
    judging.accept("test", inFrame(click("rec-aaaa1111", 1), "https://tracker.example/widget").toString(), tab);
    judging.accept("test", inFrame(textValue("rec-aaaa1111", 2, "canary"), "https://tracker.example/widget").toString(), tab);
    judging.accept("test", inFrame(click("rec-bbbb2222", 1), "https://cdn.shop.example/frame").toString(), tab);
    judging.accept("test", click("rec-cccc3333", 1).toString(), tab);
    assertThat(context.actions()).hasSize(2);
    assertThat(context.actions().toString()).doesNotContain("tracker.example", "canary");
    assertThat(judging.deniedFrameMessages()).isEqualTo(2);
    assertThat(judging.rejectedCount()).isZero();
    assertThat(context.losses()).isEmpty();
  }
}
