package dev.understudy.plugins.office.uno;

import static org.assertj.core.api.Assertions.assertThat;

import dev.understudy.proto.v1.Action;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A person entering numbers, text and a formula in a real LibreOffice Calc under Xvfb. */
class CalcCaptureTest {
  @RegisterExtension static final LibreOfficeExtension OFFICE = new LibreOfficeExtension("calc");

  @TempDir Path dir;

  @Test
  void cellEntriesBecomeValuesOfNamedCellsAndAClickSelectsACell(LibreOfficeHarness office) throws Exception {
    List<Action> actions;
    try (OfficeRecording rec = OfficeRecording.start(dir.resolve("store"), office.connect())) {
      office.focus("LibreOffice Calc");
      office.key("ctrl+Home", "Down", "Down", "Down");
      office.type("21");
      office.key("Return", "Right");
      office.type("=A4*2");
      office.key("Return");
      int[] c2 = A11yProbe.cellBounds(office.connect(), "LibreOffice Calc", 1, 2);
      office.click(c2[0] + c2[2] / 2, c2[1] + c2[3] / 2);
      office.type("total");
      office.key("Tab");
      rec.awaitAction("the text entry", a -> a.hasValueChange() && a.getValueChange().getValue().equals("total"));
      actions = rec.stop();
    }
    List<Action> calc = actions.stream().filter(a -> a.getSource().getAppId().equals("libreoffice-calc")).toList();
    assertThat(calc).isNotEmpty().allSatisfy(a -> assertThat(a.getSource().getWindowTitle()).contains("LibreOffice Calc"));

    // "entered X in cell Y": the cell comes from Calc's own change notification, the text from the entry.
    assertThat(calc.stream().filter(Action::hasValueChange).map(a -> a.getTarget().getRole() + " " + a.getTarget().getName()
        + " = " + a.getValueChange().getValue() + " (" + a.getValueChange().getValueKind() + ")"))
        .containsExactly(
            "cell Sheet1.A4 = 21 (VALUE_KIND_NUMBER)",
            "cell Sheet1.B5 = =A4*2 (VALUE_KIND_FORMULA)",
            "cell Sheet1.C2 = total (VALUE_KIND_TEXT)");
    assertThat(calc.stream().filter(Action::hasValueChange))
        .allSatisfy(a -> assertThat(OfficeRecording.attribute(a, UnoTranslator.ATTR_UNDO)).isEqualTo("Input"));

    // The click on C2 is a selection of that cell.
    Action click = WriterCaptureTest.find(calc, Action::hasSelection);
    assertThat(click.getSelection().getReference()).isEqualTo("C2");
    assertThat(click.getTarget().getName()).isEqualTo("Sheet1.C2");

    // Moving with the keyboard: the commands themselves, with their arguments.
    assertThat(calc.stream().filter(Action::hasInvoke).map(a -> a.getInvoke().getCommand()))
        .containsSubsequence(".uno:GoToStart", ".uno:GoDown", ".uno:GoDown", ".uno:GoDown", ".uno:JumpToNextCell",
            ".uno:GoRight", ".uno:JumpToNextCell");
    Action down = WriterCaptureTest.find(calc, a -> a.hasInvoke() && a.getInvoke().getCommand().equals(".uno:GoDown"));
    assertThat(down.getInvoke().getArgumentsList()).extracting(arg -> arg.getName() + "=" + arg.getValue())
        .containsExactly("By=1", "Sel=false");
  }
}
