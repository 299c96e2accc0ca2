package dev.understudy.core.privacy.redact;

import static org.assertj.core.api.Assertions.assertThat;

import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.Attribute;
import dev.understudy.proto.v1.Invoke;
import dev.understudy.proto.v1.Locator;
import dev.understudy.proto.v1.Navigate;
import dev.understudy.proto.v1.Source;
import dev.understudy.proto.v1.Target;
import dev.understudy.proto.v1.TextEdit;
import dev.understudy.proto.v1.ValueChange;
import dev.understudy.proto.v1.WindowRef;
import dev.understudy.proto.v1.WindowSwitch;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A sanity figure, not a benchmark (bench/ has that): actions per second through the redactor on a
 * realistic mix, with the default engine and with the unfiltered java.util.regex baseline. The
 * assertion is that both find the same things; the speed is printed.
 */
class RedactorThroughputTest {

  /** Realistic action text: mostly ordinary work, two actions in ten carrying something to redact. */
  static List<Action> realisticMix() {
    Source writer = Source.newBuilder().setAppId("org.libreoffice.writer").setAdapterId("office.uno")
        .setWindowTitle("Quarterly report Q3 2024 - LibreOffice Writer").setDocument("file:///home/lena/Documents/Q3-report.odt").build();
    Source browser = Source.newBuilder().setAppId("chromium").setAdapterId("browser")
        .setWindowTitle("Inbox (12) - Example Mail").setDocument("https://mail.example.com/inbox").build();
    Source code = Source.newBuilder().setAppId("code").setAdapterId("vscode")
        .setWindowTitle("Pipeline.java - understudy - Visual Studio Code").setDocument("file:///src/dev/understudy/core/Pipeline.java").build();
    return List.of(
        Action.newBuilder().setSource(writer).setTarget(Target.newBuilder().setRole("button").setName("Bold")
            .addLocators(Locator.newBuilder().setCommandUrl(".uno:Bold"))).setInvoke(Invoke.newBuilder().setCommand(".uno:Bold")).build(),
        Action.newBuilder().setSource(writer).setTarget(Target.newBuilder().setRole("document").setName("Text body"))
            .setTextEdit(TextEdit.newBuilder().setText("Revenue grew by 12% compared with the previous quarter.")).build(),
        Action.newBuilder().setSource(writer).setTarget(Target.newBuilder().setRole("menuitem").setName("Export as PDF..."))
            .setInvoke(Invoke.newBuilder().addMenuPath("File").addMenuPath("Export As")).build(),
        Action.newBuilder().setSource(browser).setTarget(Target.newBuilder().setRole("textbox").setName("Subject")
            .addLocators(Locator.newBuilder().setCss("#compose > div.subject input")))
            .setValueChange(ValueChange.newBuilder().setValue("Re: Meeting on Thursday at 14:30")).build(),
        Action.newBuilder().setSource(browser).setTarget(Target.newBuilder().setRole("link").setName("Open ticket JIRA-4821"))
            .setNavigate(Navigate.newBuilder().setUrl("https://jira.example.com/browse/JIRA-4821?focusedCommentId=99812&page=2")).build(),
        Action.newBuilder().setSource(browser).setTarget(Target.newBuilder().setRole("textbox").setName("To"))
            .setValueChange(ValueChange.newBuilder().setValue("marc.dupont@example.fr")).build(),
        Action.newBuilder().setSource(code).setTarget(Target.newBuilder().setRole("document").setName("Pipeline.java"))
            .setTextEdit(TextEdit.newBuilder().setText("    for (PrivacyStage stage : privacyStages) {").setLanguageId("java")).build(),
        Action.newBuilder().setSource(code).setTarget(Target.newBuilder().setRole("document").setName(".env"))
            .setTextEdit(TextEdit.newBuilder().setText("AWS_ACCESS_KEY_ID=AKIAQ7RT2ZK4M9XW3B5N")).build(),
        Action.newBuilder().setSource(code).setWindowSwitch(WindowSwitch.newBuilder()
            .setFrom(WindowRef.newBuilder().setTitle("Terminal - ~/src/understudy"))
            .setTo(WindowRef.newBuilder().setTitle("Pull request #482 - GitHub"))).build(),
        Action.newBuilder().setSource(writer).setTarget(Target.newBuilder().setRole("cell").setName("B5"))
            .setValueChange(ValueChange.newBuilder().setValue("=SUM(B1:B4)")).addAttributes(Attribute.newBuilder().setKey("uno.frame").setValue("Calc")).build());
  }

  @Test
  void printsActionsPerSecondAndBothEnginesAgree() {
    byte[] key = new byte[32];
    Redactor fast = Redactor.builder().fixedKey(key).build();
    Redactor naive = Redactor.builder().fixedKey(key).matchEngine(MatchEngine.JAVA_REGEX_UNFILTERED).build();
    List<Action> mix = realisticMix();
    for (Action a : mix) {
      assertThat(fast.apply(a)).isEqualTo(naive.apply(a));
    }
    assertThat(mix.stream().filter(a -> fast.apply(a) != a).count()).isEqualTo(2);
    double fastRate = rate(fast, mix);
    double naiveRate = rate(naive, mix);
    System.out.printf("redaction sanity: RE2/J + prefilters %,.0f actions/s; java.util.regex unfiltered %,.0f actions/s (%.1fx)%n",
        fastRate, naiveRate, fastRate / naiveRate);
  }

  private static double rate(Redactor redactor, List<Action> mix) {
    long sink = 0;
    long warm = System.nanoTime() + 800_000_000L; // let the JIT compile the hot path first
    for (int i = 0; System.nanoTime() < warm; i++) {
      sink += redactor.apply(mix.get(i % mix.size())).getSerializedSize() > 0 ? 1 : 0;
    }
    int n = 0;
    long start = System.nanoTime();
    long deadline = start + 400_000_000L;
    while (System.nanoTime() < deadline) {
      for (int i = 0; i < 1_000; i++, n++) {
        sink += redactor.apply(mix.get(n % mix.size())) == null ? 0 : 1;
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    assertThat(sink).isPositive();
    return n / seconds;
  }
}
