package dev.understudy.cli;

import dev.understudy.core.consent.Consent;
import dev.understudy.core.consent.ConsentLedger;
import dev.understudy.core.policy.DurationText;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** Gives, takes back and lists consent to be recorded. */
@Command(name = "consent", mixinStandardHelpOptions = true,
    description = {
      "Give, revoke and list consent to be recorded. 'understudy record' starts only the adapters a",
      "consent in force covers, and stops capturing within a second of a revocation or expiry.",
      "Consents are kept in <home>/consent/ledger.jsonl, an append-only history."
    },
    subcommands = {ConsentCommand.Grant.class, ConsentCommand.Revoke.class, ConsentCommand.ListConsents.class})
final class ConsentCommand implements Runnable {

  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

  @ParentCommand Understudy root;
  @Mixin HomeOption homeOption;
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  /** The home: --home given after the subcommand, else before it, else the environment's. */
  Home home(HomeOption own) {
    return own.resolve(root, homeOption);
  }

  @Override
  public void run() {
    spec.commandLine().usage(root.out);
  }

  static String when(Instant t) {
    return t == null ? "-" : WHEN.format(t.atZone(ZoneId.systemDefault()));
  }

  /** {@code consent grant}. */
  @Command(name = "grant", mixinStandardHelpOptions = true,
      description = {
        "Consent to be recorded by an adapter (--adapter NAME, or --all for every adapter),",
        "optionally only in one app (--app APP), optionally until a time (--expires 30d or a date)."
      })
  static final class Grant implements Callable<Integer> {
    @ParentCommand ConsentCommand parent;
    @Mixin HomeOption homeOption;

    @Option(names = "--adapter", paramLabel = "NAME", description = "The adapter, e.g. hello or browser.")
    String adapter;

    @Option(names = "--all", description = "Every adapter, including ones installed later.")
    boolean all;

    @Option(names = "--app", paramLabel = "APP", description = "Only actions in this app id (default: every app).")
    String app;

    @Option(names = "--expires", paramLabel = "WHEN",
        description = "A duration from now (90m, 12h, 30d, 2w), a date (2025-12-31: until the end of that day) or a date and time.")
    String expires;

    @Option(names = "--note", paramLabel = "TEXT", description = "A note kept with the consent, e.g. what it is for.")
    String note = "";

    @Override
    public Integer call() throws Exception {
      Understudy root = parent.root;
      if (all == (adapter != null)) {
        throw new CliException(ExitCodes.USAGE, all
            ? "give either --adapter NAME or --all, not both"
            : "say which adapter: --adapter NAME, or --all for every adapter");
      }
      if (adapter != null && (adapter.isBlank() || adapter.equals(Consent.ANY))) {
        throw new CliException(ExitCodes.USAGE, "--adapter: '" + adapter + "' is not an adapter name; use --all for every adapter");
      }
      if (app != null && app.isBlank()) {
        throw new CliException(ExitCodes.USAGE, "--app: give an app id, or leave it out for every app");
      }
      Instant expiresAt = expires == null ? null : parseExpiry(expires, Instant.now());
      ConsentLedger ledger = ConsentLedger.open(parent.home(homeOption).consent());
      Consent c = ledger.grant(all ? Consent.ANY : adapter, app == null ? Consent.ANY : app, expiresAt, note);
      root.out.println(root.style.green("Granted") + " consent " + root.style.bold(c.id()) + ": " + c.scope() + ", "
          + (expiresAt == null ? "until revoked" : "until " + when(expiresAt)) + ".");
      root.out.println("Revoke it any time with: understudy consent revoke " + c.id());
      return ExitCodes.OK;
    }
  }

  /** Reads --expires: a duration from now, a date (to its end) or a date and time. */
  static Instant parseExpiry(String text, Instant now) {
    Instant at;
    try {
      at = now.plus(DurationText.parse(text));
    } catch (IllegalArgumentException notDuration) {
      try {
        at = LocalDate.parse(text.trim()).plusDays(1).atStartOfDay(ZoneId.systemDefault()).toInstant();
      } catch (DateTimeException notDate) {
        try {
          at = OffsetDateTime.parse(text.trim()).toInstant();
        } catch (DateTimeException notDateTime) {
          throw new CliException(ExitCodes.USAGE, "--expires: '" + text
              + "' is not a duration (90m, 12h, 30d, 2w), a date (2025-12-31) or a date and time (2025-12-31T18:00:00+01:00)");
        }
      }
    }
    if (!at.isAfter(now)) {
      throw new CliException(ExitCodes.USAGE, "--expires: '" + text + "' is in the past");
    }
    return at;
  }

  /** {@code consent revoke}. */
  @Command(name = "revoke", mixinStandardHelpOptions = true,
      description = "Revoke a consent by id, or every consent for an adapter (--adapter) or an app (--app).")
  static final class Revoke implements Callable<Integer> {
    @ParentCommand ConsentCommand parent;
    @Mixin HomeOption homeOption;

    @Parameters(arity = "0..1", paramLabel = "ID", description = "The consent's id, as 'understudy consent list' shows it.")
    String id;

    @Option(names = "--adapter", paramLabel = "NAME", description = "Every consent given for this adapter ('*' for --all ones).")
    String adapter;

    @Option(names = "--app", paramLabel = "APP", description = "Every consent given for this app.")
    String app;

    @Override
    public Integer call() throws Exception {
      Understudy root = parent.root;
      int given = (id != null ? 1 : 0) + (adapter != null ? 1 : 0) + (app != null ? 1 : 0);
      if (given != 1) {
        throw new CliException(ExitCodes.USAGE, "say what to revoke: a consent ID, --adapter NAME or --app APP (one of them)");
      }
      ConsentLedger ledger = ConsentLedger.open(parent.home(homeOption).consent());
      List<Consent> revoked;
      if (id != null) {
        Consent before = ledger.list().stream().filter(c -> c.id().equals(id)).findFirst().orElse(null);
        Consent c = ledger.revoke(id);
        if (before != null && before.revokedAt() != null) {
          root.out.println("Consent " + c.id() + " was already revoked on " + when(c.revokedAt()) + ".");
          return ExitCodes.OK;
        }
        revoked = List.of(c);
      } else if (adapter != null) {
        revoked = ledger.revokeAdapter(adapter);
      } else {
        revoked = ledger.revokeApp(app);
      }
      for (Consent c : revoked) {
        root.out.println(root.style.yellow("Revoked") + " consent " + c.id() + " (" + c.scope() + ").");
      }
      root.out.println("A running recording stops capturing what it covered within a second.");
      return ExitCodes.OK;
    }
  }

  /** {@code consent list}. */
  @Command(name = "list", mixinStandardHelpOptions = true, description = "List every consent given, in force or not.")
  static final class ListConsents implements Callable<Integer> {
    @ParentCommand ConsentCommand parent;
    @Mixin HomeOption homeOption;

    @Override
    public Integer call() throws Exception {
      Understudy root = parent.root;
      ConsentLedger ledger = ConsentLedger.open(parent.home(homeOption).consent());
      List<Consent> all = ledger.list();
      if (all.isEmpty()) {
        root.out.println("No consent given yet. Give one with: understudy consent grant --adapter NAME");
        return ExitCodes.OK;
      }
      Instant now = Instant.now();
      String format = "%-14s %-34s %-16s %-16s %-16s %-8s %s%n";
      root.out.printf(Locale.ROOT, format, "ID", "SCOPE", "GRANTED", "EXPIRES", "REVOKED", "STATUS", "BY / NOTE");
      for (Consent c : all) {
        String status = c.status(now).name().toLowerCase(Locale.ROOT);
        root.out.printf(Locale.ROOT, format, c.id(), c.scope(), when(c.grantedAt()), c.expiresAt() == null ? "never" : when(c.expiresAt()),
            when(c.revokedAt()), status, c.grantedBy() + (c.note().isEmpty() ? "" : " — " + c.note()));
      }
      return ExitCodes.OK;
    }
  }
}
