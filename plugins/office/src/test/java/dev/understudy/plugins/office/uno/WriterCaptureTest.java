package dev.understudy.plugins.office.uno;

import static dev.understudy.plugins.office.uno.OfficeRecording.attribute;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.star.accessibility.AccessibleRole;
import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.EditOperation;
import dev.understudy.proto.v1.FileOperation;
import dev.understudy.proto.v1.InvokeMethod;
import dev.understudy.proto.v1.ValueKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A person working in a real LibreOffice Writer under Xvfb, driven with xdotool and recorded through the
 * uno backend into a real session store. Each test works in a new document of the same soffice.
 */
class WriterCaptureTest {
  @RegisterExtension static final LibreOfficeExtension OFFICE = new LibreOfficeExtension("writer");

  @TempDir Path dir;

  @Test
  void typingShortcutsTheMenuAndAToolbarButtonBecomeCommands(LibreOfficeHarness office) throws Exception {
    String window = office.newDocument("LibreOffice Writer");
    List<Action> actions;
    int[] bold;
    try (OfficeRecording rec = OfficeRecording.start(dir.resolve("store"), office.connect())) {
      rec.awaitAccessibility(300);
      office.focus(window);
      office.type("Hello");
      office.key("Return");
      office.key("ctrl+b");
      office.type("World");
      office.key("BackSpace");
      // The menu with the keyboard: F10, four to the right is Format, down opens it on Text, right opens
      // Text on its first entry, down is the second: Italic.
      office.key("F10", "Right", "Right", "Right", "Right", "Down", "Right", "Down", "Return");
      rec.awaitAction("the menu command", a -> a.hasInvoke() && a.getInvoke().getMethod() == InvokeMethod.INVOKE_METHOD_MENU);
      bold = A11yProbe.bounds(office.connect(), window, AccessibleRole.TOGGLE_BUTTON, "Bold");
      office.click(bold[0] + bold[2] / 2, bold[1] + bold[3] / 2);
      rec.awaitAction("the toolbar click", a -> a.hasInvoke() && a.getInvoke().getMethod() == InvokeMethod.INVOKE_METHOD_TOOLBAR);
      actions = rec.stop();
    }
    List<Action> writer = actions.stream().filter(a -> a.getSource().getAppId().equals("libreoffice-writer")).toList();
    assertThat(writer).allSatisfy(a -> {
      assertThat(a.getSource().getAdapterId()).isEqualTo("office");
      assertThat(a.getSource().getWindowTitle()).startsWith(window);
    });

    // Typed text: one edit per run, the backspace taken back inside the run.
    assertThat(writer.stream().filter(Action::hasTextEdit).map(a -> a.getTextEdit().getText()))
        .containsExactly("Hello", "Worl");
    assertThat(writer.stream().filter(Action::hasTextEdit))
        .allSatisfy(a -> assertThat(a.getTextEdit().getOperation()).isEqualTo(EditOperation.EDIT_OPERATION_INSERT));

    List<Action> invokes = writer.stream().filter(Action::hasInvoke).toList();
    assertThat(invokes).extracting(a -> a.getInvoke().getCommand())
        .containsExactly(".uno:InsertPara", ".uno:Bold", ".uno:Italic", ".uno:Bold");

    Action shortcut = invokes.get(1);
    assertThat(shortcut.getInvoke().getArgumentsList()).singleElement()
        .satisfies(arg -> assertThat(arg.getName() + "=" + arg.getValue()).isEqualTo("Bold=true"));
    assertThat(attribute(shortcut, UnoTranslator.ATTR_ARG_TYPES)).isEqualTo("boolean");
    assertThat(attribute(shortcut, UnoTranslator.ATTR_UNDO)).isNotEmpty();

    Action menu = invokes.get(2);
    assertThat(menu.getInvoke().getMethod()).isEqualTo(InvokeMethod.INVOKE_METHOD_MENU);
    assertThat(menu.getInvoke().getMenuPathList()).containsExactly("Format", "Text", "Italic");
    assertThat(menu.getTarget().getRole()).isEqualTo("menuitem");
    assertThat(menu.getTarget().getName()).isEqualTo("Italic");

    Action toolbar = invokes.get(3);
    assertThat(toolbar.getInvoke().getMethod()).isEqualTo(InvokeMethod.INVOKE_METHOD_TOOLBAR);
    assertThat(toolbar.getInvoke().getArguments(0).getValue()).isEqualTo("false");
    assertThat(toolbar.getTarget().getRole()).isEqualTo("button");
    assertThat(toolbar.getTarget().getName()).isEqualTo("Bold");
    assertThat(toolbar.getTarget().getContextList()).extracting(c -> c.getRole() + ":" + c.getName())
        .containsExactly("toolbar:Formatting");
    assertThat(toolbar.getTarget().getBounds().getXPx()).isEqualTo(bold[0]);
    assertThat(toolbar.getTarget().getBounds().getWidthPx()).isEqualTo(bold[2]);
    assertThat(toolbar.getTarget().getLocatorsList()).anySatisfy(l -> assertThat(l.getCommandUrl()).isEqualTo(".uno:Bold"));

    // The macro recorder's own "Record Macro" window is Understudy's, not the person's.
    assertThat(actions).noneMatch(a -> a.getTarget().getName().equals("Record Macro"));
  }

  @Test
  void theInsertTableAndSaveAsDialogsAreRecordedFieldByField(LibreOfficeHarness office) throws Exception {
    String window = office.newDocument("LibreOffice Writer");
    Path report = dir.resolve("report.odt");
    List<Action> actions;
    try (OfficeRecording rec = OfficeRecording.start(dir.resolve("store"), office.connect())) {
      rec.awaitAccessibility(300);
      office.focus(window);
      office.type("Quarterly");
      int watched = rec.watchedElements();
      office.key("ctrl+F12");
      office.focus("Insert Table");
      rec.awaitDialogWalked(watched);
      office.key("ctrl+a");
      office.type("Totals");
      office.key("Tab", "ctrl+a");
      office.type("3");
      office.key("Return");
      rec.awaitAction("the table's undo title", a -> a.hasTextEdit() && a.getTextEdit().getUndoTitle().contains("Totals"));
      // Opened again, left with Escape: its Cancel button.
      office.focus(window);
      watched = rec.watchedElements();
      office.key("ctrl+F12");
      office.focus("Insert Table");
      rec.awaitDialogWalked(watched);
      office.key("Escape");
      rec.awaitAction("the cancelled dialog", a -> a.hasInvoke() && a.getTarget().getName().equals("Cancel"));
      // And again, its Cancel button clicked.
      office.focus(window);
      watched = rec.watchedElements();
      office.key("ctrl+F12");
      office.focus("Insert Table");
      rec.awaitDialogWalked(watched);
      int[] cancelButton = A11yProbe.dialogBounds(office.connect(), "Insert Table", AccessibleRole.PUSH_BUTTON, "Cancel");
      office.click(cancelButton[0] + cancelButton[2] / 2, cancelButton[1] + cancelButton[3] / 2);
      rec.awaitAction("the clicked Cancel", a -> a.hasInvoke() && a.getTarget().getName().equals("Cancel")
          && a.getInvoke().getMethod() == InvokeMethod.INVOKE_METHOD_CLICK);
      office.focus(window);
      watched = rec.watchedElements();
      office.key("ctrl+shift+s");
      office.focus("Save as");
      rec.awaitDialogWalked(watched);
      office.key("ctrl+a");
      office.type(report.toString());
      office.key("Return");
      rec.awaitAction("the save-as", a -> a.hasFileEvent() && a.getFileEvent().getOperation() == FileOperation.FILE_OPERATION_SAVE_AS);
      actions = rec.stop();
    }
    assertThat(report).exists();

    Action insertTable = find(actions, a -> a.hasInvoke() && a.getInvoke().getCommand().equals(".uno:InsertTable"));
    assertThat(attribute(insertTable, UnoTranslator.ATTR_RECORDED)).isEqualTo("comment");

    Action opened = find(actions, a -> a.hasWindowSwitch() && a.getWindowSwitch().getTo().getTitle().equals("Insert Table"));
    assertThat(attribute(opened, UnoTranslator.ATTR_WINDOW)).isEqualTo("dialog-opened");
    assertThat(opened.getWindowSwitch().getFrom().getTitle()).startsWith(window);

    Action name = find(actions, a -> a.hasValueChange() && a.getTarget().getName().equals("Name:"));
    assertThat(name.getValueChange().getValue()).isEqualTo("Totals");
    assertThat(name.getTarget().getRole()).isEqualTo("textbox");
    assertThat(name.getTarget().getContextList()).extracting(c -> c.getRole() + ":" + c.getName())
        .containsExactly("dialog:Insert Table", "group:General");
    assertThat(name.getSource().getWindowTitle()).isEqualTo("Insert Table");
    assertThat(actions).anyMatch(a -> a.hasFocus() && a.getTarget().getName().equals("Name:"));

    Action columns = find(actions, a -> a.hasValueChange() && a.getTarget().getName().equals("Columns:"));
    assertThat(columns.getValueChange().getValue()).isEqualTo("3");
    assertThat(columns.getValueChange().getValueKind()).isEqualTo(ValueKind.VALUE_KIND_NUMBER);

    assertThat(actions).anyMatch(a -> a.hasWindowSwitch() && a.getWindowSwitch().getFrom().getTitle().equals("Insert Table")
        && attribute(a, UnoTranslator.ATTR_WINDOW).equals("dialog-closed"));
    // Return in a field presses the default button: the invoke says which button closed the dialog.
    Action insert = find(actions, a -> a.hasInvoke() && attribute(a, UnoTranslator.ATTR_WINDOW).equals("dialog-button")
        && a.getSource().getWindowTitle().equals("Insert Table"));
    assertThat(insert.getTarget().getRole() + ":" + insert.getTarget().getName()).isEqualTo("button:Insert");
    assertThat(insert.getTarget().getContextList()).extracting(c -> c.getRole() + ":" + c.getName())
        .startsWith("dialog:Insert Table");
    assertThat(insert.getInvoke().getMethod()).isEqualTo(InvokeMethod.INVOKE_METHOD_KEYBOARD);
    Action closed = find(actions, a -> a.hasWindowSwitch() && attribute(a, UnoTranslator.ATTR_WINDOW).equals("dialog-closed")
        && a.getWindowSwitch().getFrom().getTitle().equals("Insert Table"));
    assertThat(insert.getSeq()).as("the button, then the dialog closing").isLessThan(closed.getSeq());
    Action save = find(actions, a -> a.hasInvoke() && attribute(a, UnoTranslator.ATTR_WINDOW).equals("dialog-button")
        && a.getSource().getWindowTitle().equals("Save as"));
    assertThat(save.getTarget().getName()).isEqualTo("Save");
    Action cancel = find(actions, a -> a.hasInvoke() && attribute(a, UnoTranslator.ATTR_WINDOW).equals("dialog-button")
        && a.getTarget().getName().equals("Cancel"));
    assertThat(cancel.getSource().getWindowTitle()).isEqualTo("Insert Table");
    assertThat(cancel.getInvoke().getMethod()).isEqualTo(InvokeMethod.INVOKE_METHOD_KEYBOARD);
    assertThat(actions).filteredOn(a -> a.hasInvoke() && attribute(a, UnoTranslator.ATTR_WINDOW).equals("dialog-button"))
        .extracting(a -> a.getTarget().getName() + " " + a.getInvoke().getMethod())
        .containsExactly("Insert INVOKE_METHOD_KEYBOARD", "Cancel INVOKE_METHOD_KEYBOARD", "Cancel INVOKE_METHOD_CLICK",
            "Save INVOKE_METHOD_KEYBOARD");
    Action table = find(actions, a -> a.hasTextEdit() && a.getTextEdit().getUndoTitle().contains("Totals"));
    assertThat(table.getTextEdit().getUndoTitle()).startsWith("Insert table");

    Action fileName = find(actions, a -> a.hasValueChange() && a.getTarget().getName().equals("File name:"));
    assertThat(fileName.getSource().getWindowTitle()).isEqualTo("Save as");
    assertThat(fileName.getValueChange().getValue()).endsWith("report.odt");

    Action saved = find(actions, a -> a.hasFileEvent());
    assertThat(saved.getFileEvent().getOperation()).isEqualTo(FileOperation.FILE_OPERATION_SAVE_AS);
    assertThat(saved.getFileEvent().getNewPath()).isEqualTo(report.toUri().toString());
    assertThat(saved.getFileEvent().getPath()).as("a document never saved before has no old path").isEmpty();
    assertThat(saved.getFileEvent().getMediaType()).isEqualTo("application/vnd.oasis.opendocument.text");
    assertThat(saved.getSource().getDocument()).isEqualTo(saved.getFileEvent().getNewPath());
    // The save command itself is not repeated as an invoke: the file event says it, with the file.
    assertThat(actions).noneMatch(a -> a.hasInvoke() && a.getInvoke().getCommand().equals(".uno:SaveAs"));
  }

  @Test
  void aPasswordTypedInADialogIsNeverRecorded(LibreOfficeHarness office) throws Exception {
    String window = office.newDocument("LibreOffice Writer");
    Path secret = dir.resolve("secret.odt");
    List<Action> actions;
    try (OfficeRecording rec = OfficeRecording.start(dir.resolve("store"), office.connect())) {
      rec.awaitAccessibility(300);
      office.focus(window);
      office.type("plans");
      int watched = rec.watchedElements();
      office.key("ctrl+shift+s");
      office.focus("Save as");
      rec.awaitDialogWalked(watched);
      office.key("ctrl+a");
      office.type(secret.toString());
      int[] box = A11yProbe.dialogBounds(office.connect(), "Save as", AccessibleRole.CHECK_BOX, "Save with password");
      office.click(box[0] + box[2] / 2, box[1] + box[3] / 2);
      office.focus("Save as");
      office.key("Return");
      office.focus("Set Password");
      office.type("hunter2");
      office.key("Tab");
      office.type("hunter2");
      office.key("Return");
      rec.awaitAction("the save-as", a -> a.hasFileEvent() && a.getFileEvent().getOperation() == FileOperation.FILE_OPERATION_SAVE_AS);
      actions = rec.stop();
    }
    assertThat(secret).exists();
    assertThat(actions).anySatisfy(a -> {
      assertThat(a.getTarget().getSecure()).isTrue();
      assertThat(a.getSource().getWindowTitle()).isEqualTo("Set Password");
    });
    assertThat(actions).filteredOn(a -> a.getTarget().getSecure() && a.hasValueChange())
        .allSatisfy(a -> assertThat(a.getValueChange().getValue()).isEmpty());
    assertThat(actions).allSatisfy(a -> assertThat(a.toString()).doesNotContain("hunter2"));
  }

  @Test
  void libreOfficeKeepsWorkingAfterTheRecorderStopsAndARecordingCanStartAgain(LibreOfficeHarness office) throws Exception {
    String window = office.newDocument("LibreOffice Writer");
    try (OfficeRecording rec = OfficeRecording.start(dir.resolve("first"), office.connect())) {
      office.focus(window);
      office.type("Before");
      rec.awaitAction("the typed text", Action::hasTextEdit);
      rec.stop();
    }
    // Nothing of the recorder is left: its "Record Macro" toolbar is gone, and LibreOffice goes on.
    assertThat(office.xdotool("search", "--onlyvisible", "--name", ".").lines().map(id -> title(office, id)))
        .noneMatch(t -> t.contains("Record Macro"));
    office.focus(window);
    office.type(" after");
    Path kept = dir.resolve("kept.odt");
    office.key("ctrl+s");
    office.focus("Save as");
    office.key("ctrl+a");
    office.type(kept.toString());
    office.key("Return");
    office.waitForWindow("kept.odt");
    assertThat(office.sofficeAlive()).isTrue();
    assertThat(contentXml(kept)).contains("Before after");

    // A second recording attaches again to the same LibreOffice, and to a document opened while it runs.
    try (OfficeRecording again = OfficeRecording.start(dir.resolve("second"), office.connect())) {
      office.focus("kept.odt");
      office.type("!");
      Action typed = again.awaitAction("typing in the second recording", Action::hasTextEdit);
      assertThat(typed.getTextEdit().getText()).isEqualTo("!");
      assertThat(typed.getSource().getDocument()).endsWith("kept.odt");
      String fresh = office.newDocument("kept.odt");
      Action created = again.awaitAction("the new document", a -> a.hasFileEvent()
          && a.getFileEvent().getOperation() == FileOperation.FILE_OPERATION_CREATE);
      assertThat(created.getSource().getWindowTitle()).startsWith(fresh);
      office.type("new");
      Action inFresh = again.awaitAction("typing in the new document", a -> a.hasTextEdit()
          && a.getSource().getWindowTitle().startsWith(fresh));
      assertThat(inFresh.getTextEdit().getText()).isEqualTo("new");
      assertThat(attribute(inFresh, UnoTranslator.ATTR_FRAME)).isNotEqualTo(attribute(typed, UnoTranslator.ATTR_FRAME));
    }
  }

  private static String title(LibreOfficeHarness office, String windowId) {
    try {
      return office.xdotool("getwindowname", windowId).strip();
    } catch (Exception e) {
      return "";
    }
  }

  static String contentXml(Path odt) throws Exception {
    try (ZipFile zip = new ZipFile(odt.toFile())) {
      return new String(zip.getInputStream(zip.getEntry("content.xml")).readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  static Action find(List<Action> actions, java.util.function.Predicate<Action> what) {
    return actions.stream().filter(what).findFirst()
        .orElseThrow(() -> new AssertionError("no such action among " + actions.stream()
            .map(a -> com.google.protobuf.TextFormat.shortDebugString(a)).toList()));
  }
}
