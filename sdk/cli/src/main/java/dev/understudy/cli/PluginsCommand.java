package dev.understudy.cli;

import dev.understudy.core.plugin.ExtensionSummary;
import dev.understudy.core.plugin.PluginHost;
import dev.understudy.core.plugin.PluginProblem;
import dev.understudy.core.plugin.PluginSummary;
import dev.understudy.proto.v1.Capability;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** Lists the plugins in a plugins directory. */
@Command(name = "plugins", mixinStandardHelpOptions = true,
    description = "List the plugins in the plugins directory: versions, extensions, declared capabilities, and problems.")
final class PluginsCommand implements Callable<Integer> {

  @ParentCommand Understudy root;
  @Mixin HomeOption homeOption;

  @Option(names = "--plugins", paramLabel = "DIR", description = "Plugins directory (default: <home>/plugins).")
  Path pluginsDir;

  @Override
  public Integer call() {
    Path dir = pluginsDir != null ? pluginsDir : homeOption.resolve(root).plugins();
    if (!Files.isDirectory(dir)) {
      if (pluginsDir != null) {
        throw new CliException(ExitCodes.NOT_FOUND, "plugins directory " + dir + " does not exist");
      }
      root.out.println("No plugins installed: put plugin jars or zips in " + dir);
      return ExitCodes.OK;
    }
    try (PluginHost host = PluginHost.load(dir)) {
      print(host, root);
    }
    return ExitCodes.OK;
  }

  static void print(PluginHost host, Understudy root) {
    if (host.plugins().isEmpty()) {
      root.out.println("No plugins in " + host.directory());
    } else {
      root.out.println("Plugins in " + host.directory() + ":");
    }
    for (PluginSummary p : host.plugins()) {
      root.out.println("  " + root.style.bold(p.id()) + " " + p.version()
          + (p.provider().isEmpty() ? "" : " (" + p.provider() + ")") + "  " + p.state() + "  " + p.file());
      for (ExtensionSummary e : p.extensions()) {
        String kind = e.kind().name().substring("COMPONENT_KIND_".length()).toLowerCase(Locale.ROOT);
        String caps = e.capabilities().stream().sorted().map(PluginsCommand::capability).collect(Collectors.joining(", "));
        root.out.println("    " + kind + " " + e.name() + (caps.isEmpty() ? "" : "  capabilities: " + caps));
      }
    }
    if (!host.problems().isEmpty()) {
      root.out.println("Problems:");
      for (PluginProblem problem : host.problems()) {
        root.out.println("  " + root.style.yellow(problem.file()) + ": " + problem.reason());
      }
    }
  }

  static String capability(Capability c) {
    return c.name().substring("CAPABILITY_".length()).toLowerCase(Locale.ROOT).replace('_', ' ');
  }
}
