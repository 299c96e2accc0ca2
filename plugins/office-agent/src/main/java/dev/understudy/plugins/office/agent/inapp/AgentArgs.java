package dev.understudy.plugins.office.agent.inapp;

import java.nio.file.Path;

/**
 * The agent's argument string, {@code key=value} pairs separated by commas (or just a socket path):
 * {@code socket=<path>} (default {@link Wire#defaultSocket()}), {@code app=<id>} (default: the X11
 * WM_CLASS the toolkit gives the application's windows), {@code queue=<events>} (default
 * {@value Outbox#DEFAULT_CAPACITY}). Immutable.
 */
record AgentArgs(Path socket, String app, int queue) {

  /** Parses the string handed to {@code premain}/{@code agentmain}; unknown keys fail naming the key. */
  static AgentArgs parse(String args) {
    Path socket = null;
    String app = null;
    int queue = Outbox.DEFAULT_CAPACITY;
    if (args != null && !args.isBlank()) {
      // A lone path is the socket: what 'jcmd PID JVMTI.agent_load agent.jar PATH' can pass.
      if (!args.contains("=") && !args.contains(",")) {
        return new AgentArgs(Path.of(args.strip()), null, Outbox.DEFAULT_CAPACITY);
      }
      for (String pair : args.split(",")) {
        int eq = pair.indexOf('=');
        if (eq <= 0) {
          throw new IllegalArgumentException("understudy agent: expected key=value, got '" + pair + "'");
        }
        String key = pair.substring(0, eq).trim();
        String value = pair.substring(eq + 1).trim();
        switch (key) {
          case "socket" -> socket = Path.of(value);
          case "app" -> app = value.isEmpty() ? null : value;
          case "queue" -> {
            try {
              queue = Integer.parseInt(value);
            } catch (NumberFormatException e) {
              throw new IllegalArgumentException("understudy agent: queue: expected a whole number, got '" + value + "'");
            }
            if (queue < 1) {
              throw new IllegalArgumentException("understudy agent: queue: must be at least 1, got " + queue);
            }
          }
          default -> throw new IllegalArgumentException("understudy agent: unknown argument '" + key
              + "' (known: socket, app, queue)");
        }
      }
    }
    return new AgentArgs(socket == null ? Wire.defaultSocket() : socket, app, queue);
  }
}
