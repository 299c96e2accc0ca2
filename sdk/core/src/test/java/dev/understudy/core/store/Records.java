package dev.understudy.core.store;

import com.google.protobuf.ByteString;
import dev.understudy.api.CaptureClock;
import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.Annotation;
import dev.understudy.proto.v1.Bounds;
import dev.understudy.proto.v1.Clipboard;
import dev.understudy.proto.v1.ClipboardOperation;
import dev.understudy.proto.v1.Durability;
import dev.understudy.proto.v1.EditOperation;
import dev.understudy.proto.v1.EndReason;
import dev.understudy.proto.v1.FileEvent;
import dev.understudy.proto.v1.FileOperation;
import dev.understudy.proto.v1.Focus;
import dev.understudy.proto.v1.Gap;
import dev.understudy.proto.v1.GapReason;
import dev.understudy.proto.v1.Invoke;
import dev.understudy.proto.v1.InvokeMethod;
import dev.understudy.proto.v1.KeyShortcut;
import dev.understudy.proto.v1.Locator;
import dev.understudy.proto.v1.Modifier;
import dev.understudy.proto.v1.Navigate;
import dev.understudy.proto.v1.Observation;
import dev.understudy.proto.v1.ObservationKind;
import dev.understudy.proto.v1.Redaction;
import dev.understudy.proto.v1.Scroll;
import dev.understudy.proto.v1.Selection;
import dev.understudy.proto.v1.SessionEnd;
import dev.understudy.proto.v1.SessionStart;
import dev.understudy.proto.v1.Source;
import dev.understudy.proto.v1.Target;
import dev.understudy.proto.v1.TextEdit;
import dev.understudy.proto.v1.TextPosition;
import dev.understudy.proto.v1.TextRange;
import dev.understudy.proto.v1.ValueChange;
import dev.understudy.proto.v1.WindowRef;
import dev.understudy.proto.v1.WindowSwitch;
import java.util.ArrayList;
import java.util.List;

/** Stamped records as the pipeline hands them to the store. */
final class Records {

  /** 2024-07-01T00:00:00Z. */
  static final long T0 = 1_719_792_000_000_000_000L;

  static final Source WRITER = Source.newBuilder().setAppId("org.libreoffice.writer")
      .setAdapterId("office.uno").setAdapterVersion("0.1.0").setWindowTitle("Report.odt").build();
  static final Source BROWSER = Source.newBuilder().setAppId("chromium").setAdapterId("browser")
      .setAdapterVersion("0.1.0").setWindowTitle("Login - Example").build();

  private Records() {}

  static SessionId sessionId(long unixMillis, int salt) {
    byte[] b = new byte[16];
    for (int i = 0; i < 6; i++) {
      b[i] = (byte) (unixMillis >>> (40 - 8 * i));
    }
    b[6] = 0x70;
    b[8] = (byte) 0x80;
    b[15] = (byte) salt;
    b[14] = (byte) (salt >>> 8);
    return SessionId.of(b);
  }

  static Target button(String name) {
    return Target.newBuilder().setRole("button").setName(name)
        .addLocators(Locator.newBuilder().setTestId("btn-" + name.toLowerCase()).setMatchCount(1))
        .addLocators(Locator.newBuilder().setCss("form#main > button.primary").setMatchCount(1))
        .setBounds(Bounds.newBuilder().setXPx(120).setYPx(480).setWidthPx(96).setHeightPx(32))
        .build();
  }

  /** A record stamped as the runtime does: derived id, session id, seq, time. */
  static Action.Builder stamped(SessionId session, long seq, long time) {
    return Action.newBuilder()
        .setId(ByteString.copyFrom(ActionIds.derive(session.bytes(), seq, time)))
        .setSessionId(ByteString.copyFrom(session.bytes()))
        .setSeq(seq)
        .setTimeUnixNano(time);
  }

  static Action click(SessionId session, long seq, Target target) {
    return stamped(session, seq, time(seq)).setSource(BROWSER).setTarget(target)
        .setInvoke(Invoke.newBuilder().setMethod(InvokeMethod.INVOKE_METHOD_CLICK)).build();
  }

  static Action start(SessionId session, long seq) {
    return stamped(session, seq, time(seq)).setSessionStart(SessionStart.newBuilder()
        .setSchemaVersion(1).setRuntimeVersion("0.1.0")
        .setDurability(Durability.DURABILITY_PROCESS_SAFE)).build();
  }

  static Action end(SessionId session, long seq) {
    return stamped(session, seq, time(seq)).setSessionEnd(SessionEnd.newBuilder()
        .setEndReason(EndReason.END_REASON_STOPPED).setActionCount(seq - 2)).build();
  }

  static Action gap(SessionId session, long seq, long count) {
    return stamped(session, seq, time(seq)).setGap(Gap.newBuilder()
        .setGapReason(GapReason.GAP_REASON_QUEUE_FULL).setCount(count)).build();
  }

  /** Time of the record at seq: 1.5 ms apart, with sub-millisecond parts. */
  static long time(long seq) {
    return T0 + seq * 1_500_123L;
  }

  /** session_start, then one record of every kind, then session_end. */
  static List<Action> everyKind(SessionId s) {
    List<Action> out = new ArrayList<>();
    Target field = Target.newBuilder().setRole("textbox").setName("Email").build();
    TextRange range = TextRange.newBuilder().setStart(TextPosition.newBuilder().setLine(3))
        .setEnd(TextPosition.newBuilder().setLine(3).setCharacter(5)).build();
    int seq = 1;
    out.add(start(s, seq++));
    out.add(click(s, seq++, button("Submit")));
    out.add(stamped(s, seq, time(seq++)).setSource(WRITER).setTarget(field)
        .setTextEdit(TextEdit.newBuilder().setOperation(EditOperation.EDIT_OPERATION_REPLACE)
            .setRange(range).setText("hello").setRemovedText("hi").setDocumentVersion(7))
        .build());
    out.add(stamped(s, seq, time(seq++)).setSource(BROWSER).setTarget(field)
        .setValueChange(ValueChange.newBuilder().setValue("***").setValueOmitted(true))
        .addRedactions(Redaction.newBuilder().setFieldPath("value_change.value")
            .setRuleId("email").setRuleVersion(2).setCount(1))
        .build());
    out.add(stamped(s, seq, time(seq++)).setSource(BROWSER).setTarget(field)
        .setFocus(Focus.newBuilder().setPreviousRole("button")).build());
    out.add(stamped(s, seq, time(seq++)).setSource(BROWSER)
        .setNavigate(Navigate.newBuilder().setUrl("https://example.com/a")).build());
    out.add(stamped(s, seq, time(seq++)).setSource(WRITER)
        .setSelection(Selection.newBuilder().addRanges(range).setItemCount(1)).build());
    out.add(stamped(s, seq, time(seq++)).setSource(WRITER)
        .setKeyShortcut(KeyShortcut.newBuilder().setKey("s").addModifiers(Modifier.MODIFIER_CTRL))
        .build());
    out.add(stamped(s, seq, time(seq++)).setWindowSwitch(WindowSwitch.newBuilder()
        .setFrom(WindowRef.newBuilder().setAppId("chromium").setTitle("Login"))
        .setTo(WindowRef.newBuilder().setAppId("org.libreoffice.writer").setWindowId(42)))
        .build());
    out.add(stamped(s, seq, time(seq++)).setSource(BROWSER)
        .setScroll(Scroll.newBuilder().setDeltaYPx(-120).setPositionPermille(300)).build());
    out.add(stamped(s, seq, time(seq++)).setSource(WRITER).setFileEvent(FileEvent.newBuilder()
        .setOperation(FileOperation.FILE_OPERATION_SAVE).setPath("/home/a/Report.odt")).build());
    out.add(stamped(s, seq, time(seq++)).setSource(WRITER).setClipboard(Clipboard.newBuilder()
        .setOperation(ClipboardOperation.CLIPBOARD_OPERATION_COPY).setContentLength(12)).build());
    out.add(stamped(s, seq, time(seq++)).setSource(BROWSER).setObservation(Observation
        .newBuilder().setObservationKind(ObservationKind.OBSERVATION_KIND_SCREENSHOT)
        .setMediaType("image/png").setData(ByteString.copyFrom(new byte[] {(byte) 0xA5, 1, 2})))
        .build());
    out.add(stamped(s, seq, time(seq++)).setAnnotation(Annotation.newBuilder()
        .setText("task: log in").setAuthor("person").addLabels("task")).build());
    out.add(gap(s, seq++, 3));
    out.add(stamped(s, seq, time(seq++)).setSource(BROWSER).setTarget(button("Submit"))
        .setObservedTimeUnixNano(time(seq) + 5).setParentId(ByteString.copyFromUtf8("parent"))
        .setInvoke(Invoke.newBuilder().setCommand(".uno:Bold")).build());
    out.add(end(s, seq));
    return out;
  }

  /** A clock whose readings tests move by hand. */
  static final class ManualClock implements CaptureClock {
    volatile long nanos = 1_000_000_000L;

    @Override
    public long nowUnixNanos() {
      return T0 + nanos;
    }

    @Override
    public long nanoTime() {
      return nanos;
    }
  }
}
