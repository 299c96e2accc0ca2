package dev.understudy.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** Resumes the recording running in this home after {@code pause}. */
@Command(name = "resume", mixinStandardHelpOptions = true,
    description = "Resume capture in the running 'understudy record' after 'understudy pause'.")
final class ResumeCommand implements Callable<Integer> {

  @ParentCommand Understudy root;
  @Mixin HomeOption homeOption;

  @Override
  public Integer call() throws Exception {
    Home home = homeOption.resolve(root);
    Control control = new Control(home.control());
    long pid = control.requireRecorder(home, "resume");
    if (!control.pauseRequested()) {
      root.out.println("The recording (process " + pid + ") is not paused; it is capturing.");
      return ExitCodes.OK;
    }
    control.requestResume();
    root.out.println(root.style.red("● RECORDING") + " again — the recording (process " + pid + ") captures from now on.");
    return ExitCodes.OK;
  }
}
