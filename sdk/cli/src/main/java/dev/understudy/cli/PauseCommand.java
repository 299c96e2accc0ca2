package dev.understudy.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** Pauses the recording running in this home. */
@Command(name = "pause", mixinStandardHelpOptions = true,
    description = {
      "Pause the running 'understudy record': nothing is captured until 'understudy resume'.",
      "The session keeps a marker of when capture was paused and resumed."
    })
final class PauseCommand implements Callable<Integer> {

  @ParentCommand Understudy root;
  @Mixin HomeOption homeOption;

  @Override
  public Integer call() throws Exception {
    Home home = homeOption.resolve(root);
    Control control = new Control(home.control());
    java.util.List<Long> pids = control.requireRunning(home, "pause");
    control.requestPause();
    root.out.println(root.style.yellow("❚❚ PAUSED") + " — " + Control.describe(pids)
        + " captures nothing until 'understudy resume'.");
    return ExitCodes.OK;
  }
}
