package dev.understudy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.understudy.plugins.lsp.nvim.HeadlessNeovim;
import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.FileOperation;
import dev.understudy.proto.v1.Redaction;
import dev.understudy.testing.Canaries;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secrets typed in Neovim, key by key, through {@code understudy lsp-proxy} to pylsp: one into a Python
 * file (captured, with the secret redacted before storage), others into a {@code .env} and a
 * {@code .pem} file (denied by the default policy: not captured at all). Then every byte under the
 * session store is searched for the secrets, for long fragments of them, and for the denied files' names.
 */
class EditorPrivacyEndToEndTest {
  private static final String APP_SECRET = "sk_live_51AppCanaryZ9x8C7v6B5n4M3l2";
  private static final String ENV_SECRET = "sk_live_51EnvCanaryQ7w8E9r0T1y2U3i4";
  private static final String PEM_SECRET = "MIIEvQIBADANBgkqhkiG9w0PemCanaryBAQEFAASCBKcwggSj";

  @TempDir Path home;
  @TempDir Path project;

  @Test
  void aTypedSecretIsRedactedBeforeStorageAndDeniedFilesAreNotCapturedAtAll() throws Exception {
    ProxiedEditor.requireTools("pylsp");
    ProxiedEditor editor = new ProxiedEditor(home, project).consented();
    for (String name : List.of(".env", "server.pem", "app.py")) {
      Files.writeString(project.resolve(name), "");
    }

    HeadlessNeovim.Run run = editor.run(List.of("pylsp"), String.join("\n",
        "local function type_into(name, keys)",
        "  vim.cmd('edit ' .. name)",
        "  local buf = vim.api.nvim_get_current_buf()",
        "  wait_until(function() return vim.lsp.buf_is_attached(buf, CLIENT) end, 10000, name .. ' to attach')",
        "  step('i' .. keys)",
        "  vim.cmd('write')",
        "  return buf",
        "end",
        "type_into('.env', 'STRIPE_KEY=" + ENV_SECRET + "')",
        "type_into('server.pem', '-----BEGIN PRIVATE KEY-----\\r" + PEM_SECRET + "\\r-----END PRIVATE KEY-----')",
        "local app = type_into('app.py', 'STRIPE_KEY = \"" + APP_SECRET + "\"')",
        "vim.lsp.buf_request_sync(app, 'textDocument/documentSymbol', {textDocument = {uri = vim.uri_from_bufnr(app)}}, 20000)"));

    String diagnostics = editor.diagnostics(run);
    assertThat(run.exitCode()).as(diagnostics).isZero();
    assertThat(Files.readString(project.resolve(".env"))).contains(ENV_SECRET);
    assertThat(Files.readString(project.resolve("server.pem"))).contains(PEM_SECRET);
    assertThat(Files.readString(project.resolve("app.py"))).isEqualTo("STRIPE_KEY = \"" + APP_SECRET + "\"\n");

    List<Action> actions = editor.session();
    // The Python file is in the session: opened, typed into (the key redacted), saved.
    String app = project.resolve("app.py").toString();
    assertThat(actions).filteredOn(a -> a.hasFileEvent() && a.getFileEvent().getPath().equals(app))
        .extracting(a -> a.getFileEvent().getOperation())
        .containsExactly(FileOperation.FILE_OPERATION_OPEN, FileOperation.FILE_OPERATION_SAVE);
    List<Action> typed = actions.stream().filter(a -> a.hasTextEdit() && a.getTextEdit().hasRange()).toList();
    assertThat(typed).as(diagnostics).singleElement().satisfies(a -> {
      assertThat(a.getSource().getDocument()).endsWith("/app.py");
      assertThat(a.getTextEdit().getText()).startsWith("STRIPE_KEY = \"<STRIPE_KEY:").doesNotContain("sk_live");
      assertThat(a.getRedactionsList()).extracting(Redaction::getRuleId).contains("stripe-key");
    });
    // Nothing of the denied files: no open, no edit, no save.
    assertThat(actions).noneSatisfy(a -> assertThat(a.getSource().getDocument()).containsAnyOf(".env", ".pem"));
    assertThat(actions).filteredOn(Action::hasFileEvent)
        .noneSatisfy(a -> assertThat(a.getFileEvent().getPath()).containsAnyOf(".env", ".pem"));

    // Every byte the store holds.
    String stored = Canaries.allBytes(home.resolve("sessions"));
    assertThat(stored).as("the search sees the store").contains("STRIPE_KEY = ");
    List<String> found = new ArrayList<>(Canaries.find(stored, Map.of(
        APP_SECRET, "typed into app.py", ENV_SECRET, "typed into .env", PEM_SECRET, "typed into server.pem")));
    for (String name : List.of("/.env", "server.pem", "BEGIN PRIVATE KEY")) {
      if (stored.contains(name)) {
        found.add(name);
      }
    }
    assertThat(found).as("what the session store must not hold").isEmpty();
  }
}
