package dev.understudy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.understudy.api.ActionRefs;
import dev.understudy.plugins.lsp.LspProxyAdapterProvider;
import dev.understudy.plugins.lsp.LspTranslator;
import dev.understudy.plugins.lsp.nvim.HeadlessNeovim;
import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.Attribute;
import dev.understudy.proto.v1.FileOperation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Neovim 0.7 (headless, scripted) → {@code understudy lsp-proxy} as its own process → a real language
 * server; then the session is read from the store. Each editor action is there with its outcome, and
 * with its cause where it had one; the editor received exactly the bytes the server sent.
 */
class EditorProxyEndToEndTest {
  private static final String GREET = "def greet(name):\n    return \"hello \" + name\n\n\nx = greet(\"a\")\n";
  private static final String GREETED = "def welcome(name):\n    return \"hello \" + name\n\n\nx = welcome(\"a\")\n"
      + "y = welcome\nz = [1, 2]\n";

  @TempDir Path home;
  @TempDir Path project;

  private static String attr(Action a, String key) {
    return a.getAttributesList().stream().filter(x -> x.getKey().equals(key)).map(Attribute::getValue).findFirst().orElse(null);
  }

  private static Action invoke(List<Action> actions, String command) {
    return actions.stream().filter(a -> a.hasInvoke() && a.getInvoke().getCommand().equals(command)).findFirst()
        .orElseThrow(() -> new AssertionError("no " + command + " in " + actions));
  }

  private static List<Action> childrenOf(List<Action> actions, Action parent) {
    return actions.stream().filter(a -> a.getParentId().equals(parent.getId())).toList();
  }

  @Test
  void neovimThroughTheCliProxyToPylspRecordsEachActionWithItsOutcomeAndCause() throws Exception {
    ProxiedEditor.requireTools("pylsp");
    ProxiedEditor editor = new ProxiedEditor(home, project).consented();
    Path file = project.resolve("greet.py");
    Files.writeString(file, GREET);

    HeadlessNeovim.Run run = editor.run(List.of("pylsp"), String.join("\n",
        "vim.cmd('edit greet.py')",
        "local buf = vim.api.nvim_get_current_buf()",
        "wait_until(function() return vim.lsp.buf_is_attached(buf, CLIENT) end, 10000, 'greet.py to attach')",
        "local function line(n) return vim.api.nvim_buf_get_lines(buf, n - 1, n, false)[1] end",
        // Hover over the call on line 5.
        "vim.api.nvim_win_set_cursor(0, {5, 5})",
        "vim.lsp.buf.hover()",
        "wait_until(floating_window, 20000, 'the hover window')",
        "vim.api.nvim_win_close(floating_window(), true)",
        // Go to its definition, then list its references.
        "vim.lsp.buf.definition()",
        "wait_until(function() return vim.api.nvim_win_get_cursor(0)[1] == 1 end, 20000, 'the jump to the definition')",
        "vim.lsp.buf.references()",
        "wait_until(function() return #vim.fn.getqflist() >= 2 end, 20000, 'the references')",
        "vim.cmd('cclose')",
        // Complete 'gre' with the omnifunc and take the item it inserts.
        "vim.bo[buf].omnifunc = 'v:lua.vim.lsp.omnifunc'",
        "feed('Goy = gre<C-x><C-o>')",
        "wait_until(function() return #vim.fn.complete_info({'items'}).items > 0 end, 20000, 'the completion items')",
        "feed('<Esc>')",
        "wait_until(function() return vim.fn.mode() == 'n' end, 5000, 'normal mode')",
        "if line(6) ~= 'y = greet' then fail('completion left ' .. line(6)) end",
        // Rename the function, save.
        "vim.api.nvim_win_set_cursor(0, {1, 5})",
        "vim.lsp.buf.rename('welcome')",
        "wait_until(function() return line(1) == 'def welcome(name):' end, 20000, 'the rename')",
        "vim.cmd('write')",
        // Type a line that needs formatting, format, save.
        "step('Goz=[1,2]')",
        "vim.lsp.buf.formatting_sync(nil, 20000)",
        "if line(7) ~= 'z = [1, 2]' then fail('formatting left ' .. tostring(line(7))) end",
        "vim.cmd('write')",
        // A request after the save: its answer shows the server read everything before it.
        "vim.lsp.buf_request_sync(buf, 'textDocument/documentSymbol', {textDocument = {uri = vim.uri_from_bufnr(buf)}}, 20000)"));

    String diagnostics = editor.diagnostics(run);
    assertThat(run.exitCode()).as(diagnostics).isZero();
    assertThat(Files.readString(file)).isEqualTo(GREETED);

    // The editor received exactly what the server sent.
    byte[] serverBytes = Files.readAllBytes(editor.serverBytes);
    assertThat(serverBytes).as(diagnostics).isNotEmpty();
    assertThat(Files.readAllBytes(editor.editorBytes)).isEqualTo(serverBytes);

    List<Action> actions = editor.session();
    assertThat(actions.get(0).hasSessionStart()).isTrue();
    assertThat(actions.get(actions.size() - 1).hasSessionEnd()).as("the session was closed cleanly").isTrue();
    List<Action> editing = actions.stream().filter(a -> !a.hasSessionStart() && !a.hasSessionEnd()).toList();
    assertThat(editing).allSatisfy(a -> {
      assertThat(a.getSource().getAdapterId()).isEqualTo(LspProxyAdapterProvider.NAME);
      assertThat(a.getAttributesList()).extracting(Attribute::getKey).doesNotContain(ActionRefs.REF, ActionRefs.PARENT_REF);
    });
    assertThat(editing).filteredOn(Action::hasGap).as("nothing was lost").isEmpty();
    String uri = file.toUri().toString();

    Action hover = invoke(editing, "textDocument/hover");
    assertThat(attr(hover, LspTranslator.OUTCOME)).isEqualTo("shown");
    assertThat(attr(hover, LspTranslator.HOVER)).contains("greet");
    assertThat(hover.getTarget().getLocators(0).getTextLocation().getRange().getStart().getLine()).isEqualTo(4);

    List<Action> jumps = editing.stream().filter(Action::hasNavigate).toList();
    assertThat(jumps).extracting(a -> attr(a, "lsp.method")).containsExactly("textDocument/definition", "textDocument/references");
    assertThat(jumps.get(0).getNavigate().getUrl()).isEqualTo(uri);
    assertThat(attr(jumps.get(0), "lsp.jump.line")).isEqualTo("0");
    assertThat(Integer.parseInt(attr(jumps.get(1), "lsp.results"))).isGreaterThanOrEqualTo(2);

    Action completion = invoke(editing, "textDocument/completion");
    assertThat(attr(completion, LspTranslator.OUTCOME)).isEqualTo("accepted");
    assertThat(attr(completion, LspTranslator.ACCEPTED)).startsWith("greet");
    assertThat(childrenOf(editing, completion)).isNotEmpty().allSatisfy(a -> assertThat(a.hasTextEdit()).isTrue())
        .anySatisfy(a -> assertThat(a.getTextEdit().getText()).isEqualTo("greet"));

    Action rename = invoke(editing, "textDocument/rename");
    assertThat(rename.getInvoke().getArgumentsList()).anySatisfy(x -> {
      assertThat(x.getName()).isEqualTo("newName");
      assertThat(x.getValue()).isEqualTo("welcome");
    });
    assertThat(attr(rename, "lsp.edits")).isEqualTo("1");
    assertThat(attr(rename, "lsp.files")).isEqualTo("1");
    List<Action> renamed = childrenOf(editing, rename);
    assertThat(renamed).filteredOn(Action::hasTextEdit).isNotEmpty()
        .anySatisfy(a -> assertThat(a.getTextEdit().getText()).contains("welcome"));
    assertThat(renamed).filteredOn(Action::hasFileEvent).singleElement()
        .satisfies(a -> assertThat(a.getFileEvent().getOperation()).isEqualTo(FileOperation.FILE_OPERATION_SAVE));

    Action formatting = invoke(editing, "textDocument/formatting");
    assertThat(Integer.parseInt(attr(formatting, "lsp.edits"))).isPositive();
    List<Action> formatted = childrenOf(editing, formatting);
    assertThat(formatted).filteredOn(Action::hasTextEdit).isNotEmpty()
        .anySatisfy(a -> assertThat(a.getTextEdit().getText()).contains(" = [1, "));
    assertThat(formatted).filteredOn(Action::hasFileEvent).singleElement()
        .satisfies(a -> assertThat(a.getFileEvent().getOperation()).isEqualTo(FileOperation.FILE_OPERATION_SAVE));

    // The order a person would tell it in.
    assertThat(editing.indexOf(hover)).isLessThan(editing.indexOf(jumps.get(0)));
    assertThat(editing.indexOf(completion)).isLessThan(editing.indexOf(rename));
    assertThat(editing.indexOf(rename)).isLessThan(editing.indexOf(formatting));

    // Every change the editor made is in the session: replay rebuilds the saved file byte for byte.
    Path replayed = project.resolve("replayed");
    CliRun replay = CliRun.run(home, "replay", sessionId(), "--out", replayed.toString());
    assertThat(replay.exitCode()).as(replay.out() + replay.err()).isZero();
    assertThat(replay.out()).contains("1 matched what was saved, 0 differ");
    try (var files = Files.walk(replayed)) {
      Path rebuilt = files.filter(p -> p.getFileName().toString().equals("greet.py")).findFirst().orElseThrow();
      assertThat(Files.readString(rebuilt)).isEqualTo(GREETED);
    }
  }

  private String sessionId() throws Exception {
    try (var dirs = Files.list(home.resolve("sessions"))) {
      return dirs.map(p -> p.getFileName().toString()).filter(n -> n.length() == 36).findFirst().orElseThrow();
    }
  }

  @Test
  void codeActionsOfferedAndChosenAreParentsOfTheirEditsAndOfTheSaveAfterThem() throws Exception {
    // pylsp 1.7 offers no code actions without extra plugins (rope), so a tiny test server offers them.
    ProxiedEditor.requireTools(null);
    ProxiedEditor editor = new ProxiedEditor(home, project).consented();
    Path file = project.resolve("tools.py");
    Files.writeString(file, "def tool():\n    pass\n");

    HeadlessNeovim.Run run = editor.run(ProxiedEditor.javaServer(CodeActionTestServer.class), String.join("\n",
        "vim.cmd('edit tools.py')",
        "local buf = vim.api.nvim_get_current_buf()",
        "wait_until(function() return vim.lsp.buf_is_attached(buf, CLIENT) end, 10000, 'tools.py to attach')",
        "local function line(n) return vim.api.nvim_buf_get_lines(buf, n - 1, n, false)[1] end",
        "local choose",
        "vim.ui.select = function(items, opts, on_choice)",
        "  for i, item in ipairs(items) do",
        "    local action = item[2] or item",
        "    if action.title == choose then on_choice(item, i) return end",
        "  end",
        "  fail('no code action titled ' .. choose .. ' in ' .. vim.inspect(items))",
        "end",
        "choose = 'Add a module docstring'",
        "vim.lsp.buf.code_action()",
        "wait_until(function() return line(1) == '\"\"\"Greetings.\"\"\"' end, 20000, 'the docstring')",
        "vim.cmd('write')",
        "choose = 'Add a header comment'",
        "vim.lsp.buf.code_action()",
        "wait_until(function() return line(1) == '# Generated header' end, 20000, 'the header')",
        "vim.cmd('write')",
        "vim.lsp.buf_request_sync(buf, 'textDocument/documentSymbol', {textDocument = {uri = vim.uri_from_bufnr(buf)}}, 20000)"));

    String diagnostics = editor.diagnostics(run);
    assertThat(run.exitCode()).as(diagnostics).isZero();
    assertThat(Files.readString(file)).isEqualTo(CodeActionTestServer.HEADER + CodeActionTestServer.DOCSTRING
        + "def tool():\n    pass\n");
    assertThat(Files.readAllBytes(editor.editorBytes)).isEqualTo(Files.readAllBytes(editor.serverBytes)).isNotEmpty();

    List<Action> actions = editor.session();
    List<Action> offered = actions.stream()
        .filter(a -> a.hasInvoke() && "offered".equals(attr(a, LspTranslator.OUTCOME))).toList();
    assertThat(offered).hasSize(2).allSatisfy(a -> {
      assertThat(a.getInvoke().getCommand()).isEqualTo("textDocument/codeAction");
      assertThat(a.getInvoke().getArguments(0).getValue()).isEqualTo("Add a module docstring\nAdd a header comment");
    });
    List<Action> chosen = actions.stream().filter(a -> a.hasInvoke() && "chosen".equals(attr(a, LspTranslator.OUTCOME))).toList();
    assertThat(chosen).extracting(a -> a.getInvoke().getArguments(0).getValue())
        .containsExactly("Add a module docstring", "Add a header comment");

    // The docstring came as an edit in the code action itself. (Neovim reports the line it inserted it
    // before as replaced too: the change is the editor's, not a copy of the server's edit.)
    List<Action> byDocstring = childrenOf(actions, chosen.get(0));
    assertThat(byDocstring).filteredOn(Action::hasTextEdit).singleElement()
        .satisfies(a -> assertThat(a.getTextEdit().getText()).startsWith(CodeActionTestServer.DOCSTRING));
    assertThat(byDocstring).filteredOn(Action::hasFileEvent).singleElement()
        .satisfies(a -> assertThat(a.getFileEvent().getOperation()).isEqualTo(FileOperation.FILE_OPERATION_SAVE));
    // The header came from the command the code action ran: the server asked the editor to apply it.
    List<Action> byHeader = childrenOf(actions, chosen.get(1));
    assertThat(byHeader).filteredOn(Action::hasInvoke).singleElement()
        .satisfies(a -> assertThat(a.getInvoke().getCommand()).isEqualTo(CodeActionTestServer.COMMAND));
    assertThat(byHeader).filteredOn(Action::hasTextEdit).singleElement()
        .satisfies(a -> assertThat(a.getTextEdit().getText()).startsWith(CodeActionTestServer.HEADER));
    assertThat(byHeader).filteredOn(Action::hasFileEvent).singleElement()
        .satisfies(a -> assertThat(a.getFileEvent().getOperation()).isEqualTo(FileOperation.FILE_OPERATION_SAVE));
  }
}
