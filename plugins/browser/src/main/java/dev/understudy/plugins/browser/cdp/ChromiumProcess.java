package dev.understudy.plugins.browser.cdp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A Chromium started with remote debugging on a free port and a fresh profile in a temporary directory,
 * which {@link #close} ends and deletes. The DevTools endpoint is read from the line Chromium prints on
 * standard error ({@code DevTools listening on ws://...}).
 */
public final class ChromiumProcess implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(ChromiumProcess.class.getName());
  /** Where Debian's {@code chromium} package puts the browser. */
  public static final Path DEFAULT_EXECUTABLE = Path.of("/usr/bin/chromium");
  /** How long {@link #launch} waits for the DevTools endpoint. */
  public static final Duration DEFAULT_LAUNCH_TIMEOUT = Duration.ofSeconds(30);
  private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");
  /** Standard error lines kept for error messages. */
  private static final int KEPT_LINES = 20;

  private final Process process;
  private final Path profile;
  private final URI webSocketUrl;

  private ChromiumProcess(Process process, Path profile, URI webSocketUrl) {
    this.process = process;
    this.profile = profile;
    this.webSocketUrl = webSocketUrl;
  }

  /** A builder with the defaults quoted on each method. */
  public static Builder builder() {
    return new Builder();
  }

  /** The browser's DevTools WebSocket URL. */
  public URI webSocketUrl() {
    return webSocketUrl;
  }

  /** The process id, for logs. */
  public long pid() {
    return process.pid();
  }

  /** Whether the browser is still running. */
  public boolean isAlive() {
    return process.isAlive();
  }

  /** Ends the browser (and its child processes) and deletes its profile. */
  @Override
  public void close() {
    List<ProcessHandle> children = process.descendants().toList();
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    for (ProcessHandle child : children) {
      if (child.isAlive()) {
        child.destroyForcibly();
      }
    }
    deleteTree(profile);
  }

  private static void deleteTree(Path dir) {
    // Chromium's helpers may still write for a moment after the main process ended: try a few times.
    for (int attempt = 0; attempt < 5 && Files.exists(dir); attempt++) {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      } catch (IOException | UncheckedIOException e) {
        try {
          Thread.sleep(100);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
    if (Files.exists(dir)) {
      LOG.warning("could not delete the Chromium profile " + dir);
    }
  }

  /** Options for a launch. */
  public static final class Builder {
    private Path executable = DEFAULT_EXECUTABLE;
    private boolean headless = true;
    private Duration timeout = DEFAULT_LAUNCH_TIMEOUT;
    private final List<String> extraArguments = new ArrayList<>();

    private Builder() {}

    /** The browser to run; default {@link ChromiumProcess#DEFAULT_EXECUTABLE}. */
    public Builder executable(Path executable) {
      this.executable = Objects.requireNonNull(executable, "executable");
      return this;
    }

    /** Whether to run without a window; default true. */
    public Builder headless(boolean headless) {
      this.headless = headless;
      return this;
    }

    /** How long to wait for the DevTools endpoint; default {@link ChromiumProcess#DEFAULT_LAUNCH_TIMEOUT}. */
    public Builder timeout(Duration timeout) {
      this.timeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /** More command-line arguments, after the standard ones. */
    public Builder argument(String argument) {
      extraArguments.add(Objects.requireNonNull(argument, "argument"));
      return this;
    }

    /**
     * Starts the browser on about:blank and waits for its DevTools endpoint.
     *
     * @throws IOException when the browser is missing, does not start, or prints no endpoint in time;
     *     the message says how to install it when it is missing
     */
    public ChromiumProcess launch() throws IOException {
      if (!Files.isExecutable(executable)) {
        throw new IOException("Chromium not found at " + executable
            + ": install it with 'apt-get install chromium' (Debian) or set adapter.browser.chromium-path");
      }
      Path profile = Files.createTempDirectory("understudy-chromium-");
      List<String> command = new ArrayList<>(List.of(executable.toString(),
          "--no-sandbox", "--disable-gpu", "--remote-debugging-port=0", "--user-data-dir=" + profile,
          // Without these Chromium keeps opening connections a closed network refuses.
          "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
          "--disable-quic", "--no-default-browser-check", "--disable-default-apps", "--password-store=basic"));
      if (headless) {
        command.add("--headless");
      }
      command.addAll(extraArguments);
      command.add("about:blank");
      Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      CompletableFuture<URI> endpoint = new CompletableFuture<>();
      List<String> lines = new ArrayList<>();
      Thread reader = new Thread(() -> readStderr(process, endpoint, lines), "understudy-chromium-stderr");
      reader.setDaemon(true);
      reader.start();
      try {
        return new ChromiumProcess(process, profile, endpoint.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
      } catch (ExecutionException | TimeoutException e) {
        ChromiumProcess failed = new ChromiumProcess(process, profile, null);
        failed.close();
        String said;
        synchronized (lines) {
          said = String.join("\n  ", lines);
        }
        throw new IOException("Chromium (" + executable + ") printed no DevTools endpoint within " + timeout.toMillis()
            + " ms" + (said.isEmpty() ? "" : "; it said:\n  " + said), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        new ChromiumProcess(process, profile, null).close();
        throw new IOException("interrupted while starting Chromium", e);
      }
    }

    private static void readStderr(Process process, CompletableFuture<URI> endpoint, List<String> lines) {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          Matcher m = LISTENING.matcher(line);
          if (m.find()) {
            endpoint.complete(URI.create(m.group(1)));
          } else if (!endpoint.isDone()) {
            synchronized (lines) {
              if (lines.size() < KEPT_LINES) {
                lines.add(line);
              }
            }
          }
          // After the endpoint, the rest is drained so Chromium never blocks on a full pipe.
        }
      } catch (IOException e) {
        LOG.log(Level.FINE, "Chromium's standard error closed", e);
      }
      endpoint.completeExceptionally(new IOException("Chromium exited with " + exitCode(process)));
    }

    private static String exitCode(Process process) {
      try {
        return process.waitFor(2, TimeUnit.SECONDS) ? "code " + process.exitValue() : "no exit";
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return "no exit";
      }
    }
  }
}
