package dev.understudy.plugins.office.uno;

import static org.assertj.core.api.Assertions.assertThat;

import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.FileOperation;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Replaying the UNO commands of a recorded Writer session into a fresh document reproduces its text. */
class UnoReplayTest {
  @RegisterExtension static final LibreOfficeExtension OFFICE = new LibreOfficeExtension("writer");

  @TempDir Path dir;

  @Test
  void replayingTheRecordedCommandsIntoANewDocumentReproducesItsText(LibreOfficeHarness office) throws Exception {
    Path letter = dir.resolve("letter.odt");
    List<Action> actions;
    try (OfficeRecording rec = OfficeRecording.start(dir.resolve("store"), office.connect())) {
      office.focus("LibreOffice Writer");
      office.type("Dear team,");
      office.key("Return", "ctrl+b");
      office.type("Results");
      office.key("ctrl+b");
      office.type(" are in, see the tablx");
      office.key("BackSpace");
      office.type("e.");
      office.key("Return", "Return");
      office.type("Thanks, Ana");
      office.key("Left", "Left", "Left", "BackSpace");
      office.type(" ");
      office.key("ctrl+shift+s");
      office.focus("Save as");
      office.key("ctrl+a");
      office.type(letter.toString());
      office.key("Return");
      rec.awaitAction("the save", a -> a.hasFileEvent() && a.getFileEvent().getOperation() == FileOperation.FILE_OPERATION_SAVE_AS);
      actions = rec.stop();
    }
    List<ReplayStep> steps = UnoReplay.steps(actions, "libreoffice-writer");
    assertThat(steps).extracting(ReplayStep::command).contains(".uno:InsertText", ".uno:InsertPara", ".uno:Bold",
        ".uno:GoLeft", ".uno:SwBackspace").doesNotContain(".uno:SaveAs");

    try (UnoReplay replay = UnoReplay.connect(office.connect(), Optional.empty())) {
      String original = replay.documentText(letter.toUri().toString());
      // The last edit went back three characters, took out the space and typed it again.
      assertThat(original).isEqualTo("Dear team,\nResults are in, see the table.\n\nThanks, Ana");
      String replayed = replay.intoNewDocument(UnoReplay.WRITER, steps);
      assertThat(replayed).isEqualTo(original);
    }
  }
}
