package dev.understudy.cli;

import dev.understudy.core.store.VerifyReport;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** Checks a session's integrity. */
@Command(name = "verify", mixinStandardHelpOptions = true,
    description = {
      "Check a session: every frame's CRC (encrypted: every block's authentication tag), sequence holes,",
      "gap records, and a clean end. Encrypted sessions need their key (--key-file or $UNDERSTUDY_KEY).",
      "Exits 4 when anything is damaged, and says what and where. Never changes the session."
    })
final class VerifyCommand implements Callable<Integer> {

  @ParentCommand Understudy root;
  @Mixin HomeOption homeOption;
  @Mixin SessionArgs sessionArgs;
  @Mixin KeyOption keyOption;

  @Override
  public Integer call() throws Exception {
    SessionArgs.Opened opened = sessionArgs.open(homeOption.resolve(root), keyOption.resolve(root));
    VerifyReport report = opened.store().verify(opened.id());
    String text = report.describe();
    root.out.println(report.ok() ? text.replaceFirst(": OK", ": " + root.style.green("OK"))
        : text.replaceFirst(": DAMAGED", ": " + root.style.red("DAMAGED")));
    return report.ok() ? ExitCodes.OK : ExitCodes.DAMAGED;
  }
}
