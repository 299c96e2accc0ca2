package dev.understudy.plugins.office.uno;

import static dev.understudy.plugins.office.uno.OfficeRecording.attribute;
import static org.assertj.core.api.Assertions.assertThat;

import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.EditOperation;
import dev.understudy.proto.v1.FileOperation;
import dev.understudy.proto.v1.InvokeMethod;
import dev.understudy.proto.v1.ValueKind;
import dev.understudy.testing.RecordingCaptureContext;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What each kind of LibreOffice event becomes, without LibreOffice: events in, actions out. */
class UnoTranslatorTest {
  private static final FrameContext WRITER = new FrameContext("1", "libreoffice-writer", "Untitled 1 - LibreOffice Writer",
      "", "Untitled 1");
  private static final FrameContext REPORT = new FrameContext("2", "libreoffice-writer", "report.odt - LibreOffice Writer",
      "file:///tmp/report.odt", "report.odt");
  private static final FrameContext CALC = new FrameContext("3", "libreoffice-calc", "Untitled 2 - LibreOffice Calc", "",
      "Untitled 2");
  private static final long T0 = 1_700_000_000_000_000_000L;
  private static final long MS = 1_000_000L;

  private final RecordingCaptureContext context = RecordingCaptureContext.create();
  private final ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);
  private final AtomicLong dropped = new AtomicLong();
  private UnoTranslator translator = translator(Duration.ofMinutes(10));

  private UnoTranslator translator(Duration typingIdle) {
    return new UnoTranslator(context.emitter(), scheduler, typingIdle.toNanos(), System::nanoTime, () -> dropped.getAndSet(0));
  }

  @AfterEach
  void stopScheduler() {
    scheduler.shutdownNow();
  }

  private static UnoEvent.Dispatch dispatch(FrameContext f, long ms, String command, UnoArgument... args) {
    return new UnoEvent.Dispatch(f, command, List.of(args), false, "", T0 + ms * MS);
  }

  private static UnoEvent.Dispatch typed(FrameContext f, long ms, String text) {
    return dispatch(f, ms, ".uno:InsertText", new UnoArgument("Text", text, "string"));
  }

  private static UnoElement element(String role, String name, boolean secure, UnoElement.Container... context) {
    return new UnoElement(role, name, List.of(context), secure, List.of());
  }

  private void on(UnoEvent... events) {
    for (UnoEvent e : events) {
      translator.on(e);
    }
  }

  private List<Action> flushed() {
    translator.flushAll();
    return context.actions();
  }

  @Test
  void typedCharactersBecomeOneInsertEndedByTheNextCommand() {
    on(typed(WRITER, 0, "H"), typed(WRITER, 10, "e"), typed(WRITER, 20, "l"), typed(WRITER, 30, "p"),
        dispatch(WRITER, 40, ".uno:SwBackspace"), typed(WRITER, 50, "l"), typed(WRITER, 60, "o"),
        dispatch(WRITER, 70, ".uno:Bold", new UnoArgument("Bold", "true", "boolean")));
    List<Action> actions = context.actions();
    assertThat(actions).hasSize(2);
    Action text = actions.get(0);
    assertThat(text.getTextEdit().getOperation()).isEqualTo(EditOperation.EDIT_OPERATION_INSERT);
    assertThat(text.getTextEdit().getText()).isEqualTo("Hello");
    assertThat(text.getTimeUnixNano()).isEqualTo(T0);
    assertThat(text.getTarget().getRole()).isEqualTo("document");
    assertThat(text.getTarget().getName()).isEqualTo("Untitled 1");
    assertThat(text.getSource().getAppId()).isEqualTo("libreoffice-writer");
    assertThat(text.getSource().getWindowTitle()).isEqualTo("Untitled 1 - LibreOffice Writer");
    assertThat(attribute(text, UnoTranslator.ATTR_COMMAND)).isEqualTo(".uno:InsertText");
    Action bold = actions.get(1);
    assertThat(bold.getInvoke().getCommand()).isEqualTo(".uno:Bold");
    assertThat(bold.getInvoke().getMethod()).isEqualTo(InvokeMethod.INVOKE_METHOD_UNSPECIFIED);
    assertThat(bold.getInvoke().getArguments(0).getValue()).isEqualTo("true");
    assertThat(attribute(bold, UnoTranslator.ATTR_ARG_TYPES)).isEqualTo("boolean");
    assertThat(bold.getTarget().getLocators(0).getCommandUrl()).isEqualTo(".uno:Bold");
  }

  @Test
  void aRunOfTypingEndsWhenThePersonPauses() throws InterruptedException {
    translator = translator(Duration.ofMillis(20));
    scheduler.execute(() -> translator.on(typed(WRITER, 0, "a")));
    scheduler.execute(() -> translator.on(typed(WRITER, 1, "b")));
    List<Action> actions = context.awaitActions(1, Duration.ofSeconds(10));
    assertThat(actions.get(0).getTextEdit().getText()).isEqualTo("ab");
  }

  @Test
  void textTypedAndErasedLeavesNothingAndABackspaceBeyondItIsACommand() {
    on(typed(WRITER, 0, "x"), dispatch(WRITER, 10, ".uno:SwBackspace"), dispatch(WRITER, 20, ".uno:SwBackspace"));
    assertThat(flushed()).singleElement().satisfies(a -> assertThat(a.getInvoke().getCommand()).isEqualTo(".uno:SwBackspace"));
  }

  @Test
  void eachDocumentHasItsOwnRunOfTyping() {
    on(typed(WRITER, 0, "a"), typed(REPORT, 1, "b"), typed(WRITER, 2, "c"));
    assertThat(flushed()).extracting(a -> a.getSource().getDocument() + ":" + a.getTextEdit().getText())
        .containsExactlyInAnyOrder(":ac", "file:///tmp/report.odt:b");
  }

  @Test
  void anUndoTitleGoesWithTheCommandThatMadeIt() {
    on(new UnoEvent.Undo(WRITER, "Apply attributes", T0), dispatch(WRITER, 5, ".uno:Italic"));
    assertThat(flushed()).singleElement()
        .satisfies(a -> assertThat(attribute(a, UnoTranslator.ATTR_UNDO)).isEqualTo("Apply attributes"));
  }

  @Test
  void anUndoTitleNoCommandClaimsIsAnEditOfItsOwn() {
    on(new UnoEvent.Undo(WRITER, "Insert table: \u201cTotals\u201d", T0),
        dispatch(WRITER, UnoTranslator.UNDO_CLAIM_MILLIS + 100, ".uno:Italic"));
    List<Action> actions = flushed();
    assertThat(actions).hasSize(2);
    assertThat(attribute(actions.get(0), UnoTranslator.ATTR_UNDO)).isEmpty();
    assertThat(actions.get(1).getTextEdit().getUndoTitle()).isEqualTo("Insert table: \u201cTotals\u201d");
    assertThat(actions.get(1).getTextEdit().getText()).isEmpty();
  }

  @Test
  void typingUndoTitlesAreSaidByTheTextItself() {
    on(typed(WRITER, 0, "a"), new UnoEvent.Undo(WRITER, "Typing: a", T0 + MS));
    assertThat(flushed()).singleElement().satisfies(a -> assertThat(a.getTextEdit().getText()).isEqualTo("a"));
  }

  @Test
  void aCalcEntryIsAValueOfTheCellItChanged() {
    on(new UnoEvent.Cells(CALC, "Sheet1", "A4", T0), dispatch(CALC, 2, ".uno:EnterString", new UnoArgument("StringName", "21", "string")),
        new UnoEvent.Cells(CALC, "Sheet1", "B5", T0 + 3 * MS),
        dispatch(CALC, 4, ".uno:EnterString", new UnoArgument("StringName", "=A4*2", "string")),
        new UnoEvent.Cells(CALC, "Sheet2", "C1", T0 + 5 * MS),
        dispatch(CALC, 6, ".uno:EnterString", new UnoArgument("StringName", "total", "string")));
    assertThat(context.actions()).extracting(a -> a.getTarget().getRole() + " " + a.getTarget().getName() + " = "
        + a.getValueChange().getValue() + " " + a.getValueChange().getValueKind())
        .containsExactly("cell Sheet1.A4 = 21 VALUE_KIND_NUMBER", "cell Sheet1.B5 = =A4*2 VALUE_KIND_FORMULA",
            "cell Sheet2.C1 = total VALUE_KIND_TEXT");
  }

  @Test
  void anEntryWithoutAChangedCellHasNoCellName() {
    on(new UnoEvent.Cells(CALC, "Sheet1", "A4", T0),
        dispatch(CALC, UnoTranslator.CELL_WINDOW_MILLIS + 10, ".uno:EnterString", new UnoArgument("StringName", "x", "string")));
    assertThat(context.actions()).singleElement().satisfies(a -> assertThat(a.getTarget().getName()).isEmpty());
  }

  @Test
  void goingToACellIsASelectionOfIt() {
    on(new UnoEvent.Dispatch(CALC, ".uno:GoToCell", List.of(new UnoArgument("ToPoint", "$B$5", "string")), false, "Sheet1", T0),
        new UnoEvent.Dispatch(CALC, ".uno:GoToCell", List.of(new UnoArgument("ToPoint", "$Sheet2.$C$3", "string")), false,
            "Sheet1", T0));
    assertThat(context.actions()).extracting(a -> a.getSelection().getReference() + " " + a.getTarget().getName())
        .containsExactly("B5 Sheet1.B5", "C3 Sheet2.C3");
  }

  @Test
  void aToolbarItemPressedJustBeforeMakesItAToolbarInvocationOnce() {
    UnoElement bold = new UnoElement("button", "Bold", List.of(new UnoElement.Container("toolbar", "Formatting")), false,
        List.of(10, 20, 23, 23));
    on(new UnoEvent.Accessible(WRITER, UnoEvent.Change.TOOLBAR_ITEM, bold, "", T0),
        dispatch(WRITER, 20, ".uno:Bold", new UnoArgument("Bold", "true", "boolean")),
        dispatch(WRITER, 40, ".uno:Bold", new UnoArgument("Bold", "false", "boolean")));
    List<Action> actions = context.actions();
    assertThat(actions.get(0).getInvoke().getMethod()).isEqualTo(InvokeMethod.INVOKE_METHOD_TOOLBAR);
    assertThat(actions.get(0).getTarget().getName()).isEqualTo("Bold");
    assertThat(actions.get(0).getTarget().getBounds().getWidthPx()).isEqualTo(23);
    assertThat(actions.get(0).getTarget().getLocatorsList()).extracting(l -> l.getAccessibilityPath() + l.getCommandUrl())
        .containsExactly("toolbar[name=Formatting]/button[name=Bold]", ".uno:Bold");
    assertThat(actions.get(1).getInvoke().getMethod()).isEqualTo(InvokeMethod.INVOKE_METHOD_UNSPECIFIED);
  }

  @Test
  void aMenuItemHighlightedJustBeforeGivesTheMenuPath() {
    UnoElement italic = element("menuitem", "Italic", false, new UnoElement.Container("menu", "Format"),
        new UnoElement.Container("menu", "Text"));
    on(new UnoEvent.Accessible(WRITER, UnoEvent.Change.MENU_ITEM, italic, "", T0), dispatch(WRITER, 30, ".uno:Italic"));
    Action a = context.actions().get(0);
    assertThat(a.getInvoke().getMethod()).isEqualTo(InvokeMethod.INVOKE_METHOD_MENU);
    assertThat(a.getInvoke().getMenuPathList()).containsExactly("Format", "Text", "Italic");
  }

  @Test
  void anOldHighlightDoesNotCount() {
    UnoElement italic = element("menuitem", "Italic", false, new UnoElement.Container("menu", "Format"));
    on(new UnoEvent.Accessible(WRITER, UnoEvent.Change.MENU_ITEM, italic, "", T0),
        dispatch(WRITER, UnoTranslator.MENU_WINDOW_MILLIS + 1, ".uno:Italic"));
    assertThat(context.actions().get(0).getInvoke().getMethod()).isEqualTo(InvokeMethod.INVOKE_METHOD_UNSPECIFIED);
  }

  @Test
  void dialogFieldsAreFocusAndValuesInTheDialog() {
    UnoElement.Container dialog = new UnoElement.Container("dialog", "Insert Table");
    UnoElement name = element("textbox", "Name:", false, dialog);
    UnoElement heading = element("checkbox", "Heading", false, dialog);
    on(new UnoEvent.Dialog(WRITER, "Insert Table", true, T0),
        new UnoEvent.Accessible(WRITER, UnoEvent.Change.FOCUSED, name, "", T0 + MS),
        new UnoEvent.Accessible(WRITER, UnoEvent.Change.VALUE, name, "Totals", T0 + 2 * MS),
        new UnoEvent.Accessible(WRITER, UnoEvent.Change.CHECKED, heading, "", T0 + 3 * MS),
        new UnoEvent.Accessible(WRITER, UnoEvent.Change.OPTION, element("listbox", "Styles", false, dialog), "Academic", T0 + 4 * MS),
        new UnoEvent.Dialog(WRITER, "Insert Table", false, T0 + 5 * MS));
    List<Action> actions = context.actions();
    assertThat(actions).hasSize(6);
    assertThat(actions.get(0).getWindowSwitch().getTo().getTitle()).isEqualTo("Insert Table");
    assertThat(actions.get(0).getWindowSwitch().getFrom().getTitle()).isEqualTo("Untitled 1 - LibreOffice Writer");
    assertThat(attribute(actions.get(0), UnoTranslator.ATTR_WINDOW)).isEqualTo("dialog-opened");
    assertThat(actions.get(1).hasFocus()).isTrue();
    assertThat(actions.get(1).getSource().getWindowTitle()).isEqualTo("Insert Table");
    assertThat(actions.get(1).getTarget().getContext(0).getName()).isEqualTo("Insert Table");
    assertThat(actions.get(2).getValueChange().getValue()).isEqualTo("Totals");
    assertThat(actions.get(3).getValueChange().getValueKind()).isEqualTo(ValueKind.VALUE_KIND_CHECKED);
    assertThat(actions.get(3).getValueChange().getValue()).isEqualTo("true");
    assertThat(actions.get(4).getValueChange().getValueKind()).isEqualTo(ValueKind.VALUE_KIND_OPTION);
    assertThat(actions.get(4).getValueChange().getValue()).isEqualTo("Academic");
    assertThat(actions.get(5).getWindowSwitch().getFrom().getTitle()).isEqualTo("Insert Table");
    assertThat(attribute(actions.get(5), UnoTranslator.ATTR_WINDOW)).isEqualTo("dialog-closed");
  }

  @Test
  void theButtonThatClosedADialogIsAnInvokeInTheDialog() {
    UnoElement.Container dialog = new UnoElement.Container("dialog", "Insert Table");
    on(new UnoEvent.Accessible(WRITER, UnoEvent.Change.CLOSED_DIALOG, element("button", "Insert", false, dialog), "keyboard", T0),
        new UnoEvent.Accessible(WRITER, UnoEvent.Change.CLOSED_DIALOG, element("button", "Cancel", false, dialog), "click", T0 + MS));
    List<Action> actions = context.actions();
    assertThat(actions).extracting(a -> a.getTarget().getRole() + ":" + a.getTarget().getName() + " " + a.getInvoke().getMethod())
        .containsExactly("button:Insert INVOKE_METHOD_KEYBOARD", "button:Cancel INVOKE_METHOD_CLICK");
    assertThat(actions).allSatisfy(a -> {
      assertThat(a.getSource().getWindowTitle()).isEqualTo("Insert Table");
      assertThat(a.getTarget().getContext(0).getName()).isEqualTo("Insert Table");
      assertThat(attribute(a, UnoTranslator.ATTR_WINDOW)).isEqualTo("dialog-button");
    });
  }

  @Test
  void aPasswordFieldNeverCarriesAValue() {
    UnoElement password = element("textbox", "Password:", true, new UnoElement.Container("dialog", "Set Password"));
    on(new UnoEvent.Accessible(WRITER, UnoEvent.Change.VALUE, password, "", T0));
    Action a = context.actions().get(0);
    assertThat(a.getTarget().getSecure()).isTrue();
    assertThat(a.getValueChange().getValueOmitted()).isTrue();
    assertThat(a.getValueChange().getValue()).isEmpty();
  }

  @Test
  void documentEventsAreFileEventsAndTheSaveCommandIsNotRepeated() {
    on(new UnoEvent.Document(REPORT, "OnNew", "", "", T0),
        typed(REPORT, 1, "a"),
        new UnoEvent.Document(REPORT, "OnSaveAsDone", "", "writer8", T0 + 2 * MS),
        dispatch(REPORT, 3, ".uno:SaveAs", new UnoArgument("URL", "file:///tmp/report.odt", "string")),
        new UnoEvent.Document(REPORT, "OnSaveDone", "", "writer8", T0 + 4 * MS),
        new UnoEvent.Document(REPORT, "OnUnload", "", "", T0 + 5 * MS));
    List<Action> actions = context.actions();
    assertThat(actions).extracting(a -> a.hasFileEvent() ? a.getFileEvent().getOperation().name() : "edit")
        .containsExactly("FILE_OPERATION_CREATE", "edit", "FILE_OPERATION_SAVE_AS", "FILE_OPERATION_SAVE", "FILE_OPERATION_CLOSE");
    Action saveAs = actions.get(2);
    assertThat(saveAs.getFileEvent().getNewPath()).isEqualTo("file:///tmp/report.odt");
    assertThat(saveAs.getFileEvent().getMediaType()).isEqualTo("application/vnd.oasis.opendocument.text");
    assertThat(attribute(saveAs, UnoTranslator.ATTR_FILTER)).isEqualTo("writer8");
    assertThat(saveAs.getFileEvent().getOperation()).isEqualTo(FileOperation.FILE_OPERATION_SAVE_AS);
  }

  @Test
  void focusMovingBetweenDocumentsIsAWindowSwitch() {
    on(new UnoEvent.Document(WRITER, "OnFocus", "", "", T0), new UnoEvent.Document(CALC, "OnFocus", "", "", T0 + MS),
        new UnoEvent.Document(CALC, "OnFocus", "", "", T0 + 2 * MS));
    assertThat(context.actions()).singleElement().satisfies(a -> {
      assertThat(a.getWindowSwitch().getFrom().getTitle()).isEqualTo("Untitled 1 - LibreOffice Writer");
      assertThat(a.getWindowSwitch().getTo().getAppId()).isEqualTo("libreoffice-calc");
    });
  }

  @Test
  void aLostConnectionEmitsWhatWasHeldAndReportsAGap() {
    on(typed(WRITER, 0, "abc"), new UnoEvent.Lost("the connection to LibreOffice was lost", T0 + MS));
    assertThat(context.actions()).singleElement().satisfies(a -> assertThat(a.getTextEdit().getText()).isEqualTo("abc"));
    assertThat(context.losses()).singleElement().satisfies(l -> assertThat(l.detail()).contains("was lost"));
  }

  @Test
  void eventsDroppedOnTheCaptureThreadAreReportedAsLost() {
    dropped.set(7);
    on(dispatch(WRITER, 0, ".uno:Bold"));
    assertThat(context.lostCount()).isEqualTo(7);
  }

  @Test
  void aCommandRecordedAsACommentSaysSo() {
    on(new UnoEvent.Dispatch(WRITER, ".uno:InsertTable", List.of(), true, "", T0));
    assertThat(attribute(context.actions().get(0), UnoTranslator.ATTR_RECORDED)).isEqualTo("comment");
  }

  @Test
  void objectArgumentsAreLeftOut() {
    on(dispatch(WRITER, 0, ".uno:ExportTo", new UnoArgument("URL", "file:///tmp/a.pdf", "string"),
        new UnoArgument("StatusIndicator", "", "object")));
    Action a = context.actions().get(0);
    assertThat(a.getInvoke().getArgumentsList()).extracting(arg -> arg.getName()).containsExactly("URL");
    assertThat(attribute(a, UnoTranslator.ATTR_ARG_TYPES)).isEqualTo("string");
  }

  @Test
  void replayStepsComeFromTextEditsCommandsAndCellEntries() {
    on(typed(WRITER, 0, "Hi"), dispatch(WRITER, 1, ".uno:InsertPara"),
        dispatch(WRITER, 2, ".uno:Bold", new UnoArgument("Bold", "true", "boolean")),
        new UnoEvent.Dispatch(WRITER, ".uno:InsertTable", List.of(), true, "", T0 + 3 * MS),
        dispatch(WRITER, 4, ".uno:Print"),
        new UnoEvent.Cells(CALC, "Sheet1", "B5", T0 + 5 * MS),
        dispatch(CALC, 6, ".uno:EnterString", new UnoArgument("StringName", "=A4*2", "string")));
    List<Action> actions = flushed();
    assertThat(UnoReplay.steps(actions, "libreoffice-writer")).extracting(ReplayStep::toString)
        .containsExactly(".uno:InsertText Text=Hi", ".uno:InsertPara", ".uno:Bold Bold=true");
    assertThat(UnoReplay.steps(actions, "libreoffice-writer").get(2).arguments().get(0).type()).isEqualTo("boolean");
    assertThat(UnoReplay.steps(actions, "libreoffice-calc")).extracting(ReplayStep::toString)
        .containsExactly(".uno:GoToCell ToPoint=$Sheet1.B5", ".uno:EnterString StringName==A4*2");
  }

  @Test
  void entriesAreFormulasNumbersOrText() {
    assertThat(UnoTranslator.valueKind("=SUM(A1:A3)")).isEqualTo(ValueKind.VALUE_KIND_FORMULA);
    assertThat(UnoTranslator.valueKind("-3.5")).isEqualTo(ValueKind.VALUE_KIND_NUMBER);
    assertThat(UnoTranslator.valueKind("1e3")).isEqualTo(ValueKind.VALUE_KIND_NUMBER);
    assertThat(UnoTranslator.valueKind("12 apples")).isEqualTo(ValueKind.VALUE_KIND_TEXT);
  }
}
