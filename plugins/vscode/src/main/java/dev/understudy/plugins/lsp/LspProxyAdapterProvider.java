package dev.understudy.plugins.lsp;

import dev.understudy.api.Adapter;
import dev.understudy.api.AdapterProvider;
import dev.understudy.api.CaptureContext;
import dev.understudy.api.PluginConfig;
import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.Capability;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@value #NAME} adapter: records what passes through an {@link LspProxy}. Register the provider on
 * a recording and give the proxy its {@link #tap()}; frames are translated by an {@link LspTranslator},
 * timed when the tap sees them, and emitted while the adapter runs. Frames that arrive before the
 * adapter started or after it stopped are counted ({@link #framesIgnored()}) and not recorded. A frame
 * that cannot be translated (not JSON-RPC) is reported to the runtime as a loss, so the session carries
 * a gap for it; so is anything the proxy reports with {@link #reportLoss}.
 *
 * <p>Diagnostics are observations, which need {@code SNAPSHOTS}: they are emitted only when the policy
 * allows that capability (the default policy does not), so a session carries no refusal gap per
 * diagnostics message.
 *
 * <p>One provider serves one proxy session. Thread-safe: the tap is called from both pipes' tap threads.
 */
public final class LspProxyAdapterProvider implements AdapterProvider {
  /** The adapter id: {@code lsp-proxy}. */
  public static final String NAME = "lsp-proxy";
  /** The source application stamped on every action: {@code lsp}. */
  public static final String APP_ID = "lsp";

  private final LspTranslator translator = new LspTranslator(APP_ID);
  private final AtomicLong ignored = new AtomicLong();
  private volatile CaptureContext context;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Set<Capability> capabilities() {
    return Set.of(Capability.CAPABILITY_INTERACTIONS, Capability.CAPABILITY_TEXT_CONTENT,
        Capability.CAPABILITY_FILE_NAMES, Capability.CAPABILITY_TITLES, Capability.CAPABILITY_SNAPSHOTS);
  }

  @Override
  public Adapter create(PluginConfig config) {
    return new Adapter() {
      @Override
      public void start(CaptureContext ctx) {
        context = ctx;
      }

      @Override
      public void stop() {
        CaptureContext ctx = context;
        if (ctx != null) {
          translator.finish().forEach(a -> emit(ctx, a));
        }
        context = null;
      }
    };
  }

  /** The tap to hand to {@link LspProxy.Builder#tap}. */
  public FrameTap tap() {
    // Scanned: the proxy hands the frame where it lies, with the head it read, neither copied nor re-read.
    return (ScannedFrameTap) (direction, frame, offset, length, head) -> {
      CaptureContext ctx = context;
      if (ctx == null) {
        ignored.incrementAndGet();
        return;
      }
      boolean failed;
      // One frame at a time, emitted in the order translated: a cause must reach the runtime before its
      // effects, which the other pipe's tap thread may be translating. emit() never blocks.
      synchronized (translator) {
        long errorsBefore = translator.errors();
        for (Action a : translator.translate(direction, frame, offset, length, head, ctx.clock().nowUnixNanos())) {
          emit(ctx, a);
        }
        failed = translator.errors() != errorsBefore;
      }
      if (failed) {
        ctx.emitter().reportLoss(1, "an LSP frame (" + direction.name().toLowerCase(java.util.Locale.ROOT)
            + ") was not JSON-RPC and was not recorded");
      }
    };
  }

  /**
   * Records in the session that {@code count} frames or messages could not be captured, and why; for
   * the proxy's own troubles (frames dropped, malformed framing). Ignored when the adapter is not running.
   */
  public void reportLoss(long count, String detail) {
    CaptureContext ctx = context;
    if (ctx != null) {
      ctx.emitter().reportLoss(count, detail);
    }
  }

  private static void emit(CaptureContext ctx, Action a) {
    if (a.hasObservation() && !ctx.policy().allows(Capability.CAPABILITY_SNAPSHOTS)) {
      return;
    }
    ctx.emitter().emit(a);
  }

  /** Frames that could not be translated (malformed JSON and the like). */
  public long translationErrors() {
    return translator.errors();
  }

  /** Frames seen while the adapter was not running. */
  public long framesIgnored() {
    return ignored.get();
  }
}
