package dev.understudy.cli;

import dev.understudy.core.plugin.ExtensionSummary;
import dev.understudy.core.plugin.PluginHost;
import dev.understudy.core.plugin.PluginProblem;
import dev.understudy.core.plugin.PluginSummary;
import dev.understudy.core.plugin.SignatureStatus;
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

/** Lists the plugins in a plugins directory; its subcommands sign plugins and manage trusted keys. */
@Command(name = "plugins", mixinStandardHelpOptions = true,
    description = {
      "List the plugins in the plugins directory: versions, signatures, extensions, declared capabilities,",
      "and problems. A plugin loads only when signed by a key you trust (see 'plugins trust').",
      "Vendors: 'plugins keygen' once, then 'plugins sign' in the build (docs/plugin-signing.md)."
    },
    subcommands = {
      PluginSigningCommands.Keygen.class,
      PluginSigningCommands.Sign.class,
      PluginSigningCommands.Trust.class,
      PluginSigningCommands.Untrust.class
    })
final class PluginsCommand implements Callable<Integer> {

  @ParentCommand Understudy root;
  @Mixin HomeOption homeOption;
  @Mixin PluginTrust trust;

  @Option(names = "--plugins", paramLabel = "DIR", description = "Plugins directory (default: <home>/plugins).")
  Path pluginsDir;

  @Override
  public Integer call() {
    Home home = homeOption.resolve(root);
    Path dir = pluginsDir != null ? pluginsDir : home.plugins();
    if (!Files.isDirectory(dir)) {
      if (pluginsDir != null) {
        throw new CliException(ExitCodes.NOT_FOUND, "plugins directory " + dir + " does not exist");
      }
      root.out.println("No plugins installed: put plugin jars or zips in " + dir);
      printBuiltIns(root);
      return ExitCodes.OK;
    }
    try (PluginHost host = PluginHost.load(dir, trust.hostOptions(home, root))) {
      print(host, root);
    }
    printBuiltIns(root);
    return ExitCodes.OK;
  }

  /** The adapters built into the tool, used only when named with {@code record --adapter NAME}. */
  static void printBuiltIns(Understudy root) {
    var builtIns = BuiltInAdapters.all();
    if (builtIns.isEmpty()) {
      return;
    }
    root.out.println("Built into understudy (record with --adapter NAME):");
    for (var a : builtIns) {
      String caps = a.provider().capabilities().stream().sorted().map(PluginsCommand::capability).collect(Collectors.joining(", "));
      root.out.println("  adapter " + root.style.bold(a.provider().name()) + " " + a.pluginVersion()
          + (caps.isEmpty() ? "" : "  capabilities: " + caps));
    }
  }

  /** The home a subcommand works on: its own {@code --home}, else the one given to {@code plugins}. */
  Home home(HomeOption own) {
    return Home.resolve(own.home != null ? own.home : homeOption.home, root.env);
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
      String signature = p.signature().describe();
      root.out.println("    " + (p.signature().kind() == SignatureStatus.Kind.SIGNED ? root.style.green(signature)
          : root.style.yellow(signature)));
      for (ExtensionSummary e : p.extensions()) {
        String kind = e.kind().name().substring("COMPONENT_KIND_".length()).toLowerCase(Locale.ROOT);
        String caps = e.capabilities().stream().sorted().map(PluginsCommand::capability).collect(Collectors.joining(", "));
        root.out.println("    " + kind + " " + e.name() + (caps.isEmpty() ? "" : "  capabilities: " + caps));
      }
    }
    if (!host.refused().isEmpty()) {
      root.out.println("Refused (none of their code was loaded):");
      for (PluginProblem refused : host.refused()) {
        root.out.println("  " + root.style.red(refused.file()) + ": " + refused.reason());
      }
    }
    if (host.problems().size() > host.refused().size()) {
      root.out.println("Problems:");
      for (PluginProblem problem : host.problems()) {
        if (!host.refused().contains(problem)) {
          root.out.println("  " + root.style.yellow(problem.file()) + ": " + problem.reason());
        }
      }
    }
  }

  static String capability(Capability c) {
    return c.name().substring("CAPABILITY_".length()).toLowerCase(Locale.ROOT).replace('_', ' ');
  }
}
