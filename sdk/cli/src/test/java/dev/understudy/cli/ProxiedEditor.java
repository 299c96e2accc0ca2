package dev.understudy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.understudy.core.store.SessionReader;
import dev.understudy.core.store.SessionStore;
import dev.understudy.core.store.SessionSummary;
import dev.understudy.plugins.lsp.nvim.HeadlessNeovim;
import dev.understudy.proto.v1.Action;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Headless Neovim whose language server is {@code understudy lsp-proxy} run as its own process (the
 * command line an editor is configured with), in front of a real server. {@code tee} keeps the bytes on
 * both sides of the proxy: what the server wrote, and what the editor received.
 */
final class ProxiedEditor {
  static final Duration TIMEOUT = Duration.ofSeconds(120);
  /** {@code sh -c} script: run the rest of the arguments with stdout copied to the file in $1. */
  private static final String TEE = "f=\"$1\"; shift; \"$@\" | tee \"$f\"";

  final Path home;
  final Path project;
  final Path serverBytes;
  final Path editorBytes;

  ProxiedEditor(Path home, Path project) throws IOException {
    this.home = home;
    this.project = project;
    Path logs = Files.createDirectories(project.resolve(".proxy-bytes"));
    this.serverBytes = logs.resolve("server");
    this.editorBytes = logs.resolve("editor");
  }

  /** Grants the consent the proxy needs, as a person would. */
  ProxiedEditor consented() {
    CliRun grant = CliRun.run(home, "consent", "grant", "--adapter", "lsp-proxy");
    assertThat(grant.exitCode()).as(grant.err()).isZero();
    return this;
  }

  /** Fails with how to install them unless Neovim and {@code serverProgram} (when not null) run. */
  static void requireTools(String serverProgram) {
    HeadlessNeovim.missing(serverProgram).ifPresent(m -> {
      throw new AssertionError(m);
    });
  }

  /** The java command that runs this build's {@code understudy}. */
  static List<String> understudy(String... args) {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", EditorDemo.absoluteClassPath(), Understudy.class.getName()));
    cmd.addAll(List.of(args));
    return cmd;
  }

  /** A java command running a class of the test class path as a language server. */
  static List<String> javaServer(Class<?> main) {
    return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", EditorDemo.absoluteClassPath(), main.getName());
  }

  /** Runs Neovim in the project with these steps; the language server is {@code server} behind the proxy. */
  HeadlessNeovim.Run run(List<String> server, String steps) throws IOException, InterruptedException {
    List<String> lsp = new ArrayList<>(List.of("sh", "-c", TEE, "sh", editorBytes.toString()));
    lsp.addAll(understudy("lsp-proxy", "--home", home.toString(), "--", "sh", "-c", TEE, "sh", serverBytes.toString()));
    lsp.addAll(server);
    return new HeadlessNeovim(project, lsp, TIMEOUT).run(steps);
  }

  /** What Neovim printed and what its LSP log says (the proxy's stderr goes there), for failure messages. */
  String diagnostics(HeadlessNeovim.Run run) throws IOException {
    StringBuilder s = new StringBuilder("nvim exit code " + run.exitCode() + ", output:\n" + run.output());
    try (Stream<Path> files = Files.walk(project.resolve(".nvim-run"))) {
      for (Path log : files.filter(p -> p.getFileName().toString().equals("lsp.log")).toList()) {
        s.append("\n").append(log).append(":\n").append(Files.readString(log));
      }
    }
    return s.toString();
  }

  /** The actions of the one session recorded in the home. */
  List<Action> session() throws IOException {
    SessionStore store = SessionStore.open(Home.resolve(home, Map.of()).sessions());
    List<SessionSummary> sessions = store.list();
    assertThat(sessions).hasSize(1);
    try (SessionReader reader = store.reader(sessions.get(0).id())) {
      return reader.readAll();
    }
  }
}
