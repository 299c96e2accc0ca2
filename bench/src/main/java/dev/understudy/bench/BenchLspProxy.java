package dev.understudy.bench;

import dev.understudy.core.Recording;
import dev.understudy.plugins.lsp.FrameTap;
import dev.understudy.plugins.lsp.LspProxy;
import dev.understudy.plugins.lsp.LspProxyAdapterProvider;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The proxy as {@code understudy lsp-proxy} runs it, without the command line around it: an
 * {@link LspProxy} on this process's stdin and stdout in front of the server named after {@code --},
 * recording through the {@code lsp-proxy} adapter into a session store ({@code --capture DIR}) or not
 * recording at all ({@code --capture none}: the bare transparent proxy).
 *
 * <p>Run: {@code java -cp benchmarks.jar dev.understudy.bench.BenchLspProxy --capture DIR|none -- SERVER...}
 */
public final class BenchLspProxy {
  private BenchLspProxy() {}

  public static void main(String[] args) throws Exception {
    int sep = Arrays.asList(args).indexOf("--");
    if (args.length < 4 || !args[0].equals("--capture") || sep != 2) {
      throw new IllegalArgumentException("usage: BenchLspProxy --capture DIR|none -- SERVER...");
    }
    List<String> server = Arrays.asList(args).subList(sep + 1, args.length);
    LspProxy.Builder proxy = LspProxy.builder(server)
        .editorIn(new FileInputStream(FileDescriptor.in))
        .editorOut(new FileOutputStream(FileDescriptor.out))
        .serverErr(System.err);
    if (args[1].equals("none")) {
      proxy.tap(FrameTap.NONE).build().run();
    } else {
      LspProxyAdapterProvider provider = new LspProxyAdapterProvider();
      try (Recording recording = Recording.builder().storeDirectory(Path.of(args[1])).adapter(provider).start()) {
        LspProxy.Result result = proxy.tap(provider.tap()).build().run();
        if (result.tapDrops() > 0) { // as 'understudy lsp-proxy' does: a counted gap in the session
          provider.reportLoss(result.tapDrops(), "LSP frames forwarded but not recorded: the capture queue was full");
        }
      }
    }
    System.exit(0);
  }
}
