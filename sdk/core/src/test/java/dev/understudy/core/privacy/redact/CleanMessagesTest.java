package dev.understudy.core.privacy.redact;

import static org.assertj.core.api.Assertions.assertThat;

import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.Invoke;
import dev.understudy.proto.v1.Locator;
import dev.understudy.proto.v1.Source;
import dev.understudy.proto.v1.Target;
import dev.understudy.proto.v1.ValueChange;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Sources and targets found clean are remembered; that must never change what the redactor does. */
class CleanMessagesTest {

  private static final byte[] KEY = "a fixed test key of thirty-two b".getBytes(StandardCharsets.UTF_8);

  private static Redactor redactor() {
    return Redactor.builder().fixedKey(KEY).build();
  }

  @Test
  void aRedactorThatRemembersCleanMessagesGivesWhatAFreshOneGives() {
    Source clean = Source.newBuilder().setAppId("writer").setWindowTitle("report-q3.odt - LibreOffice Writer").build();
    Source dirty = Source.newBuilder().setAppId("mail").setWindowTitle("Inbox - lena.vogel@example.de - Mail").build();
    Target button = Target.newBuilder().setRole("button").setName("Save")
        .addLocators(Locator.newBuilder().setCss("#save").setMatchCount(1)).build();
    Target field = Target.newBuilder().setRole("textbox").setName("Notes").build();
    List<Action> actions = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      Source source = i % 2 == 0 ? clean : dirty;
      // Equal but not the same instance every other time, as adapters that build a target per event do.
      Target target = i % 3 == 0 ? button : button.toBuilder().build();
      actions.add(Action.newBuilder().setSource(source).setTarget(target).setInvoke(Invoke.getDefaultInstance()).build());
      actions.add(Action.newBuilder().setSource(source).setTarget(field)
          .setValueChange(ValueChange.newBuilder().setValue(i % 2 == 0 ? "see you at 10" : "mail me: jo.test@example.org"))
          .build());
    }
    Redactor longLived = redactor();
    for (Action action : actions) {
      assertThat(longLived.apply(action)).isEqualTo(redactor().apply(action));
    }
    // The dirty window title is redacted every time, not only the first.
    assertThat(longLived.apply(actions.get(2)).getSource().getWindowTitle()).matches("Inbox - <EMAIL:[0-9a-f]{8}> - Mail");
    assertThat(longLived.apply(actions.get(2)).getRedactionsList()).isNotEmpty();
  }
}
