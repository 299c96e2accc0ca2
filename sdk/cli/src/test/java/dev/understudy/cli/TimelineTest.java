package dev.understudy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.Clipboard;
import dev.understudy.proto.v1.ClipboardOperation;
import dev.understudy.proto.v1.ContextElement;
import dev.understudy.proto.v1.Gap;
import dev.understudy.proto.v1.GapReason;
import dev.understudy.proto.v1.Invoke;
import dev.understudy.proto.v1.InvokeMethod;
import dev.understudy.proto.v1.KeyShortcut;
import dev.understudy.proto.v1.Modifier;
import dev.understudy.proto.v1.Redaction;
import dev.understudy.proto.v1.Source;
import dev.understudy.proto.v1.Target;
import dev.understudy.proto.v1.TextEdit;
import dev.understudy.proto.v1.EditOperation;
import dev.understudy.proto.v1.ValueChange;
import dev.understudy.proto.v1.WindowRef;
import dev.understudy.proto.v1.WindowSwitch;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TimelineTest {

  private final Timeline timeline = new Timeline(ZoneOffset.UTC);

  @Test
  void showsTimeAppKindAndWhatWasDoneToWhichElement() {
    Action click = Action.newBuilder().setSeq(4).setTimeUnixNano(1_700_000_000_250_000_000L)
        .setSource(Source.newBuilder().setAppId("chromium"))
        .setTarget(Target.newBuilder().setRole("button").setName("Submit")
            .addContext(ContextElement.newBuilder().setRole("form").setName("Login")))
        .setInvoke(Invoke.newBuilder().setMethod(InvokeMethod.INVOKE_METHOD_CLICK))
        .build();
    assertThat(timeline.line(click)).matches("4\\s+22:13:20\\.250\\s+chromium\\s+invoke\\s+button \"Submit\" in form \"Login\"  click");
  }

  @Test
  void describesEachKindByItsKeyFields() {
    assertThat(Timeline.describe(Action.newBuilder()
        .setInvoke(Invoke.newBuilder().setCommand(".uno:Bold").setMethod(InvokeMethod.INVOKE_METHOD_TOOLBAR)).build()))
        .isEqualTo(".uno:Bold  toolbar");
    assertThat(Timeline.describe(Action.newBuilder()
        .setKeyShortcut(KeyShortcut.newBuilder().setKey("s").addModifiers(Modifier.MODIFIER_CTRL)).build()))
        .isEqualTo("Ctrl+s");
    assertThat(Timeline.describe(Action.newBuilder()
        .setWindowSwitch(WindowSwitch.newBuilder().setFrom(WindowRef.newBuilder().setTitle("Inbox"))
            .setTo(WindowRef.newBuilder().setTitle("report.odt"))).build()))
        .isEqualTo("\"Inbox\" → \"report.odt\"");
    assertThat(Timeline.describe(Action.newBuilder()
        .setTextEdit(TextEdit.newBuilder().setOperation(EditOperation.EDIT_OPERATION_INSERT).setText("hi\nthere")).build()))
        .isEqualTo("insert  \"hi⏎there\"");
    assertThat(Timeline.describe(Action.newBuilder()
        .setClipboard(Clipboard.newBuilder().setOperation(ClipboardOperation.CLIPBOARD_OPERATION_PASTE).setContentLength(12)).build()))
        .isEqualTo("paste  12 chars");
    assertThat(Timeline.describe(Action.newBuilder()
        .setGap(Gap.newBuilder().setGapReason(GapReason.GAP_REASON_QUEUE_FULL).setCount(96).setPluginId("browser")).build()))
        .isEqualTo("LOST 96 (queue full) from browser");
  }

  @Test
  void neverShowsASecureValueAndMarksRedactions() {
    Action typed = Action.newBuilder()
        .setTarget(Target.newBuilder().setRole("textbox").setName("Password").setSecure(true))
        .setValueChange(ValueChange.newBuilder().setValueOmitted(true))
        .addRedactions(Redaction.newBuilder().setFieldPath("value_change.value").setRuleId("secure-field"))
        .build();
    assertThat(Timeline.describe(typed)).isEqualTo("textbox \"Password\" (secure)  = (value not recorded)  [1 redacted]");
  }

  @Test
  void clipsLongTextToKeepOneLinePerAction() {
    Action typed = Action.newBuilder().setValueChange(ValueChange.newBuilder().setValue("x".repeat(500))).build();
    assertThat(Timeline.describe(typed)).hasSizeLessThan(80).endsWith("…\"");
  }
}
