package dev.understudy.core;

import dev.understudy.api.ActionProcessor;
import dev.understudy.api.ActionProcessorProvider;
import dev.understudy.api.Adapter;
import dev.understudy.api.AdapterProvider;
import dev.understudy.api.CaptureClock;
import dev.understudy.api.Policy;
import dev.understudy.api.Sink;
import dev.understudy.api.SinkProvider;
import dev.understudy.core.consent.ConsentLedger;
import dev.understudy.core.consent.ConsentSet;
import dev.understudy.core.consent.ConsentStage;
import dev.understudy.core.consent.ConsentWatcher;
import dev.understudy.core.plugin.PluginHost;
import dev.understudy.core.policy.PolicyGate;
import dev.understudy.core.policy.PrivacyPolicy;
import dev.understudy.core.privacy.KeystrokeCoalescer;
import dev.understudy.core.privacy.PrivacyStage;
import dev.understudy.core.privacy.SecureFields;
import dev.understudy.core.privacy.redact.Redactor;
import dev.understudy.core.store.ActionLog;
import dev.understudy.core.store.SessionId;
import dev.understudy.core.store.SessionStore;
import dev.understudy.core.store.StoreOptions;
import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.AdapterCounts;
import dev.understudy.proto.v1.ComponentKind;
import dev.understudy.proto.v1.Durability;
import dev.understudy.proto.v1.EndReason;
import dev.understudy.proto.v1.PluginInfo;
import dev.understudy.proto.v1.SessionEnd;
import dev.understudy.proto.v1.SessionStart;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One running recording session: adapters emitting, the pipeline writing to the session store, sinks
 * and live subscribers receiving what was stored.
 *
 * <pre>{@code
 * try (Recording recording = Recording.builder()
 *     .storeDirectory(Path.of("sessions"))
 *     .adapter(new MyAdapterProvider())
 *     .start()) {
 *   recording.subscribe(action -> agent.observe(action));
 *   ...
 * }
 * }</pre>
 *
 * <p>Threading: all methods are thread-safe. {@link #close()} stops the adapters, drains the queue,
 * writes the session end record and closes the store; it waits at most the stop timeouts.
 */
public final class Recording implements AutoCloseable {

  private static final Logger logger = Logger.getLogger(Recording.class.getName());
  /** Version of the schema this runtime writes. */
  public static final int SCHEMA_VERSION = 1;

  private final byte[] sessionId;
  private final List<AdapterSlot> adapters;
  private final List<ProcessorSlot> processors;
  private final CopyOnWriteArrayList<SinkSlot> sinks;
  private final Pipeline pipeline;
  private final ActionLog log;
  private final EmitQueue<Emission> queue;
  private final Builder config;
  private final long startNanos;
  private final Object closeLock = new Object();
  /** Plugins this recording loaded itself ({@link Builder#pluginsDirectory}); closed with it. */
  private volatile PluginHost ownedPlugins;
  private volatile boolean closed;
  private final AtomicBoolean paused = new AtomicBoolean();
  /** Watches the consent ledger, when the recording has one; closed first on close. */
  private volatile ConsentWatcher consentWatcher;
  private List<String> consentIds = List.of();

  private Recording(
      byte[] sessionId,
      List<AdapterSlot> adapters,
      List<ProcessorSlot> processors,
      CopyOnWriteArrayList<SinkSlot> sinks,
      Pipeline pipeline,
      ActionLog log,
      EmitQueue<Emission> queue,
      Builder config) {
    this.sessionId = sessionId;
    this.adapters = adapters;
    this.processors = processors;
    this.sinks = sinks;
    this.pipeline = pipeline;
    this.log = log;
    this.queue = queue;
    this.config = config;
    this.startNanos = config.clock.nanoTime();
    adapters.forEach(a -> a.pausedBy(paused::get));
  }

  /** A builder with the defaults quoted on each method. */
  public static Builder builder() {
    return new Builder();
  }

  /** The session's id, 16 bytes. */
  public byte[] sessionId() {
    return sessionId.clone();
  }

  /** The session's id as text (canonical UUID form; also its directory name in the session store). */
  public String sessionIdText() {
    return SessionId.of(sessionId).toString();
  }

  /**
   * Delivers every action stored from now on to the consumer, on a delivery thread of its own, after
   * the privacy pipeline and after the store acknowledged it. A slow consumer only loses its own
   * deliveries (counted in {@link #stats()} under its name).
   */
  public Subscription subscribe(Consumer<Action> consumer) {
    Objects.requireNonNull(consumer, "consumer");
    SinkSlot slot =
        new SinkSlot(
            "subscriber-" + Integer.toHexString(System.identityHashCode(consumer)),
            "embedded",
            "",
            batch -> batch.forEach(consumer),
            config.sinkQueueCapacity);
    slot.start();
    sinks.add(slot);
    return () -> {
      if (sinks.remove(slot)) {
        slot.close(config.stopTimeout.toMillis());
      }
    };
  }

  /**
   * Waits until every action emitted before this call has been handled and acknowledged by the store.
   *
   * @return false if that did not happen within the timeout
   */
  public boolean flush(Duration timeout) {
    long target = 0;
    for (AdapterSlot slot : adapters) {
      target += slot.stats().accepted();
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    while (pipeline.handled() < target) {
      if (System.nanoTime() > deadline || closed) {
        return pipeline.handled() >= target;
      }
      LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(200));
    }
    // Typed text the coalescer holds back is not stored yet: have it released and committed too.
    long ticket = pipeline.requestRelease();
    while (!pipeline.releaseServed(ticket)) {
      if (System.nanoTime() > deadline || closed) {
        return false;
      }
      LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(200));
    }
    return true;
  }

  /**
   * Pauses capture: from now until {@link #resume()} every action adapters emit is dropped at once,
   * counted as filtered (not lost: it is on purpose) and never stored. The session records a
   * {@code Pause} marker so a reader knows the interval. Idempotent; any thread.
   */
  public void pause() {
    if (!closed && paused.compareAndSet(false, true)) {
      pipeline.enqueueControl(pauseRecord(true));
    }
  }

  /** Resumes capture after {@link #pause()}, recording a marker. Idempotent; any thread. */
  public void resume() {
    if (!closed && paused.compareAndSet(true, false)) {
      pipeline.enqueueControl(pauseRecord(false));
    }
  }

  /** Whether capture is paused. */
  public boolean isPaused() {
    return paused.get();
  }

  private Action pauseRecord(boolean on) {
    return Action.newBuilder().setTimeUnixNano(config.clock.nowUnixNanos())
        .setPause(dev.understudy.proto.v1.Pause.newBuilder().setPaused(on)).build();
  }

  /** Ids of the consents this session records under, as in its start record; empty when none was required. */
  public List<String> consentIds() {
    return consentIds;
  }

  /** The privacy policy in force. */
  public Policy policy() {
    return config.policy;
  }

  /** Counters of the session and of each component, at this moment. */
  public RecordingStats stats() {
    List<PluginStats> plugins = new ArrayList<>();
    adapters.forEach(a -> plugins.add(a.stats()));
    processors.forEach(p -> plugins.add(p.stats()));
    sinks.forEach(s -> plugins.add(s.stats()));
    return new RecordingStats(
        sessionIdText(),
        pipeline.written(),
        pipeline.lost(),
        pipeline.filtered() + adapters.stream().mapToLong(AdapterSlot::refusedAtEmitCount).sum(),
        pipeline.storeErrors(),
        log.acknowledgedSeq(),
        queue.size(),
        Collections.unmodifiableList(plugins));
  }

  /** Stops the session as stopped by the person or embedding program. */
  @Override
  public void close() {
    close(EndReason.END_REASON_STOPPED);
  }

  /**
   * Stops the adapters, drains what they emitted, writes the session end record and closes the store.
   * Idempotent.
   */
  public void close(EndReason reason) {
    synchronized (closeLock) {
      if (closed) {
        return;
      }
      closed = true;
      if (consentWatcher != null) {
        consentWatcher.close();
      }
      for (AdapterSlot slot : adapters) {
        if (slot.state() == PluginState.RUNNING) {
          Outcome outcome = Outcome.run("understudy-adapter-" + slot.name() + "-stop", slot.adapter()::stop, config.stopTimeout);
          slot.setState(outcome.isSuccess() ? PluginState.STOPPED : outcome.timedOut() ? PluginState.TIMED_OUT : PluginState.STOPPED);
          if (!outcome.isSuccess()) {
            slot.recordError(outcome.error());
            logger.log(Level.WARNING, "adapter '" + slot.name() + "' failed to stop cleanly", outcome.error());
          }
        }
        slot.setAccepting(false);
      }
      boolean drained;
      try {
        drained = pipeline.stop(config.stopTimeout.toMillis() + config.processorTimeout.toMillis() * 4);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        drained = false;
      }
      if (drained) {
        try {
          pipeline.writeControl(Action.newBuilder().setTimeUnixNano(config.clock.nowUnixNanos()).setSessionEnd(endRecord(reason)));
        } catch (IOException | RuntimeException e) {
          logger.log(Level.SEVERE, "could not write the session end record", e);
        }
      } else {
        logger.severe("pipeline did not drain within the stop timeout; session left without an end record");
      }
      for (SinkSlot sink : sinks) {
        sink.close(config.stopTimeout.toMillis());
      }
      for (ProcessorSlot slot : processors) {
        Outcome outcome = Outcome.run("understudy-processor-" + slot.name + "-close", slot.processor::close, config.stopTimeout);
        if (!outcome.isSuccess()) {
          slot.recordError(outcome.error());
        }
      }
      try {
        log.close();
      } catch (IOException | RuntimeException e) {
        logger.log(Level.SEVERE, "could not close the session store", e);
      }
      if (ownedPlugins != null) {
        ownedPlugins.close();
      }
    }
  }

  private SessionEnd endRecord(EndReason reason) {
    SessionEnd.Builder end =
        SessionEnd.newBuilder()
            .setEndReason(reason)
            .setActionCount(pipeline.written())
            .setDroppedCount(pipeline.lost())
            .setDurationNano(config.clock.nanoTime() - startNanos);
    for (AdapterSlot slot : adapters) {
      end.addAdapterCounts(
          AdapterCounts.newBuilder()
              .setAdapterId(slot.name())
              .setActionCount(slot.writtenCount())
              .setDroppedCount(slot.droppedCount())
              .setErrorCount(slot.errorCount()));
    }
    return end.build();
  }

  /** Creates the session's log for a new session id; the session store is the default. */
  @FunctionalInterface
  public interface LogFactory {
    /** Opens the log of a new session. Called once, on the thread calling {@link Builder#start()}. */
    ActionLog open(byte[] sessionId, Durability durability, CaptureClock clock) throws IOException;
  }

  /** Ends a live subscription; idempotent. */
  @FunctionalInterface
  public interface Subscription extends AutoCloseable {
    @Override
    void close();
  }

  /** Builds and starts a {@link Recording}. Not thread-safe; use from one thread. */
  public static final class Builder {

    /** Default capacity of the queue between emitters and the pipeline: {@value}. */
    public static final int DEFAULT_QUEUE_CAPACITY = 16_384;
    /** Default capacity of each sink's and subscriber's delivery queue: {@value}. */
    public static final int DEFAULT_SINK_QUEUE_CAPACITY = 8_192;
    /** Default time an adapter may take to start or stop: 10 seconds. */
    public static final Duration DEFAULT_START_STOP_TIMEOUT = Duration.ofSeconds(10);
    /** Default time a processor may take on one action: 1 second. */
    public static final Duration DEFAULT_PROCESSOR_TIMEOUT = Duration.ofSeconds(1);

    private final List<Registration<AdapterProvider>> adapterProviders = new ArrayList<>();
    private final List<Registration<ActionProcessorProvider>> processorProviders = new ArrayList<>();
    private final List<Registration<SinkProvider>> sinkProviders = new ArrayList<>();
    private final Map<String, String> configValues = new LinkedHashMap<>();
    private LogFactory logFactory;
    private Durability durability = Durability.DURABILITY_PROCESS_SAFE;
    private int queueCapacity = DEFAULT_QUEUE_CAPACITY;
    private int sinkQueueCapacity = DEFAULT_SINK_QUEUE_CAPACITY;
    private Duration startTimeout = DEFAULT_START_STOP_TIMEOUT;
    private Duration stopTimeout = DEFAULT_START_STOP_TIMEOUT;
    private Duration processorTimeout = DEFAULT_PROCESSOR_TIMEOUT;
    private CaptureClock clock = CaptureClock.system();
    private Policy policy = PrivacyPolicy.defaults();
    private String consentId = "";
    private ConsentLedger consentLedger;
    private LongConsumer ackListener;
    private Path pluginsDirectory;
    private Duration keystrokeIdle = Duration.ofNanos(KeystrokeCoalescer.DEFAULT_IDLE_NANOS);
    private PluginHost.Options pluginOptions;
    private final List<PrivacyStage> privacyStages = new ArrayList<>();
    private Supplier<Redactor> redactor =
        Redactor::withDefaults;

    private Builder() {}

    private record Registration<T>(T provider, String pluginId, String version) {}

    /**
     * Writes the session to the session store under this directory (created if absent), one
     * directory per session. This or {@link #log} is required.
     */
    public Builder storeDirectory(Path root) {
      Objects.requireNonNull(root, "root");
      return storeDirectory(root, StoreOptions.builder());
    }

    /**
     * Writes the session to the session store under this directory with these segment options; the
     * durability and clock set on this builder override the ones in {@code options}.
     */
    public Builder storeDirectory(Path root, StoreOptions.Builder options) {
      Objects.requireNonNull(root, "root");
      Objects.requireNonNull(options, "options");
      this.logFactory = (id, durability, clock) ->
          SessionStore.open(root).create(SessionId.of(id), options.durability(durability).clock(clock).build());
      return this;
    }

    /** Where the session is written, for tests and benchmarks; see {@link #storeDirectory}. */
    public Builder log(LogFactory logFactory) {
      this.logFactory = Objects.requireNonNull(logFactory, "logFactory");
      return this;
    }

    /** What "acknowledged" means: default {@link Durability#DURABILITY_PROCESS_SAFE}. */
    public Builder durability(Durability durability) {
      Objects.requireNonNull(durability, "durability");
      if (durability == Durability.DURABILITY_UNSPECIFIED || durability == Durability.UNRECOGNIZED) {
        throw new IllegalArgumentException("durability: choose PROCESS_SAFE or POWER_SAFE");
      }
      this.durability = durability;
      return this;
    }

    /**
     * Loads every plugin (PF4J jars and zips) in this directory when the recording starts, and adds
     * all the adapters, processors and sinks they provide, with the host's default options: each
     * archive must be signed by a trusted key, and none is trusted, so use
     * {@link #pluginsDirectory(Path, PluginHost.Options)}.
     * Plugins that fail to load or are refused are logged and left out. The recording unloads them
     * when it closes.
     */
    public Builder pluginsDirectory(Path directory) {
      return pluginsDirectory(directory, PluginHost.Options.defaults());
    }

    /**
     * As {@link #pluginsDirectory(Path)}, checking archives with these options (trusted
     * keys, the development-only {@code allowUnsigned}, zip limits).
     */
    public Builder pluginsDirectory(Path directory, PluginHost.Options options) {
      this.pluginsDirectory = Objects.requireNonNull(directory, "directory");
      this.pluginOptions = Objects.requireNonNull(options, "options");
      return this;
    }

    /**
     * The redactor for each recording this builder starts: default {@code Redactor.withDefaults()},
     * every detector on, pseudonyms keyed by a random key that lives only in memory for one session.
     * It runs after keystroke coalescing, before the stages added with {@link #privacyStage}.
     */
    public Builder redactor(Supplier<Redactor> redactor) {
      this.redactor = Objects.requireNonNull(redactor, "redactor");
      return this;
    }

    /**
     * How long typed text may pause before the runtime stores what was typed so far: default 2 s.
     * Keystroke-level edits are joined before redaction sees them, so a secret typed key by key is
     * detected whole and its fragments never reach the store.
     */
    public Builder keystrokeIdle(Duration idle) {
      this.keystrokeIdle = positive(idle, "keystrokeIdle");
      return this;
    }

    /**
     * Adds a privacy stage the runtime runs on every action before plugin processors, in the order
     * added. It sees typed text joined (see {@link #keystrokeIdle}). The runtime's own stages (the
     * policy, secure fields) come first.
     */
    public Builder privacyStage(PrivacyStage stage) {
      privacyStages.add(Objects.requireNonNull(stage, "stage"));
      return this;
    }

    /** Adds an adapter built into the embedding program. */
    public Builder adapter(AdapterProvider provider) {
      return adapter(provider, "embedded", implementationVersion(provider));
    }

    /** Adds an adapter from a plugin with this id and version. */
    public Builder adapter(AdapterProvider provider, String pluginId, String version) {
      adapterProviders.add(new Registration<>(Objects.requireNonNull(provider, "provider"), pluginId, version));
      return this;
    }

    /** Adds a processor built into the embedding program; processors run in the order added. */
    public Builder processor(ActionProcessorProvider provider) {
      return processor(provider, "embedded", implementationVersion(provider));
    }

    /** Adds a processor from a plugin. */
    public Builder processor(ActionProcessorProvider provider, String pluginId, String version) {
      processorProviders.add(new Registration<>(Objects.requireNonNull(provider, "provider"), pluginId, version));
      return this;
    }

    /** Adds a sink built into the embedding program. */
    public Builder sink(SinkProvider provider) {
      return sink(provider, "embedded", implementationVersion(provider));
    }

    /** Adds a sink from a plugin. */
    public Builder sink(SinkProvider provider, String pluginId, String version) {
      sinkProviders.add(new Registration<>(Objects.requireNonNull(provider, "provider"), pluginId, version));
      return this;
    }

    /**
     * Sets a configuration value: {@code adapter.<name>.<key>}, {@code processor.<name>.<key>} or
     * {@code sink.<name>.<key>}. Keys no component declares are rejected by {@link #start()}.
     */
    public Builder config(String key, String value) {
      configValues.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** Sets several configuration values; see {@link #config(String, String)}. */
    public Builder config(Map<String, String> values) {
      values.forEach(this::config);
      return this;
    }

    /** Capacity of the emit queue: default {@value #DEFAULT_QUEUE_CAPACITY}. */
    public Builder queueCapacity(int capacity) {
      if (capacity < 1) {
        throw new IllegalArgumentException("queueCapacity must be at least 1, got " + capacity);
      }
      this.queueCapacity = capacity;
      return this;
    }

    /** Capacity of each sink's delivery queue: default {@value #DEFAULT_SINK_QUEUE_CAPACITY}. */
    public Builder sinkQueueCapacity(int capacity) {
      if (capacity < 1) {
        throw new IllegalArgumentException("sinkQueueCapacity must be at least 1, got " + capacity);
      }
      this.sinkQueueCapacity = capacity;
      return this;
    }

    /** How long an adapter may take to start: default 10 s. */
    public Builder startTimeout(Duration timeout) {
      this.startTimeout = positive(timeout, "startTimeout");
      return this;
    }

    /** How long an adapter or sink may take to stop: default 10 s. */
    public Builder stopTimeout(Duration timeout) {
      this.stopTimeout = positive(timeout, "stopTimeout");
      return this;
    }

    /** How long a processor may take on one action before it is disabled: default 1 s. */
    public Builder processorTimeout(Duration timeout) {
      this.processorTimeout = positive(timeout, "processorTimeout");
      return this;
    }

    /** The clock: default the system clock. */
    public Builder clock(CaptureClock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * The privacy policy: default {@link PrivacyPolicy#defaults()}. A
     * {@link PrivacyPolicy} is enforced by a
     * {@link PolicyGate}, the first privacy stage; any other policy only
     * by its capabilities.
     */
    public Builder policy(Policy policy) {
      this.policy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * Requires consent from this ledger: an adapter no consent in force covers is not started
     * ({@link PluginState#NO_CONSENT}), actions from apps outside the consents are dropped, and the
     * ledger is watched so a revocation or expiry stops capture of that scope within a second. Default:
     * no ledger, no consent required (for embedding programs that obtain consent themselves).
     */
    public Builder consent(ConsentLedger ledger) {
      this.consentLedger = Objects.requireNonNull(ledger, "ledger");
      return this;
    }

    /** The consent this session records under, written in the session start record. */
    public Builder consentId(String consentId) {
      this.consentId = Objects.requireNonNull(consentId, "consentId");
      return this;
    }

    /**
     * Called on the pipeline thread after each group commit with the highest acknowledged seq. Must
     * not block; exceptions are logged and ignored.
     */
    public Builder acknowledgementListener(LongConsumer listener) {
      this.ackListener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Validates the configuration, opens the session, writes its start record and starts the
     * adapters (each on its own thread, waiting at most the start timeout). An adapter that fails
     * or hangs is left out and reported in {@link Recording#stats()}; the session goes on.
     *
     * @throws IllegalArgumentException naming the bad key or parameter
     * @throws IOException if the session cannot be opened
     */
    public Recording start() throws IOException {
      if (logFactory == null) {
        throw new IllegalStateException("no session store: call storeDirectory(...) or log(...)");
      }
      if (pluginsDirectory == null) {
        return startWith(null);
      }
      PluginHost host = PluginHost.load(pluginsDirectory, pluginOptions);
      try {
        host.problems().forEach(p -> logger.warning("plugin left out: " + p));
        host.adapters().forEach(a -> adapter(a.provider(), a.pluginId(), a.pluginVersion()));
        host.processors().forEach(p -> processor(p.provider(), p.pluginId(), p.pluginVersion()));
        host.sinks().forEach(k -> sink(k.provider(), k.pluginId(), k.pluginVersion()));
        return startWith(host);
      } catch (IOException | RuntimeException | Error e) {
        host.close();
        throw e;
      }
    }

    private Recording startWith(PluginHost host) throws IOException {
      checkUniqueNames();
      ComponentConfig componentConfig = new ComponentConfig(configValues);
      Map<String, Map<String, Set<String>>> known = new HashMap<>();
      adapterProviders.forEach(r -> known.computeIfAbsent("adapter", k -> new HashMap<>()).put(r.provider().name(), r.provider().configKeys()));
      processorProviders.forEach(r -> known.computeIfAbsent("processor", k -> new HashMap<>()).put(r.provider().name(), r.provider().configKeys()));
      sinkProviders.forEach(r -> known.computeIfAbsent("sink", k -> new HashMap<>()).put(r.provider().name(), r.provider().configKeys()));
      known.putIfAbsent("adapter", Map.of());
      known.putIfAbsent("processor", Map.of());
      known.putIfAbsent("sink", Map.of());
      componentConfig.validate(known);

      ConsentSet consents =
          consentLedger == null ? null : consentLedger.valid();
      byte[] sessionId = SessionId.generate(clock).bytes();
      EmitQueue<Emission> queue = new EmitQueue<>(queueCapacity);
      SessionStart.Builder start =
          SessionStart.newBuilder()
              .setSchemaVersion(SCHEMA_VERSION)
              .setRuntimeVersion(implementationVersion(this))
              .setPolicyHash(policy.hash())
              .setConfigHash(PrivacyPolicy.sha256(new TreeMap<>(componentConfig.values()).toString()))
              .setDurability(durability);

      List<AdapterSlot> adapters = new ArrayList<>();
      for (Registration<AdapterProvider> r : adapterProviders) {
        AdapterProvider provider = r.provider();
        AdapterSlot slot =
            new AdapterSlot(provider.name(), r.pluginId(), r.version(), provider.capabilities(),
                componentConfig.forComponent("adapter", provider.name()), clock, policy, queue);
        adapters.add(slot);
        if (consents != null && !consents.coversAdapter(provider.name())) {
          slot.withdrawConsent(noConsentMessage(provider.name()));
          logger.warning(noConsentMessage(provider.name()));
        }
        start.addPlugins(PluginInfo.newBuilder().setPluginId(r.pluginId()).setVersion(r.version())
            .setComponentKind(ComponentKind.COMPONENT_KIND_ADAPTER).setName(provider.name())
            .addAllCapabilities(new TreeSet<>(provider.capabilities())));
      }
      List<ProcessorSlot> processors = new ArrayList<>();
      for (Registration<ActionProcessorProvider> r : processorProviders) {
        ActionProcessorProvider provider = r.provider();
        try {
          ActionProcessor processor = provider.create(componentConfig.forComponent("processor", provider.name()));
          processors.add(new ProcessorSlot(provider.name(), r.pluginId(), r.version(), processor));
          start.addPlugins(pluginInfo(r, provider.name(), ComponentKind.COMPONENT_KIND_PROCESSOR));
        } catch (IllegalArgumentException e) {
          throw e; // a configuration error names its key: fail fast
        } catch (Exception | LinkageError e) {
          logger.log(Level.WARNING, "processor '" + provider.name() + "' could not be created; left out", e);
        }
      }
      CopyOnWriteArrayList<SinkSlot> sinks = new CopyOnWriteArrayList<>();
      for (Registration<SinkProvider> r : sinkProviders) {
        SinkProvider provider = r.provider();
        try {
          Sink sink = provider.create(componentConfig.forComponent("sink", provider.name()));
          sinks.add(new SinkSlot(provider.name(), r.pluginId(), r.version(), sink, sinkQueueCapacity));
          start.addPlugins(pluginInfo(r, provider.name(), ComponentKind.COMPONENT_KIND_SINK));
        } catch (IllegalArgumentException e) {
          throw e;
        } catch (Exception | LinkageError e) {
          logger.log(Level.WARNING, "sink '" + provider.name() + "' could not be created; left out", e);
        }
      }

      List<String> consentIds = List.of();
      if (consents != null) {
        consentIds = consents.idsFor(adapters.stream().filter(a -> !a.consentWithdrawn()).map(AdapterSlot::name).toList());
        start.addAllConsentIds(consentIds);
      }
      start.setConsentId(!consentId.isEmpty() || consentIds.isEmpty() ? consentId : consentIds.get(0));
      List<PrivacyStage> stages = new ArrayList<>();
      if (policy instanceof PrivacyPolicy) {
        stages.add(new PolicyGate((PrivacyPolicy) policy));
      }
      ConsentStage consentStage = null;
      if (consents != null) {
        consentStage = new ConsentStage(consents);
        stages.add(consentStage);
      }
      // Runtime stages before keystroke coalescing; the stages added with privacyStage() (the
      // redactor) come after it, so they see typed text whole.
      stages.add(new SecureFields());

      ActionLog log = logFactory.open(sessionId, durability, clock);
      Pipeline pipeline =
          new Pipeline(queue, log, adapters,
              stages,
              new KeystrokeCoalescer<>(keystrokeIdle.toNanos()),
              afterCoalescing(), processors, sinks, sessionId, clock, policy,
              processorTimeout.toNanos(), ackListener);
      Recording recording = new Recording(sessionId, adapters, processors, sinks, pipeline, log, queue, this);
      recording.ownedPlugins = host;
      sinks.forEach(SinkSlot::start);
      pipeline.writeControl(Action.newBuilder().setTimeUnixNano(clock.nowUnixNanos()).setSessionStart(start));
      pipeline.start();
      recording.consentIds = consentIds;
      recording.startAdapters(adapterProviders);
      if (consents != null) {
        ConsentStage stage = consentStage;
        recording.consentWatcher = ConsentWatcher.start(consentLedger, consents,
            ConsentWatcher.DEFAULT_PERIOD, set -> recording.consentChanged(set, stage));
      }
      return recording;
    }

    /** The redactor first, then the embedding program's own stages. */
    private List<PrivacyStage> afterCoalescing() {
      List<PrivacyStage> stages = new ArrayList<>();
      stages.add(Objects.requireNonNull(redactor.get(), "redactor supplied null"));
      stages.addAll(privacyStages);
      return stages;
    }

    private static PluginInfo pluginInfo(Registration<?> r, String name, ComponentKind kind) {
      return PluginInfo.newBuilder().setPluginId(r.pluginId()).setVersion(r.version())
          .setComponentKind(kind).setName(name).build();
    }

    private void checkUniqueNames() {
      Set<String> seen = new HashSet<>();
      for (Registration<AdapterProvider> r : adapterProviders) {
        String name = r.provider().name();
        if (name == null || name.isBlank() || !seen.add("adapter." + name)) {
          throw new IllegalArgumentException("adapter name '" + name + "' is blank or used twice");
        }
      }
      for (Registration<ActionProcessorProvider> r : processorProviders) {
        if (!seen.add("processor." + r.provider().name())) {
          throw new IllegalArgumentException("processor name '" + r.provider().name() + "' is used twice");
        }
      }
      for (Registration<SinkProvider> r : sinkProviders) {
        if (!seen.add("sink." + r.provider().name())) {
          throw new IllegalArgumentException("sink name '" + r.provider().name() + "' is used twice");
        }
      }
    }

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, got " + d);
      }
      return d;
    }
  }

  static String noConsentMessage(String adapter) {
    return "adapter '" + adapter + "' has no consent: run 'understudy consent grant --adapter " + adapter + "'";
  }

  /**
   * Consent watcher thread: applies a new set of consents in force. Actions are filtered by the stage
   * at once; adapters no longer covered stop accepting emits now and are stopped in the background.
   */
  private void consentChanged(ConsentSet set, ConsentStage stage) {
    stage.update(set);
    synchronized (closeLock) {
      if (closed) {
        return;
      }
      for (AdapterSlot slot : adapters) {
        if (slot.consentWithdrawn() || set.coversAdapter(slot.name())) {
          continue;
        }
        boolean running = slot.state() == PluginState.RUNNING;
        // The state first: whoever sees emits refused then sees why.
        slot.withdrawConsent("consent for adapter '" + slot.name() + "' was revoked or expired; capture stopped");
        slot.setAccepting(false);
        logger.warning("consent for adapter '" + slot.name() + "' was revoked or expired; stopping it");
        if (running && slot.adapter() != null) {
          Outcome.begin("understudy-adapter-" + slot.name() + "-stop", slot.adapter()::stop);
        }
      }
    }
  }

  private void startAdapters(List<Builder.Registration<AdapterProvider>> providers) {
    for (int i = 0; i < adapters.size(); i++) {
      AdapterSlot slot = adapters.get(i);
      if (slot.consentWithdrawn()) {
        continue; // no consent: never created, never started
      }
      try {
        Adapter adapter = providers.get(i).provider().create(slot.config());
        slot.attach(Objects.requireNonNull(adapter, "create returned null"));
        slot.setAccepting(true);
      } catch (Exception | LinkageError e) {
        slot.recordError(e);
        slot.setState(PluginState.FAILED);
        logger.log(Level.WARNING, "adapter '" + slot.name() + "' could not be created; left out", e);
      }
    }
    // Start them all at once so that one slow adapter does not delay the others.
    Map<AdapterSlot, Outcome.Pending> pending = new LinkedHashMap<>();
    for (AdapterSlot slot : adapters) {
      if (slot.adapter() != null) {
        pending.put(slot, Outcome.begin("understudy-adapter-" + slot.name() + "-start", () -> slot.adapter().start(slot)));
      }
    }
    long deadline = System.nanoTime() + config.startTimeout.toNanos();
    pending.forEach((slot, call) -> {
      Outcome outcome = call.await(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
      if (outcome.isSuccess()) {
        slot.setState(PluginState.RUNNING);
      } else {
        slot.setAccepting(false);
        slot.setState(outcome.timedOut() ? PluginState.TIMED_OUT : PluginState.FAILED);
        slot.recordError(outcome.error());
        logger.log(Level.WARNING, "adapter '" + slot.name() + "' failed to start; the session goes on without it", outcome.error());
      }
    });
  }

  static String implementationVersion(Object o) {
    String v = o.getClass().getPackage() == null ? null : o.getClass().getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
