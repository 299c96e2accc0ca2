package dev.understudy.bench;

import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.ContextElement;
import dev.understudy.proto.v1.Focus;
import dev.understudy.proto.v1.Invoke;
import dev.understudy.proto.v1.InvokeMethod;
import dev.understudy.proto.v1.Locator;
import dev.understudy.proto.v1.Source;
import dev.understudy.proto.v1.Target;
import dev.understudy.proto.v1.ValueChange;
import dev.understudy.proto.v1.ValueKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The actions every benchmark writes, built once from a fixed seed: what a browser adapter would emit
 * while a person works through a few forms of a web application.
 *
 * <p>{@value #WINDOWS} windows, each holding one form with {@value #BUTTONS_PER_FORM} buttons and
 * {@value #FIELDS_PER_FORM} text fields ({@value #TARGETS} targets in all). The person mostly stays in
 * a window (it changes with probability 1 in 10 per action). Of the actions, 70% are clicks on a
 * button ({@code invoke}, method {@code CLICK}), 20% are typing coalesced into a field's new value
 * ({@code value_change}) and 10% are focus moves into a field ({@code focus}, with the previously
 * focused field).
 *
 * <p>Each target has a role, an accessible name, a test-id locator and a CSS locator (each with its
 * match count), the role+name match count and the enclosing form. The source has the application and
 * the window title; the adapter id and version are the runtime's to add. The actions carry no time:
 * the runtime (or a peer writer) stamps the time it receives them, as it does when an adapter leaves
 * the time to it. Immutable; any thread.
 */
public final class Workload implements Actions {

  /** The workload's seed. */
  public static final long SEED = 20_240_701L;
  /** Windows (forms) in the workload: {@value}. */
  public static final int WINDOWS = 4;
  /** Buttons per form: {@value}. */
  public static final int BUTTONS_PER_FORM = 8;
  /** Text fields per form: {@value}. */
  public static final int FIELDS_PER_FORM = 4;
  /** Distinct targets: {@value}. */
  public static final int TARGETS = WINDOWS * (BUTTONS_PER_FORM + FIELDS_PER_FORM);

  private static final String[] FORMS = {"New order", "Customer", "Invoice", "Shipment"};
  private static final String[] BUTTONS = {
    "Save", "Save and close", "Cancel", "Add line", "Remove line", "Apply discount", "Print", "Submit"
  };
  private static final String[] FIELDS = {"Reference", "Company", "Contact email", "Notes"};
  private static final String[] WORDS = {
    "ACME", "Globex", "Initech", "Umbrella", "Hooli", "urgent", "repeat order", "net 30", "call back",
    "pallet", "express", "Lyon", "Berlin", "Rotterdam", "confirmed"
  };

  private final Action[] actions;
  private final Kind[] kinds;

  /** What a workload action is. */
  public enum Kind {
    CLICK,
    TYPING,
    FOCUS
  }

  private Workload(Action[] actions, Kind[] kinds) {
    this.actions = actions;
    this.kinds = kinds;
  }

  /** {@code count} actions from {@link #SEED}. The same count always gives the same actions. */
  public static Workload generate(int count) {
    if (count < 1) {
      throw new IllegalArgumentException("count must be at least 1, got " + count);
    }
    Random random = new Random(SEED);
    Source[] windows = new Source[WINDOWS];
    List<List<Target>> buttons = new ArrayList<>();
    List<List<Target>> fields = new ArrayList<>();
    for (int w = 0; w < WINDOWS; w++) {
      String form = FORMS[w];
      windows[w] = Source.newBuilder()
          .setAppId("chromium")
          .setWindowTitle(form + " - Example CRM - Chromium")
          .build();
      List<Target> b = new ArrayList<>();
      for (String name : BUTTONS) {
        b.add(target(form, "button", name, "button"));
      }
      buttons.add(b);
      List<Target> f = new ArrayList<>();
      for (String name : FIELDS) {
        f.add(target(form, "textbox", name, "input"));
      }
      fields.add(f);
    }
    Action[] actions = new Action[count];
    Kind[] kinds = new Kind[count];
    int window = 0;
    Target focused = fields.get(0).get(0);
    Target lastTyped = null;
    for (int i = 0; i < count; i++) {
      if (random.nextInt(10) == 0) {
        window = random.nextInt(WINDOWS);
      }
      Action.Builder a = Action.newBuilder().setSource(windows[window]);
      int roll = random.nextInt(10);
      if (roll < 7) {
        kinds[i] = Kind.CLICK;
        a.setTarget(buttons.get(window).get(random.nextInt(BUTTONS_PER_FORM)))
            .setInvoke(Invoke.newBuilder().setMethod(InvokeMethod.INVOKE_METHOD_CLICK));
      } else if (roll < 9) {
        kinds[i] = Kind.TYPING;
        String value = WORDS[random.nextInt(WORDS.length)] + " " + (1000 + random.nextInt(9000));
        int field = random.nextInt(FIELDS_PER_FORM);
        // Adapters emit one value change per edit of a field, so two in a row are two fields (the
        // runtime would rightly join two changes of one field into one).
        if (i > 0 && kinds[i - 1] == Kind.TYPING && fields.get(window).get(field).equals(lastTyped)) {
          field = (field + 1) % FIELDS_PER_FORM;
        }
        lastTyped = fields.get(window).get(field);
        a.setTarget(lastTyped)
            .setValueChange(ValueChange.newBuilder().setValue(value).setValueKind(ValueKind.VALUE_KIND_TEXT));
      } else {
        kinds[i] = Kind.FOCUS;
        Target next = fields.get(window).get(random.nextInt(FIELDS_PER_FORM));
        a.setTarget(next)
            .setFocus(Focus.newBuilder().setPreviousRole(focused.getRole()).setPreviousName(focused.getName()));
        focused = next;
      }
      actions[i] = a.build();
    }
    return new Workload(actions, kinds);
  }

  private static Target target(String form, String role, String name, String element) {
    String slug = (form + "-" + name).toLowerCase(java.util.Locale.ROOT).replace(' ', '-');
    String formId = form.toLowerCase(java.util.Locale.ROOT).replace(' ', '-') + "-form";
    return Target.newBuilder()
        .setRole(role)
        .setName(name)
        .setRoleNameMatchCount(1)
        .addLocators(Locator.newBuilder().setTestId(slug).setMatchCount(1))
        .addLocators(Locator.newBuilder()
            .setCss("#" + formId + " > div.form-row > " + element + "[data-testid=\"" + slug + "\"]")
            .setMatchCount(1))
        .addContext(ContextElement.newBuilder().setRole("form").setName(form))
        .build();
  }

  @Override
  public int size() {
    return actions.length;
  }

  /** The i-th action, unstamped, as an adapter emits it. The same object on every call. */
  @Override
  public Action action(int i) {
    return actions[i];
  }

  /** What the i-th action is. */
  public Kind kind(int i) {
    return kinds[i];
  }
}
