package dev.understudy.plugins.office.agent;

import com.sun.tools.attach.AgentInitializationException;
import com.sun.tools.attach.AgentLoadException;
import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import dev.understudy.plugins.office.BackendException;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Loads the agent into a running Java application ({@code VirtualMachine.attach}). Needs a JDK (the
 * {@code jdk.attach} module) and an application of the same user that has not disabled attaching.
 */
final class Attacher {
  private Attacher() {}

  /** Loads {@code agentJar} into process {@code pid} with these agent arguments. */
  static void attach(long pid, Path agentJar, String agentArgs) throws BackendException {
    VirtualMachine vm;
    try {
      vm = VirtualMachine.attach(Long.toString(pid));
    } catch (AttachNotSupportedException | IOException e) {
      throw new BackendException("adapter.office.agent.attach: cannot attach to process " + pid
          + " (is it a Java 17+ application of this user, started without -XX:+DisableAttachMechanism?): " + e.getMessage(), e);
    } catch (NoClassDefFoundError e) {
      throw new BackendException("adapter.office.agent.attach: attaching needs a JDK with the jdk.attach module; "
          + "run the recorder on a JDK or start the application with -javaagent", e);
    }
    try {
      vm.loadAgent(agentJar.toString(), agentArgs);
    } catch (AgentLoadException | AgentInitializationException | IOException e) {
      throw new BackendException("adapter.office.agent.attach: process " + pid + " did not load the agent: "
          + e.getMessage(), e);
    } finally {
      try {
        vm.detach();
      } catch (IOException e) {
        // The agent is loaded; a failed detach leaves nothing behind on our side.
      }
    }
  }
}
