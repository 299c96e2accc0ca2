package dev.understudy.core.privacy.redact;

import static org.assertj.core.api.Assertions.assertThat;

import dev.understudy.api.Adapter;
import dev.understudy.api.AdapterProvider;
import dev.understudy.api.CaptureContext;
import dev.understudy.api.PluginConfig;
import dev.understudy.core.Recording;
import dev.understudy.core.store.SessionId;
import dev.understudy.core.store.SessionReader;
import dev.understudy.core.store.SessionStore;
import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.Capability;
import dev.understudy.proto.v1.FileEvent;
import dev.understudy.proto.v1.Locator;
import dev.understudy.proto.v1.Navigate;
import dev.understudy.proto.v1.Redaction;
import dev.understudy.proto.v1.Source;
import dev.understudy.proto.v1.Target;
import dev.understudy.proto.v1.TextEdit;
import dev.understudy.proto.v1.ValueChange;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The redactor as a privacy stage of a real recording, writing through the session store. */
class RedactorRecordingTest {

  private static final String EMAIL = "lena.vogel@example.de";
  private static final String AWS_KEY = "AKIAQ7RT2ZK4M9XW3B5N";
  private static final String GITHUB = "ghp_Z9vQ2mK7xL4pR8tW1yB6nC3dF5gH0jS2aE7u";
  private static final String URL_PASSWORD = "Winter2025x";
  private static final String URL_TOKEN = "tok9Lm2Qx7Rv4Kp8";
  private static final String CARD = "4929 1432 5187 6635";
  private static final List<String> SECRETS = List.of(EMAIL, AWS_KEY, GITHUB, URL_PASSWORD, URL_TOKEN, CARD,
      CARD.replace(" ", ""));

  @TempDir Path root;

  @Test
  void noSecretReachesTheSegmentFilesAndEveryRedactionIsRecorded() throws Exception {
    String id = record(root, true);
    List<Action> actions = read(root, id);
    List<Action> emitted = actions.subList(1, actions.size() - 1);
    assertThat(emitted).hasSize(6).allSatisfy(a -> assertThat(a.getRedactionsList()).isNotEmpty());
    assertThat(emitted.get(0).getRedactionsList()).extracting(Redaction::getFieldPath, Redaction::getRuleId)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("source.window_title", "email"));
    assertThat(emitted.get(1).getRedactionsList()).extracting(Redaction::getFieldPath)
        .containsExactlyInAnyOrder("navigate.url", "navigate.url");
    assertThat(emitted.get(3).getRedactionsList()).extracting(Redaction::getFieldPath)
        .containsExactly("target.locators[1].css");
    assertThat(emitted.get(0).getSource().getWindowTitle()).matches("Inbox - <EMAIL:[0-9a-f]{8}> - Mail");
    // The same address in another field of another action gets the same token.
    String token = emitted.get(0).getSource().getWindowTitle().replaceAll(".*(<EMAIL:[0-9a-f]{8}>).*", "$1");
    assertThat(emitted.get(3).getTarget().getLocators(1).getCss()).contains(token);
    assertThat(secretsFoundUnder(root)).isEmpty();
  }

  @Test
  void withoutTheRedactorTheSameSecretsWouldBeOnDisk(@TempDir Path plain) throws Exception {
    // Shows that the check above can fail: the store writes field text as it is given.
    record(plain, false);
    assertThat(secretsFoundUnder(plain)).containsAll(SECRETS.subList(0, 5));
  }

  private static String record(Path store, boolean redact) throws Exception {
    Emitting adapter = new Emitting();
    Recording.Builder builder = Recording.builder().storeDirectory(store).adapter(adapter);
    if (!redact) {
      // The runtime redacts by default; the control run turns every detector off, explicitly.
      builder.redactor(() -> Redactor.builder().only().build());
    }
    try (Recording recording = builder.start()) {
      CaptureContext ctx = adapter.context.get();
      Source mail = Source.newBuilder().setAppId("thunderbird").setWindowTitle("Inbox - " + EMAIL + " - Mail").build();
      ctx.emitter().emit(Action.newBuilder().setSource(mail).setTarget(Target.newBuilder().setRole("button").setName("Reply"))
          .setInvoke(dev.understudy.proto.v1.Invoke.getDefaultInstance()).build());
      ctx.emitter().emit(Action.newBuilder().setNavigate(Navigate.newBuilder()
          .setUrl("https://deploy:" + URL_PASSWORD + "@ci.example.com/run?id=7&access_token=" + URL_TOKEN)).build());
      ctx.emitter().emit(Action.newBuilder().setTarget(Target.newBuilder().setRole("document").setName(".env"))
          .setTextEdit(TextEdit.newBuilder().setText("AWS_ACCESS_KEY_ID=" + AWS_KEY + "\nGH_TOKEN=" + GITHUB)).build());
      ctx.emitter().emit(Action.newBuilder().setTarget(Target.newBuilder().setRole("textbox").setName("Recipient")
              .addLocators(Locator.newBuilder().setTestId("to"))
              .addLocators(Locator.newBuilder().setCss("input[value='" + EMAIL + "']")))
          .setValueChange(ValueChange.newBuilder().setValue("")).build());
      ctx.emitter().emit(Action.newBuilder().setTarget(Target.newBuilder().setRole("textbox").setName("Card number"))
          .setValueChange(ValueChange.newBuilder().setValue(CARD)).build());
      ctx.emitter().emit(Action.newBuilder().setFileEvent(FileEvent.newBuilder()
          .setPath("/home/lena/keys/" + AWS_KEY + ".csv")).build());
      assertThat(recording.flush(Duration.ofSeconds(5))).isTrue();
      return recording.sessionIdText();
    }
  }

  private static List<Action> read(Path store, String id) throws Exception {
    try (SessionReader reader = SessionStore.open(store).reader(SessionId.parse(id))) {
      return reader.readAll();
    }
  }

  /** Every secret whose UTF-8 bytes occur in some file under the directory. */
  private static Set<String> secretsFoundUnder(Path dir) throws Exception {
    Set<String> found = new java.util.TreeSet<>();
    List<Path> files = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.filter(Files::isRegularFile).forEach(files::add);
    }
    assertThat(files).isNotEmpty();
    for (Path f : files) {
      byte[] bytes = Files.readAllBytes(f);
      for (String s : SECRETS) {
        if (indexOf(bytes, s.getBytes(StandardCharsets.UTF_8)) >= 0) {
          found.add(s);
        }
      }
    }
    return found;
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  /** An adapter that hands its context to the test, declaring every kind of content it emits. */
  private static final class Emitting implements AdapterProvider {
    final AtomicReference<CaptureContext> context = new AtomicReference<>();

    @Override
    public String name() {
      return "emitting";
    }

    @Override
    public Set<Capability> capabilities() {
      return EnumSet.of(Capability.CAPABILITY_INTERACTIONS, Capability.CAPABILITY_TEXT_CONTENT,
          Capability.CAPABILITY_TITLES, Capability.CAPABILITY_FILE_NAMES);
    }

    @Override
    public Adapter create(PluginConfig config) {
      return new Adapter() {
        @Override
        public void start(CaptureContext ctx) {
          context.set(ctx);
        }

        @Override
        public void stop() {}
      };
    }
  }
}
