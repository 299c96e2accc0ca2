package dev.understudy.plugins.lsp.capture.nvim;

import dev.understudy.core.Recording;
import dev.understudy.plugins.lsp.capture.CaptureServer;
import dev.understudy.plugins.lsp.capture.LspCaptureAdapterProvider;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The language server Neovim starts in {@link NeovimCaptureEndToEndTest}: a real recording (session store,
 * privacy pipeline) with the {@code lsp-capture} adapter, serving the editor on stdin and stdout.
 *
 * <p>Arguments: the session store directory, then the idle window in milliseconds. Ends when the editor
 * sends {@code exit}, after closing the recording.
 */
public final class CaptureServerMain {
  private CaptureServerMain() {}

  public static void main(String[] args) throws Exception {
    Path store = Path.of(args[0]);
    String idleMs = args[1];
    LspCaptureAdapterProvider provider = new LspCaptureAdapterProvider();
    Recording recording = Recording.builder().storeDirectory(store)
        .config("adapter." + LspCaptureAdapterProvider.NAME + "." + LspCaptureAdapterProvider.IDLE_MS, idleMs)
        .adapter(provider).start();
    provider.pauseControl(dev.understudy.plugins.lsp.capture.PauseControl.of(recording::pause, recording::resume));
    CaptureServer.Result result;
    try {
      result = provider.serve(new FileInputStream(FileDescriptor.in), new FileOutputStream(FileDescriptor.out));
    } finally {
      recording.close();
    }
    new PrintStream(new FileOutputStream(FileDescriptor.err), true).println("capture server: " + result);
    System.exit(result.exitCode());
  }
}
