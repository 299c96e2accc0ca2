package dev.understudy.bench.office;

import dev.understudy.bench.ProcessCpu;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * LibreOffice's CPU while a person types 1,000 characters into Writer, with and without the recorder
 * (office adapter, uno backend, accessibility on), as a ratio. CPU is soffice.bin's user + system time
 * from {@code /proc/PID/stat} over the typing, each round in a new document; rounds alternate
 * without, with, without, with, ... The recorder's own process CPU (this JVM: adapter, pipeline,
 * store) is shown too.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.understudy.bench.office.OfficeCpu [rounds-per-side]
 * [ms-per-key]} (default {@value #DEFAULT_ROUNDS} and {@value #DEFAULT_MS_PER_KEY}).
 */
public final class OfficeCpu {
  static final int CHARS = 1_000;
  static final int DEFAULT_ROUNDS = 3;
  static final int DEFAULT_MS_PER_KEY = 20;

  private OfficeCpu() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_ROUNDS;
    int every = args.length > 1 ? Integer.parseInt(args[1]) : DEFAULT_MS_PER_KEY;
    String text = text(CHARS);
    System.out.printf("soffice.bin CPU while typing %d characters into a new Writer document, one key every %d ms%n",
        CHARS, every);
    System.out.printf("%-6s %-16s %14s %16s%n", "round", "recorder", "soffice CPU s", "recorder CPU s");
    double[] sum = new double[2];
    try (OfficeUnderTest writer = OfficeUnderTest.start("writer")) {
      writer.focus("LibreOffice Writer");
      for (int r = 0; r < rounds * 2; r++) {
        boolean on = r % 2 == 1;
        writer.newDocument();
        OfficeRecorder rec = on ? new OfficeRecorder(writer.connect()) : null;
        try {
          TimeUnit.SECONDS.sleep(5); // the recorder places its listeners; LibreOffice settles
          long self0 = ProcessCpu.nanos(ProcessHandle.current().pid());
          long cpu0 = writer.sofficeCpuNanos();
          writer.type(text, every);
          TimeUnit.SECONDS.sleep(1); // what the last keys caused
          double soffice = (writer.sofficeCpuNanos() - cpu0) / 1e9;
          double self = (ProcessCpu.nanos(ProcessHandle.current().pid()) - self0) / 1e9;
          sum[on ? 1 : 0] += soffice;
          System.out.printf("%-6d %-16s %14.2f %16s%n", r + 1, on ? "on" : "off", soffice, on ? String.format("%.2f", self) : "-");
        } finally {
          if (rec != null) {
            rec.close();
          }
        }
      }
    }
    System.out.printf("mean soffice CPU: without %.2f s, with %.2f s; ratio with/without %.2f%n", sum[0] / rounds,
        sum[1] / rounds, sum[1] / sum[0]);
  }

  /** Lowercase words and spaces, fixed seed. */
  static String text(int length) {
    Random r = new Random(7);
    StringBuilder b = new StringBuilder();
    while (b.length() < length) {
      int word = 2 + r.nextInt(8);
      for (int i = 0; i < word && b.length() < length; i++) {
        b.append((char) ('a' + r.nextInt(26)));
      }
      if (b.length() < length) {
        b.append(' ');
      }
    }
    return b.toString();
  }
}
