package dev.understudy.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time of processes, read from {@code /proc} (Linux), for benchmarks that compare what a peer costs. */
public final class ProcessCpu {
  private ProcessCpu() {}

  /** CPU time (user + system) of a process, in nanoseconds (clock ticks of 10 ms). */
  public static long nanos(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
    // Fields after the command, which is in parentheses and may hold spaces: utime is 14th, stime 15th.
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
    return ticks * 10_000_000L;
  }

  /** {@link #nanos}, or 0 for a process that cannot be read (it ended meanwhile, or there is no /proc). */
  public static long nanosOrZero(long pid) {
    try {
      return nanos(pid);
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  /** CPU time of a process and all its descendants now, in nanoseconds; those that cannot be read count 0. */
  public static long treeNanos(ProcessHandle root) {
    return nanosOrZero(root.pid()) + root.descendants().mapToLong(d -> nanosOrZero(d.pid())).sum();
  }
}
