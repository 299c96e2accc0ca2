package dev.understudy.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.Capability;
import dev.understudy.proto.v1.Clipboard;
import dev.understudy.proto.v1.FileEvent;
import dev.understudy.proto.v1.Invoke;
import dev.understudy.proto.v1.Locator;
import dev.understudy.proto.v1.Navigate;
import dev.understudy.proto.v1.Redaction;
import dev.understudy.proto.v1.ReplacementKind;
import dev.understudy.proto.v1.Selection;
import dev.understudy.proto.v1.Source;
import dev.understudy.proto.v1.Target;
import dev.understudy.proto.v1.TextLocation;
import dev.understudy.proto.v1.WindowRef;
import dev.understudy.proto.v1.WindowSwitch;
import org.junit.jupiter.api.Test;

class PolicyGateTest {

  private final PolicyGate gate = new PolicyGate(PrivacyPolicy.defaults());

  private static Action in(String app, String title, String document) {
    return Action.newBuilder().setSource(Source.newBuilder().setAppId(app).setWindowTitle(title).setDocument(document)
        .setAdapterId("test")).setInvoke(Invoke.getDefaultInstance()).build();
  }

  @Test
  void keepsAnOrdinaryActionUntouched() {
    Action a = in("notes", "report.txt — Notes", "/home/ann/report.txt");
    assertThat(gate.apply(a)).isSameAs(a);
    assertThat(gate.name()).isEqualTo("policy");
  }

  @Test
  void dropsActionsInDeniedAppsWindowsSitesAndFiles() {
    assertThat(gate.apply(in("org.keepassxc.KeePassXC", "", ""))).isNull();
    assertThat(gate.apply(in("chromium", "Inbox - Chromium (Incognito)", ""))).isNull();
    assertThat(gate.apply(in("firefox", "Sign in", "https://online.examplebank.com/"))).isNull();
    assertThat(gate.apply(in("code", "", "/home/ann/app/.env"))).isNull();
    Action nav = Action.newBuilder().setNavigate(Navigate.newBuilder().setUrl("https://www.paypal.com/")).build();
    assertThat(gate.apply(nav)).isNull();
    Action toVault = Action.newBuilder().setWindowSwitch(WindowSwitch.newBuilder()
        .setTo(WindowRef.newBuilder().setAppId("com.bitwarden.desktop").setTitle("Vault"))).build();
    assertThat(gate.apply(toVault)).isNull();
    Action rename = Action.newBuilder().setFileEvent(FileEvent.newBuilder().setPath("/tmp/a.txt").setNewPath("/tmp/key.pem")).build();
    assertThat(gate.apply(rename)).isNull();
    Action edit = Action.newBuilder().setTarget(Target.newBuilder().addLocators(Locator.newBuilder()
        .setTextLocation(TextLocation.newBuilder().setUri("file:///srv/app/.env")))).setInvoke(Invoke.getDefaultInstance()).build();
    assertThat(gate.apply(edit)).isNull();
  }

  @Test
  void clearsWhereADeniedPlaceOnlyAppearsAsWhereThePersonCameFrom() {
    Action fromVault = Action.newBuilder().setWindowSwitch(WindowSwitch.newBuilder()
        .setFrom(WindowRef.newBuilder().setAppId("org.keepassxc.KeePassXC").setTitle("Passwords.kdbx"))
        .setTo(WindowRef.newBuilder().setAppId("notes").setTitle("Notes"))).build();
    Action out = gate.apply(fromVault);
    assertThat(out.getWindowSwitch().hasFrom()).isFalse();
    assertThat(out.getWindowSwitch().getTo().getTitle()).isEqualTo("Notes");
    assertThat(out.getRedactionsList()).singleElement().satisfies(r -> {
      assertThat(r.getFieldPath()).isEqualTo("window_switch.from");
      assertThat(r.getRuleId()).isEqualTo(PolicyGate.RULE_DENY);
    });
    Action back = Action.newBuilder().setNavigate(Navigate.newBuilder().setUrl("https://example.org/")
        .setPreviousUrl("https://www.paypal.com/checkout")).build();
    assertThat(gate.apply(back).getNavigate().getPreviousUrl()).isEmpty();
  }

  @Test
  void clearsClipboardContentKeepingItsLengthAndSayingSo() {
    Action copy = Action.newBuilder().setClipboard(Clipboard.newBuilder().setContent("hunter2 é")).build();
    Action out = gate.apply(copy);
    assertThat(out.getClipboard().getContent()).isEmpty();
    assertThat(out.getClipboard().getContentLength()).isEqualTo(9);
    assertThat(out.getRedactionsList()).containsExactly(Redaction.newBuilder().setFieldPath("clipboard.content")
        .setRuleId("policy-capability").setRuleVersion(1).setReplacement(ReplacementKind.REPLACEMENT_KIND_REMOVED).setCount(1).build());
    PolicyGate allowing = new PolicyGate(PrivacyPolicy.builder().capability(Capability.CAPABILITY_CLIPBOARD_CONTENT, true).build());
    assertThat(allowing.apply(copy)).isSameAs(copy);
  }

  @Test
  void clearsSelectedTextWhenTextContentIsOff() {
    PolicyGate noText = new PolicyGate(PrivacyPolicy.builder().capability(Capability.CAPABILITY_TEXT_CONTENT, false).build());
    Action out = noText.apply(Action.newBuilder().setSelection(Selection.newBuilder().setText("secret").setItemCount(1)).build());
    assertThat(out.getSelection().getText()).isEmpty();
    assertThat(out.getSelection().getItemCount()).isEqualTo(1);
    assertThat(out.getRedactions(0).getFieldPath()).isEqualTo("selection.text");
  }

  @Test
  void clearsEveryTitleUrlAndDocumentWhenTitlesAreOff() {
    PolicyGate noTitles = new PolicyGate(PrivacyPolicy.builder().capability(Capability.CAPABILITY_TITLES, false).build());
    Action nav = Action.newBuilder().setSource(Source.newBuilder().setAppId("firefox").setWindowTitle("Example")
        .setDocument("https://example.org/a")).setNavigate(Navigate.newBuilder().setUrl("https://example.org/a")
        .setPreviousUrl("https://example.org/")).build();
    Action out = noTitles.apply(nav);
    assertThat(out.getSource().getWindowTitle()).isEmpty();
    assertThat(out.getSource().getDocument()).isEmpty();
    assertThat(out.getSource().getAppId()).isEqualTo("firefox");
    assertThat(out.getNavigate().getUrl()).isEmpty();
    assertThat(out.getRedactionsList()).extracting(Redaction::getFieldPath)
        .containsExactly("source.window_title", "source.document", "navigate.url", "navigate.previous_url");
    Action sw = Action.newBuilder().setWindowSwitch(WindowSwitch.newBuilder().setFrom(WindowRef.newBuilder().setTitle("A"))
        .setTo(WindowRef.newBuilder().setTitle("B"))).build();
    assertThat(noTitles.apply(sw).getRedactionsList()).extracting(Redaction::getFieldPath)
        .containsExactly("window_switch.to.title", "window_switch.from.title");
  }
}
