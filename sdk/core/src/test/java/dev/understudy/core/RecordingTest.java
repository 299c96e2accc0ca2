package dev.understudy.core;

import static dev.understudy.core.TestAdapters.click;
import static dev.understudy.core.TestAdapters.typed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.understudy.api.ActionProcessor;
import dev.understudy.api.ActionProcessorProvider;
import dev.understudy.api.PluginConfig;
import dev.understudy.api.Sink;
import dev.understudy.api.SinkProvider;
import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.Capability;
import dev.understudy.proto.v1.Clipboard;
import dev.understudy.proto.v1.ComponentKind;
import dev.understudy.proto.v1.Gap;
import dev.understudy.proto.v1.GapReason;
import dev.understudy.proto.v1.Target;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class RecordingTest {

  private final MemoryLog log = new MemoryLog();

  private Recording.Builder builder() {
    return Recording.builder().log(log.factory()).startTimeout(Duration.ofSeconds(5)).stopTimeout(Duration.ofSeconds(5));
  }

  private static List<Action> ofKind(List<Action> records, Action.KindCase kind) {
    return records.stream().filter(a -> a.getKindCase() == kind).toList();
  }

  private static PluginStats statsOf(Recording recording, String name) {
    return recording.stats().plugins().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void writesStartActionsAndEndWithConsecutiveSeqAndStampedEnvelope() throws Exception {
    TestAdapters.Scripted hello = TestAdapters.quiet("hello");
    try (Recording recording = builder().adapter(hello).start()) {
      hello.ctx().emitter().emit(click("Save"));
      hello.ctx().emitter().emit(typed("hello"));
      assertThat(recording.flush(Duration.ofSeconds(5))).isTrue();
    }
    List<Action> records = log.records();
    assertThat(records).extracting(Action::getKindCase).containsExactly(
        Action.KindCase.SESSION_START, Action.KindCase.INVOKE, Action.KindCase.VALUE_CHANGE, Action.KindCase.SESSION_END);
    assertThat(records).extracting(Action::getSeq).containsExactly(1L, 2L, 3L, 4L);
    Action click = records.get(1);
    assertThat(click.getSessionId()).isEqualTo(records.get(0).getSessionId());
    assertThat(click.getSessionId().size()).isEqualTo(16);
    assertThat(click.getId().size()).isEqualTo(16);
    assertThat(click.getTimeUnixNano()).isPositive();
    assertThat(click.getSource().getAdapterId()).isEqualTo("hello");
    assertThat(records.get(0).getSessionStart().getPluginsList())
        .anySatisfy(p -> {
          assertThat(p.getName()).isEqualTo("hello");
          assertThat(p.getComponentKind()).isEqualTo(ComponentKind.COMPONENT_KIND_ADAPTER);
          assertThat(p.getCapabilitiesList()).contains(Capability.CAPABILITY_INTERACTIONS);
        });
    assertThat(records.get(3).getSessionEnd().getActionCount()).isEqualTo(2);
    assertThat(log.closed).isTrue();
  }

  @Test
  void dropsAndCountsWhenQueueFullAndWritesGapRecord() throws Exception {
    TestAdapters.Scripted hello = TestAdapters.quiet("hello");
    log.gate = new CountDownLatch(1);
    long accepted = 0;
    long refused = 0;
    try (Recording recording = builder().adapter(hello).queueCapacity(4).start()) {
      hello.ctx().emitter().emit(typed("holds the pipeline in append"));
      assertThat(log.enteredGate.await(5, TimeUnit.SECONDS)).isTrue();
      for (int i = 0; i < 100; i++) {
        if (hello.ctx().emitter().emit(click("b" + i))) {
          accepted++;
        } else {
          refused++;
        }
      }
      log.gate.countDown();
      assertThat(recording.flush(Duration.ofSeconds(5))).isTrue();
      assertThat(statsOf(recording, "hello").dropped()).isEqualTo(refused);
    }
    assertThat(accepted).isEqualTo(4);
    assertThat(refused).isEqualTo(96);
    List<Action> gaps = ofKind(log.records(), Action.KindCase.GAP);
    assertThat(gaps).hasSize(1);
    Gap gap = gaps.get(0).getGap();
    assertThat(gap.getGapReason()).isEqualTo(GapReason.GAP_REASON_QUEUE_FULL);
    assertThat(gap.getCount()).isEqualTo(96);
    assertThat(gap.getPluginId()).isEqualTo("hello");
    assertThat(ofKind(log.records(), Action.KindCase.INVOKE)).hasSize(4);
    assertThat(ofKind(log.records(), Action.KindCase.SESSION_END).get(0).getSessionEnd().getDroppedCount()).isEqualTo(96);
  }

  @Test
  void adapterThatThrowsOnStartIsLeftOutAndOthersRecord() throws Exception {
    TestAdapters.Scripted broken = new TestAdapters.Scripted("broken", EnumSet.of(Capability.CAPABILITY_INTERACTIONS),
        c -> { throw new IllegalStateException("no app"); }, c -> {});
    TestAdapters.Scripted hello = TestAdapters.quiet("hello");
    try (Recording recording = builder().adapter(broken).adapter(hello).start()) {
      assertThat(statsOf(recording, "broken").state()).isEqualTo(PluginState.FAILED);
      assertThat(statsOf(recording, "broken").errors()).isEqualTo(1);
      assertThat(statsOf(recording, "broken").lastError()).contains("no app");
      assertThat(broken.ctx().emitter().emit(click("late"))).isFalse();
      hello.ctx().emitter().emit(click("ok"));
      recording.flush(Duration.ofSeconds(5));
    }
    assertThat(ofKind(log.records(), Action.KindCase.INVOKE)).singleElement()
        .satisfies(a -> assertThat(a.getTarget().getName()).isEqualTo("ok"));
  }

  @Test
  void adapterThatHangsOnStartTimesOutAndSessionGoesOn() throws Exception {
    CountDownLatch never = new CountDownLatch(1);
    TestAdapters.Scripted hanging = new TestAdapters.Scripted("hanging", EnumSet.of(Capability.CAPABILITY_INTERACTIONS),
        c -> never.await(), c -> {});
    TestAdapters.Scripted hello = TestAdapters.quiet("hello");
    long t0 = System.nanoTime();
    try (Recording recording = builder().adapter(hanging).adapter(hello).startTimeout(Duration.ofMillis(300)).start()) {
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(4));
      assertThat(statsOf(recording, "hanging").state()).isEqualTo(PluginState.TIMED_OUT);
      hello.ctx().emitter().emit(click("ok"));
      recording.flush(Duration.ofSeconds(5));
    }
    assertThat(ofKind(log.records(), Action.KindCase.INVOKE)).hasSize(1);
    assertThat(ofKind(log.records(), Action.KindCase.SESSION_END)).hasSize(1);
  }

  @Test
  void adapterThatThrowsOrHangsOnStopStillEndsTheSession() throws Exception {
    CountDownLatch never = new CountDownLatch(1);
    TestAdapters.Scripted throwing = new TestAdapters.Scripted("throwing", EnumSet.of(Capability.CAPABILITY_INTERACTIONS),
        c -> {}, c -> { throw new IllegalStateException("stop failed"); });
    TestAdapters.Scripted hanging = new TestAdapters.Scripted("hanging", EnumSet.of(Capability.CAPABILITY_INTERACTIONS),
        c -> {}, c -> never.await());
    Recording recording = builder().adapter(throwing).adapter(hanging).stopTimeout(Duration.ofMillis(300)).start();
    throwing.ctx().emitter().emit(click("a"));
    long t0 = System.nanoTime();
    recording.close();
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
    assertThat(statsOf(recording, "throwing").errors()).isEqualTo(1);
    assertThat(statsOf(recording, "hanging").state()).isEqualTo(PluginState.TIMED_OUT);
    assertThat(ofKind(log.records(), Action.KindCase.INVOKE)).hasSize(1);
    assertThat(ofKind(log.records(), Action.KindCase.SESSION_END)).hasSize(1);
  }

  @Test
  void emitNeverThrowsIntoTheHostAndCountsWhatItRefuses() throws Exception {
    TestAdapters.Scripted hello = TestAdapters.quiet("hello");
    Recording recording = builder().adapter(hello).start();
    assertThat(hello.ctx().emitter().emit(null)).isFalse();
    recording.close();
    assertThat(hello.ctx().emitter().emit(click("after close"))).isFalse();
    assertThat(statsOf(recording, "hello").errors()).isEqualTo(1);
    assertThat(statsOf(recording, "hello").dropped()).isEqualTo(1);
  }

  @Test
  void processorThatThrowsDropsTheActionFailClosedAndWritesGap() throws Exception {
    TestAdapters.Scripted hello = TestAdapters.quiet("hello");
    ActionProcessorProvider redactor = processor("redactor", a -> {
      if (a.getTarget().getName().equals("secret")) {
        throw new IllegalStateException("cannot scan");
      }
      return a;
    });
    try (Recording recording = builder().adapter(hello).processor(redactor).start()) {
      hello.ctx().emitter().emit(click("secret"));
      hello.ctx().emitter().emit(click("fine"));
      recording.flush(Duration.ofSeconds(5));
      assertThat(statsOf(recording, "redactor").errors()).isEqualTo(1);
    }
    assertThat(ofKind(log.records(), Action.KindCase.INVOKE)).extracting(a -> a.getTarget().getName()).containsExactly("fine");
    assertThat(ofKind(log.records(), Action.KindCase.GAP)).singleElement()
        .satisfies(g -> assertThat(g.getGap().getGapReason()).isEqualTo(GapReason.GAP_REASON_PROCESSOR_FAILED));
  }

  @Test
  void processorThatHangsIsAbandonedAndThePipelineContinues() throws Exception {
    TestAdapters.Scripted hello = TestAdapters.quiet("hello");
    CountDownLatch never = new CountDownLatch(1);
    ActionProcessorProvider sleepy = processor("sleepy", a -> {
      if (a.getTarget().getName().equals("hang")) {
        never.await();
      }
      return a;
    });
    try (Recording recording = builder().adapter(hello).processor(sleepy).processorTimeout(Duration.ofMillis(200)).start()) {
      hello.ctx().emitter().emit(click("before"));
      hello.ctx().emitter().emit(click("hang"));
      hello.ctx().emitter().emit(click("after"));
      assertThat(recording.flush(Duration.ofSeconds(10))).isTrue();
      assertThat(statsOf(recording, "sleepy").state()).isEqualTo(PluginState.TIMED_OUT);
      hello.ctx().emitter().emit(click("later"));
      assertThat(recording.flush(Duration.ofSeconds(10))).isTrue();
    }
    assertThat(ofKind(log.records(), Action.KindCase.INVOKE)).extracting(a -> a.getTarget().getName())
        .containsExactly("before", "after", "later");
    assertThat(ofKind(log.records(), Action.KindCase.GAP)).singleElement()
        .satisfies(g -> assertThat(g.getGap().getGapReason()).isEqualTo(GapReason.GAP_REASON_PROCESSOR_TIMEOUT));
    assertThat(log.records()).extracting(Action::getSeq)
        .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, log.records().size()).boxed().toList());
  }

  @Test
  void sinkThatThrowsOrHangsLosesOnlyItsOwnDeliveries() throws Exception {
    TestAdapters.Scripted hello = TestAdapters.quiet("hello");
    List<Action> good = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch never = new CountDownLatch(1);
    try (Recording recording = builder().adapter(hello)
        .sink(sink("throws", batch -> { throw new IllegalStateException("broker down"); }))
        .sink(sink("hangs", batch -> never.await()))
        .sink(sink("good", good::addAll))
        .sinkQueueCapacity(16)
        .stopTimeout(Duration.ofMillis(500))
        .start()) {
      // Rounds smaller than the queue: the good sink keeps up, the hung one falls behind.
      for (int round = 0; round < 10; round++) {
        for (int i = 0; i < 10; i++) {
          hello.ctx().emitter().emit(click("b" + round + "." + i));
        }
        assertThat(recording.flush(Duration.ofSeconds(5))).isTrue();
        int expected = 1 + (round + 1) * 10;
        await().atMost(Duration.ofSeconds(5)).until(() -> good.size() >= expected);
      }
      assertThat(statsOf(recording, "throws").errors()).isPositive();
      assertThat(statsOf(recording, "hangs").dropped()).isPositive();
      assertThat(statsOf(recording, "good").dropped()).isZero();
    }
    assertThat(ofKind(log.records(), Action.KindCase.INVOKE)).hasSize(100);
  }

  @Test
  void refusesKindsTheAdapterDidNotDeclareAndRecordsTheViolation() throws Exception {
    TestAdapters.Scripted clicksOnly = new TestAdapters.Scripted("clicks", EnumSet.of(Capability.CAPABILITY_INTERACTIONS), c -> {}, c -> {});
    try (Recording recording = builder().adapter(clicksOnly).start()) {
      clicksOnly.ctx().emitter().emit(typed("private text"));
      clicksOnly.ctx().emitter().emit(Action.newBuilder().setGap(Gap.newBuilder().setCount(5)).build());
      clicksOnly.ctx().emitter().emit(click("ok"));
      recording.flush(Duration.ofSeconds(5));
      assertThat(statsOf(recording, "clicks").errors()).isEqualTo(2);
    }
    assertThat(ofKind(log.records(), Action.KindCase.VALUE_CHANGE)).isEmpty();
    assertThat(ofKind(log.records(), Action.KindCase.INVOKE)).hasSize(1);
    // The two refusals may fall in one batch (one Gap) or two; together they count 2.
    List<Action> gaps = ofKind(log.records(), Action.KindCase.GAP);
    assertThat(gaps).allSatisfy(g -> assertThat(g.getGap().getGapReason()).isEqualTo(GapReason.GAP_REASON_CAPABILITY_VIOLATION));
    assertThat(gaps.stream().mapToLong(g -> g.getGap().getCount()).sum()).isEqualTo(2);
  }

  @Test
  void capabilityOnlyPolicyFiltersClipboardContentWithoutCountingALoss() throws Exception {
    // A plain Policy has no gate to clear the field, so the whole action goes (PolicyGateTest covers the gate).
    TestAdapters.Scripted copier = new TestAdapters.Scripted("copier",
        EnumSet.of(Capability.CAPABILITY_INTERACTIONS, Capability.CAPABILITY_CLIPBOARD_CONTENT), c -> {}, c -> {});
    try (Recording recording = builder().policy(dev.understudy.testing.TestPolicy.allowing(
        Capability.CAPABILITY_INTERACTIONS, Capability.CAPABILITY_TEXT_CONTENT)).adapter(copier).start()) {
      copier.ctx().emitter().emit(Action.newBuilder().setClipboard(Clipboard.newBuilder().setContent("password123")).build());
      recording.flush(Duration.ofSeconds(5));
      assertThat(recording.stats().filtered()).isEqualTo(1);
      assertThat(recording.stats().lost()).isZero();
    }
    assertThat(log.records()).noneMatch(Action::hasClipboard);
  }

  @Test
  void adapterReportedLossBecomesAGap() throws Exception {
    TestAdapters.Scripted hello = TestAdapters.quiet("hello");
    try (Recording recording = builder().adapter(hello).start()) {
      hello.ctx().emitter().reportLoss(7, "binding queue overflow");
      hello.ctx().emitter().reportLoss(0, "ignored");
      hello.ctx().emitter().emit(click("x"));
      recording.flush(Duration.ofSeconds(5));
    }
    assertThat(ofKind(log.records(), Action.KindCase.GAP)).hasSize(1);
    Gap gap = ofKind(log.records(), Action.KindCase.GAP).get(0).getGap();
    assertThat(gap.getGapReason()).isEqualTo(GapReason.GAP_REASON_ADAPTER_REPORTED);
    assertThat(gap.getCount()).isEqualTo(7);
    assertThat(gap.getDetail()).isEqualTo("binding queue overflow");
  }

  @Test
  void liveSubscribersGetStoredActionsInOrderAfterProcessors() throws Exception {
    TestAdapters.Scripted hello = TestAdapters.quiet("hello");
    List<Action> seen = Collections.synchronizedList(new ArrayList<>());
    ActionProcessorProvider upper = processor("upper", a -> a.toBuilder()
        .setTarget(a.getTarget().toBuilder().setName(a.getTarget().getName().toUpperCase(java.util.Locale.ROOT))).build());
    try (Recording recording = builder().adapter(hello).processor(upper).start()) {
      Recording.Subscription subscription = recording.subscribe(seen::add);
      for (int i = 0; i < 20; i++) {
        hello.ctx().emitter().emit(click("b" + i));
      }
      await().atMost(Duration.ofSeconds(5)).until(() -> seen.size() == 20);
      subscription.close();
    }
    assertThat(seen).extracting(a -> a.getTarget().getName()).startsWith("B0", "B1", "B2");
    assertThat(seen).extracting(Action::getSeq).isSorted();
    assertThat(seen.get(0).getSeq()).isEqualTo(2);
  }

  @Test
  void theRuntimesStampsWinOverAProcessorsAndSubscribersGetThemToo() throws Exception {
    TestAdapters.Scripted hello = TestAdapters.quiet("hello");
    List<Action> seen = Collections.synchronizedList(new ArrayList<>());
    ActionProcessorProvider forger = processor("forger", a -> a.toBuilder().setSeq(999)
        .setId(com.google.protobuf.ByteString.copyFromUtf8("forged")).setSessionId(com.google.protobuf.ByteString.copyFromUtf8("x")).build());
    try (Recording recording = builder().adapter(hello).processor(forger).start()) {
      Recording.Subscription subscription = recording.subscribe(seen::add);
      hello.ctx().emitter().emit(click("Save"));
      await().atMost(Duration.ofSeconds(5)).until(() -> seen.size() == 1);
      subscription.close();
    }
    Action stored = log.records().get(1);
    assertThat(stored.getSeq()).isEqualTo(2);
    assertThat(stored.getSessionId()).isEqualTo(log.records().get(0).getSessionId());
    assertThat(stored.getId().size()).isEqualTo(16);
    assertThat(seen).containsExactly(stored);
  }

  @Test
  void unknownConfigurationKeyFailsNamingTheKey() {
    TestAdapters.Scripted hello = TestAdapters.quiet("hello");
    assertThatThrownBy(() -> builder().adapter(hello).config("adapter.hello.greting", "hi").start())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("adapter.hello.greting")
        .hasMessageContaining("greeting");
    assertThatThrownBy(() -> builder().adapter(hello).config("adapter.nobody.x", "1").start())
        .hasMessageContaining("no adapter named 'nobody'");
    assertThatThrownBy(() -> builder().adapter(hello).config("color", "1").start())
        .hasMessageContaining("'color'");
    assertThat(log.records()).isEmpty();
  }

  @Test
  void adapterGetsItsOwnConfiguration() throws Exception {
    TestAdapters.Scripted hello = TestAdapters.quiet("hello");
    try (Recording recording = builder().adapter(hello).config("adapter.hello.greeting", "hi").start()) {
      assertThat(hello.ctx().config().get("greeting")).contains("hi");
    }
  }

  @Test
  void eventTimeFromTheAdapterIsKeptAndObservedTimeRecorded() throws Exception {
    TestAdapters.Scripted hello = TestAdapters.quiet("hello");
    try (Recording recording = builder().adapter(hello).start()) {
      hello.ctx().emitter().emit(click("x").toBuilder().setTimeUnixNano(1_000L).build());
      recording.flush(Duration.ofSeconds(5));
    }
    Action a = ofKind(log.records(), Action.KindCase.INVOKE).get(0);
    assertThat(a.getTimeUnixNano()).isEqualTo(1_000L);
    assertThat(a.getObservedTimeUnixNano()).isGreaterThan(1_000L);
  }

  @Test
  void privacyStagesRunBeforeProcessorsAndFailClosed() throws Exception {
    TestAdapters.Scripted hello = TestAdapters.quiet("hello");
    List<String> processorSaw = Collections.synchronizedList(new ArrayList<>());
    dev.understudy.core.privacy.PrivacyStage stage = new dev.understudy.core.privacy.PrivacyStage() {
      @Override
      public Action apply(Action a) {
        switch (a.getTarget().getName()) {
          case "deny":
            return null;
          case "boom":
            throw new IllegalStateException("detector crashed");
          default:
            return a.toBuilder().setTarget(a.getTarget().toBuilder().setName("masked")).build();
        }
      }

      @Override
      public String name() {
        return "test";
      }
    };
    ActionProcessorProvider spy = processor("spy", a -> {
      processorSaw.add(a.getTarget().getName());
      return a;
    });
    try (Recording recording = builder().adapter(hello).privacyStage(stage).processor(spy).start()) {
      hello.ctx().emitter().emit(click("deny"));
      hello.ctx().emitter().emit(click("boom"));
      hello.ctx().emitter().emit(click("secret"));
      recording.flush(Duration.ofSeconds(5));
      assertThat(recording.stats().filtered()).isEqualTo(1);
      assertThat(recording.stats().lost()).isEqualTo(1);
    }
    assertThat(processorSaw).containsExactly("masked");
    assertThat(ofKind(log.records(), Action.KindCase.INVOKE)).extracting(a -> a.getTarget().getName()).containsExactly("masked");
    assertThat(ofKind(log.records(), Action.KindCase.GAP)).singleElement()
        .satisfies(g -> assertThat(g.getGap().getPluginId()).isEqualTo("privacy:test"));
  }

  private static ActionProcessorProvider processor(String name, ThrowingFunction fn) {
    return new ActionProcessorProvider() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public ActionProcessor create(PluginConfig config) {
        return fn::apply;
      }
    };
  }

  interface ThrowingFunction {
    Action apply(Action a) throws Exception;
  }

  interface BatchConsumer {
    void accept(List<Action> batch) throws Exception;
  }

  private static SinkProvider sink(String name, BatchConsumer consumer) {
    return new SinkProvider() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Sink create(PluginConfig config) {
        return consumer::accept;
      }
    };
  }

  @SuppressWarnings("unused")
  private static Target target(Function<Target.Builder, Target.Builder> f) {
    return f.apply(Target.newBuilder()).build();
  }
}
