package dev.understudy.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One in-process run of the command with captured output. */
record CliRun(int exitCode, String out, String err) {

  static CliRun run(Path home, String... args) {
    return run(home, Map.of(), args);
  }

  /** As {@link #run(Path, String...)} with these environment variables. */
  static CliRun run(Path home, Map<String, String> env, String... args) {
    List<String> argv = new ArrayList<>(List.of(args));
    if (home != null && !argv.isEmpty() && !argv.contains("--help")) {
      argv.add(1, home.toString());
      argv.add(1, "--home");
    }
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Understudy.execute(argv.toArray(String[]::new), env, new PrintWriter(out, true), new PrintWriter(err, true),
        new Style(false));
    return new CliRun(code, out.toString(), err.toString());
  }

  /** The error output's lines that come from the command, not from logging. */
  List<String> errorLines() {
    return err.lines().filter(l -> l.startsWith("understudy: ") && !l.startsWith("understudy: warning")).toList();
  }
}
