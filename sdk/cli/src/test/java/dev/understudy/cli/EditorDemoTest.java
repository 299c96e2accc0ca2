package dev.understudy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.understudy.plugins.lsp.LspTranslator;
import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.Attribute;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The demo's editor part when its tools are missing, and how it annotates its timeline (the full run: UnderstudyCliTest). */
class EditorDemoTest {
  @TempDir Path home;

  private record Ran(int code, String out, String err) {}

  private Ran demo(String nvim, String server) throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Understudy root = new Understudy(Map.of(), new PrintWriter(out, true), new PrintWriter(err, true), new Style(false));
    CommandLine.ParseResult parsed = new CommandLine(root).parseArgs("demo", "--home", home.toString(), "--delay", "1ms");
    DemoCommand command = (DemoCommand) parsed.subcommand().commandSpec().userObject();
    command.editorNvim = nvim;
    command.editorServer = server;
    command.browserChromium = home.resolve("no-chromium-here"); // the browser part: BrowserDemoTest
    int code = command.call();
    return new Ran(code, out.toString(), err.toString());
  }

  private long sessions() throws Exception {
    try (var dirs = Files.list(home.resolve("sessions"))) {
      return dirs.filter(p -> p.getFileName().toString().length() == 36).count();
    }
  }

  @Test
  void withoutNeovimTheDemoSaysHowToInstallItAndStillShowsTheOtherParts() throws Exception {
    Ran ran = demo(home.resolve("no-nvim-here").toString(), "pylsp");
    assertThat(ran.code()).as(ran.err()).isZero();
    assertThat(ran.err()).contains("Editor part skipped: Neovim is not installed", "apt-get install -y neovim python3-pylsp",
        "run 'understudy demo' again");
    assertThat(ran.out()).contains("Timeline of session", ".uno:Bold");
    assertThat(sessions()).isEqualTo(1);
  }

  @Test
  void withoutTheLanguageServerTheDemoSaysHowToInstallIt() throws Exception {
    Ran ran = demo("nvim", home.resolve("no-pylsp-here").toString());
    assertThat(ran.code()).as(ran.err()).isZero();
    assertThat(ran.err()).contains("Editor part skipped: the language server '", "no-pylsp-here' is not installed",
        "apt-get install -y neovim python3-pylsp");
    assertThat(sessions()).isEqualTo(1);
  }

  @Test
  void theTimelineShowsOutcomesAndCausesByTheirSeq() {
    ByteString renameId = ByteString.copyFromUtf8("rename-id-16byte");
    Action rename = Action.newBuilder().setId(renameId).setSeq(7)
        .addAttributes(Attribute.newBuilder().setKey(LspTranslator.OUTCOME).setValue("edited")).build();
    Action edit = Action.newBuilder().setSeq(8).setParentId(renameId).build();
    Map<ByteString, Long> seqs = Map.of(renameId, 7L);
    assertThat(EditorDemo.annotate(rename, seqs)).isEqualTo("  ← edited");
    assertThat(EditorDemo.annotate(edit, seqs)).isEqualTo("  ← caused by #7");
    assertThat(EditorDemo.annotate(Action.getDefaultInstance(), seqs)).isEmpty();
  }
}
