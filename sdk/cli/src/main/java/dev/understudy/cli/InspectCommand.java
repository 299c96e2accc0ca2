package dev.understudy.cli;

import dev.understudy.core.store.Damage;
import dev.understudy.core.store.SessionReader;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** Prints a session as a readable timeline. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
    description = "Print a session as a readable timeline: seq, time, app, kind, target and key fields.")
final class InspectCommand implements Callable<Integer> {

  @ParentCommand Understudy root;
  @Mixin HomeOption homeOption;
  @Mixin SessionArgs sessionArgs;
  @Mixin KeyOption keyOption;

  @Option(names = "--from-seq", paramLabel = "N", description = "Start at this sequence number.")
  long fromSeq = 1;

  @Option(names = "--limit", paramLabel = "N", description = "Print at most N records (default: all).")
  long limit = Long.MAX_VALUE;

  @Override
  public Integer call() throws Exception {
    if (fromSeq < 1) {
      throw new CliException(ExitCodes.USAGE, "--from-seq must be 1 or more, got " + fromSeq);
    }
    if (limit < 1) {
      throw new CliException(ExitCodes.USAGE, "--limit must be 1 or more, got " + limit);
    }
    SessionArgs.Opened opened = sessionArgs.open(homeOption.resolve(root), keyOption.resolve(root));
    Timeline timeline = new Timeline(ZoneId.systemDefault());
    root.out.println(root.style.bold("Session " + opened.id()));
    root.out.println(timeline.header());
    long printed = 0;
    try (SessionReader reader = opened.store().reader(opened.id())) {
      if (fromSeq > 1) {
        reader.seekToSeq(fromSeq);
      }
      while (printed < limit && reader.hasNext()) {
        root.out.println(timeline.line(reader.next()));
        printed++;
      }
      List<Damage> damage = reader.damage();
      if (!damage.isEmpty()) {
        root.err.println(root.style.yellow("understudy: " + damage.size()
            + " damaged region(s) were skipped; 'understudy verify " + opened.id() + "' says where"));
      }
    }
    return ExitCodes.OK;
  }
}
