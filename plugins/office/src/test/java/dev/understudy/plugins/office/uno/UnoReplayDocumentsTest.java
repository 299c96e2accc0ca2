package dev.understudy.plugins.office.uno;

import static org.assertj.core.api.Assertions.assertThat;

import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.Attribute;
import dev.understudy.proto.v1.EditOperation;
import dev.understudy.proto.v1.FileEvent;
import dev.understudy.proto.v1.FileOperation;
import dev.understudy.proto.v1.Source;
import dev.understudy.proto.v1.TextEdit;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A recorded session split into its LibreOffice documents, each with its steps and the file it was saved to. */
class UnoReplayDocumentsTest {

  private static Action.Builder in(String app, String frame) {
    return Action.newBuilder().setSource(Source.newBuilder().setAppId(app))
        .addAttributes(Attribute.newBuilder().setKey(UnoTranslator.ATTR_FRAME).setValue(frame));
  }

  private static Action typed(String app, String frame, String text) {
    return in(app, frame).addAttributes(Attribute.newBuilder().setKey(UnoTranslator.ATTR_COMMAND).setValue(UnoTranslator.INSERT_TEXT))
        .setTextEdit(TextEdit.newBuilder().setOperation(EditOperation.EDIT_OPERATION_INSERT).setText(text)).build();
  }

  private static Action file(String app, String frame, FileOperation op, String path, String newPath) {
    return in(app, frame).setFileEvent(FileEvent.newBuilder().setOperation(op).setPath(path).setNewPath(newPath)).build();
  }

  @Test
  void oneDocumentPerFrameWithItsStepsTheFileItWasSavedToAndTheFileItCameFrom() {
    List<ReplayDocument> documents = UnoReplay.documents(List.of(
        typed("libreoffice-writer", "1", "Hello"),
        typed("libreoffice-writer", "2", "Other"),
        file("libreoffice-writer", "1", FileOperation.FILE_OPERATION_SAVE_AS, "", "file:///tmp/a.odt"),
        file("libreoffice-writer", "1", FileOperation.FILE_OPERATION_SAVE, "file:///tmp/a.odt", ""),
        file("libreoffice-calc", "3", FileOperation.FILE_OPERATION_OPEN, "file:///tmp/b.ods", ""),
        typed("some-other-app", "", "ignored")));
    assertThat(documents).extracting(d -> d.appId() + "#" + d.frameId() + " " + d.factory() + " " + d.steps()
        + " saved=" + d.savedUrl() + " opened=" + d.openedUrl())
        .containsExactly(
            "libreoffice-writer#1 " + UnoReplay.WRITER + " [.uno:InsertText Text=Hello] saved=file:///tmp/a.odt opened=",
            "libreoffice-writer#2 " + UnoReplay.WRITER + " [.uno:InsertText Text=Other] saved= opened=",
            "libreoffice-calc#3 " + UnoReplay.CALC + " [] saved= opened=file:///tmp/b.ods");
  }
}
