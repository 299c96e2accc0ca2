package dev.understudy.cli;

import dev.understudy.core.export.JsonLines;
import dev.understudy.core.retention.ExportEntry;
import dev.understudy.core.retention.ExportLedger;
import dev.understudy.core.store.SessionReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** Exports a session to a file format training code reads. */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = {
      "Export a session in a format training code reads.",
      "jsonl: one JSON object per action, with the schema's field names (docs/EXPORT-JSONL.md).",
      "Exports written with -o are recorded in <home>/exports.ledger (path, size, SHA-256), so that",
      "'understudy forget' deletes them with their session. Exports to standard output are not."
    })
final class ExportCommand implements Callable<Integer> {

  /** The formats {@code export} writes. */
  enum Format { jsonl }

  @ParentCommand Understudy root;
  @Mixin HomeOption homeOption;
  @Mixin SessionArgs sessionArgs;
  @Mixin KeyOption keyOption;

  @Option(names = "--format", required = true, paramLabel = "FORMAT",
      description = "Output format: ${COMPLETION-CANDIDATES}.")
  Format format;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE",
      description = "Write to FILE instead of standard output. The file appears only when the export is complete.")
  Path output;

  @Option(names = "--force", description = "Replace FILE if it exists.")
  boolean force;

  @Override
  public Integer call() throws Exception {
    Home home = homeOption.resolve(root);
    SessionArgs.Opened opened = sessionArgs.open(home, keyOption.resolve(root));
    if (output == null) {
      long n = export(opened, root.out);
      root.out.flush();
      root.err.println("understudy: exported " + n + " records");
      return ExitCodes.OK;
    }
    Path target = output.toAbsolutePath();
    if (Files.exists(target) && !force) {
      throw new CliException(ExitCodes.USAGE, target + " exists; pass --force to replace it");
    }
    Path dir = target.getParent();
    if (dir == null || !Files.isDirectory(dir)) {
      throw new CliException(ExitCodes.NOT_FOUND, "cannot write " + target + ": directory " + dir + " does not exist");
    }
    // Write beside the target and move into place, so a failed export never leaves half a file.
    Path partial = dir.resolve("." + target.getFileName() + ".partial");
    long n;
    try (Writer writer = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(partial), StandardCharsets.UTF_8), 1 << 16)) {
      n = export(opened, writer);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(partial);
      throw e;
    }
    // Recorded before it is in place: an export the ledger does not know could never be forgotten.
    try {
      ExportEntry entry = ExportEntry.of(opened.id(), partial, format.name(), Instant.now()).withPath(target);
      ExportLedger.at(home.exportLedger()).recordExport(entry);
    } catch (IOException e) {
      Files.deleteIfExists(partial);
      throw new CliException(ExitCodes.NOT_FOUND, "cannot record the export in " + home.exportLedger() + " ("
          + e.getMessage() + "), so nothing was exported");
    }
    Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    root.err.println("understudy: exported " + n + " records to " + target);
    return ExitCodes.OK;
  }

  private long export(SessionArgs.Opened opened, Appendable out) throws IOException {
    long n = 0;
    try (SessionReader reader = opened.store().reader(opened.id())) {
      while (reader.hasNext()) {
        JsonLines.write(reader.next(), out);
        n++;
        if (n % 100_000 == 0) {
          root.err.println("understudy: " + n + " records exported...");
        }
      }
      if (!reader.damage().isEmpty()) {
        root.err.println(root.style.yellow("understudy: " + reader.damage().size()
            + " damaged region(s) were skipped; 'understudy verify " + opened.id() + "' says where"));
      }
    }
    return n;
  }
}
