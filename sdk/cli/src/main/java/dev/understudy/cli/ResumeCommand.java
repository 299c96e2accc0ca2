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
    java.util.List<Long> pids = control.requireRunning(home, "resume");
    if (!control.pauseRequested()) {
      root.out.println("Not paused: " + Control.describe(pids) + " is capturing.");
      return ExitCodes.OK;
    }
    control.requestResume();
    root.out.println(root.style.red("● RECORDING") + " again — " + Control.describe(pids) + " captures from now on.");
    return ExitCodes.OK;
  }
}
