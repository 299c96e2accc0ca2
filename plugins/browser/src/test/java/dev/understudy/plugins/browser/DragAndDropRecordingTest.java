package dev.understudy.plugins.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.InvokeMethod;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Drag and drop with trusted events: one drop action on the target, naming what was dragged. */
class DragAndDropRecordingTest {
  @RegisterExtension static final PageServer pages = new PageServer();

  @TempDir Path store;

  @Test
  void aDropIsRecordedOnItsTargetWithTheDraggedElement() throws Exception {
    try (BrowserRecording r = BrowserRecording.start(store)) {
      r.driver.navigate(pages.url("drag.html"));
      r.driver.drag("#card", "#done");
      Action drop = r.await("drop", a -> a.hasInvoke() && a.getInvoke().getMethod() == InvokeMethod.INVOKE_METHOD_DROP);
      assertThat(drop.getTarget().getRole()).isEqualTo("list");
      assertThat(drop.getTarget().getName()).isEqualTo("Done");
      assertThat(drop.getTarget().getLocators(0).getTestId()).isEqualTo("done-column");
      assertThat(Actions.attribute(drop, "browser.drag.source.role")).isEqualTo("listitem");
      assertThat(Actions.attribute(drop, "browser.drag.source.text")).as("a list item has no name; its text says which").isEqualTo("Write report");
      assertThat(r.driver.eval("document.getElementById('done').contains(document.getElementById('card'))").asBoolean())
          .as("the page saw the drop too").isTrue();
    }
  }
}
