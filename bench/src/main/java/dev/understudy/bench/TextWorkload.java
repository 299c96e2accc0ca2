package dev.understudy.bench;

import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.ContextElement;
import dev.understudy.proto.v1.EditOperation;
import dev.understudy.proto.v1.FileEvent;
import dev.understudy.proto.v1.FileOperation;
import dev.understudy.proto.v1.Focus;
import dev.understudy.proto.v1.Invoke;
import dev.understudy.proto.v1.InvokeMethod;
import dev.understudy.proto.v1.Locator;
import dev.understudy.proto.v1.Navigate;
import dev.understudy.proto.v1.NavigationType;
import dev.understudy.proto.v1.Selection;
import dev.understudy.proto.v1.Source;
import dev.understudy.proto.v1.Target;
import dev.understudy.proto.v1.TextEdit;
import dev.understudy.proto.v1.TextPosition;
import dev.understudy.proto.v1.TextRange;
import dev.understudy.proto.v1.ValueChange;
import dev.understudy.proto.v1.ValueKind;
import dev.understudy.proto.v1.WindowRef;
import dev.understudy.proto.v1.WindowSwitch;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Random;

/**
 * Realistic action text for the redaction benchmark, built once from a fixed seed: a person moving
 * between mail, a word processor, a spreadsheet, a code editor, a terminal, a pull request, an issue
 * tracker, a CRM and a payment provider's API-key settings, in English, German, French, Spanish,
 * Japanese and Russian.
 *
 * <p>{@value #WINDOWS} windows, each with its application, window title ("Inbox (3) -
 * lena.vogel@example.de - Mail", "report-q3.odt - LibreOffice Writer", "Pull request #1423 ·
 * acme/billing - Chromium") and document (a URL with a query string, or a file URL), and its own
 * buttons and fields (web targets with a test-id and a CSS locator, desktop targets with an
 * accessibility path; all with their enclosing form or toolbar). The kinds, per action:
 *
 * <ul>
 *   <li>40% clicks ({@code invoke}) on one of the window's buttons;
 *   <li>18% typed values ({@code value_change}): names, addresses, numbers, dates, formulas, search
 *       queries, sentences in six languages;
 *   <li>12% text edits ({@code text_edit} inserts): code and shell lines in the editor and terminal
 *       (hashes and UUIDs among them), prose elsewhere;
 *   <li>12% navigations ({@code navigate}: URLs with query strings and fragments) in browser windows,
 *       file events ({@code file_event}: open, save, download of file paths) in desktop windows;
 *   <li>8% focus moves ({@code focus}) with the previously focused field;
 *   <li>7% window switches ({@code window_switch}, both titles), the only way the window changes;
 *   <li>3% selections ({@code selection}) of prose.
 * </ul>
 *
 * <p>Typed values, edits, selections, URLs and paths come from pools with their numbers drawn at
 * random (amounts, dates, ids, line numbers), so few repeat exactly; window titles, documents and
 * targets repeat from action to action, as they do in real work.
 *
 * <p>What the text carries: each typed value, text edit, navigation, file event or selection carries a
 * secret with probability {@value #SECRET_PERMILLE}/1000 (an API key pasted into the key settings or a
 * {@code .env} line, a GitHub, GitLab, Slack or AWS key in code, a password assignment, a JWT or
 * access token in a URL, credentials in a git URL) and personal data with probability {@value
 * #PII_PERMILLE}/1000 (an e-mail address, phone number, IBAN or payment card number, alone or in a
 * sentence or URL). The mail window's title holds an address, so every action there carries personal
 * data. Over the workload that makes about 2% of actions with a secret and about 10% with personal
 * data ({@link #carries}; {@code TextWorkloadTest} checks the shares and that the redactor finds
 * exactly what each action is labelled with). Keys, card and IBAN numbers are generated with valid
 * formats and checksums; none is real.
 *
 * <p>Adapters emit one value change per edit of a field and text inserts at scattered positions, so
 * the runtime's keystroke coalescing joins none of these actions: every action becomes one record.
 * The last action is a click, so nothing is held back at the end. No action is one the default policy
 * refuses (no password manager, private window, banking URL or key file). Immutable; any thread.
 */
public final class TextWorkload implements Actions {

  /** The workload's seed. */
  public static final long SEED = 20_241_003L;
  /** Chance in 1000 that a text-carrying action holds a secret: {@value}. */
  public static final int SECRET_PERMILLE = 45;
  /** Chance in 1000 that a text-carrying action holds personal data: {@value}. */
  public static final int PII_PERMILLE = 150;
  /** Windows in the workload: {@value}. */
  public static final int WINDOWS = 13;

  /** What a workload action is. */
  public enum Kind {
    CLICK,
    TYPING,
    TEXT_EDIT,
    NAVIGATE,
    FILE_EVENT,
    FOCUS,
    WINDOW_SWITCH,
    SELECTION
  }

  /** What an action's text carries, by construction. */
  public enum Carries {
    NOTHING,
    PERSONAL_DATA,
    SECRET
  }

  /** One application window: its source, buttons, fields, and the kind of text edited in it. */
  private record Window(Source source, boolean web, int weight, boolean titleHasPii, String[] buttons,
      String[] fields, String[] texts, String container) {}

  private static final String[] CODE = {
    "    for (InvoiceLine line¤: invoice.lines()) {",
    "return total.setScale(¤, RoundingMode.HALF_EVEN); // line ¤¤¤",
    "SELECT id, total FROM invoices WHERE customer_id = ? ORDER BY created_at DESC LIMIT ¤¤;",
    "const url = `${base}/v1/invoices?page=${page}&limit=¤¤`;",
    "if err != nil { return fmt.Errorf(\"load invoice %d (step ¤): %w\", id, err) }",
    "// TODO(lena): handle negative quantities before rounding, see BILL-¤¤¤¤",
    "assertThat(invoice.total()).isEqualByComparingTo(\"¤¤¤.¤¤\");",
    "private static final Logger LOG = Logger.getLogger(Invoice.class.getName());",
    "expected sha256 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
    "    \"id\": \"3f2b8c1e-9a4d-4e7b-8c2f-1a5d6e7f8a9b\",",
    "Map<String, List<InvoiceLine>> byCustomer¤ = new HashMap<>(¤¤);",
    "@Test void roundsHalfEvenToTwoDecimals¤() {",
  };
  private static final String[] SHELL = {
    "git checkout -b fix/rounding-invoice-totals-¤¤",
    "mvn -q -B -pl billing -am test -Dtest=InvoiceTest",
    "docker run --rm -p 8080:8080 acme/billing:1.¤.¤",
    "curl -s https://api.example.com/v1/health | jq .status",
    "ls -la ~/src/billing/target/classes | tail -¤¤",
    "git log --oneline -¤¤ && git status",
    "kubectl -n billing logs billing-¤¤¤¤ --tail=¤¤¤",
    "grep -rn \"RoundingMode\" src/main/java | head",
  };
  private static final String[] PROSE = {
    "Revenue grew by ¤¤% compared with the previous quarter, driven by the new subscription plans.",
    "Die Umsätze im dritten Quartal lagen mit ¤,¤ Mio. EUR leicht über dem Plan.",
    "Le comité a validé le budget ; la mise en production est prévue pour le ¤¤ novembre.",
    "El equipo de soporte resolvió ¤¤¤ incidencias en septiembre, un ¤ % más que en agosto.",
    "第3四半期の売上は前年同期比で¤¤%増加しました。",
    "Отчёт за третий квартал (¤¤ страниц) будет готов к пятнице.",
    "Next steps: finalise the pricing page and brief the ¤¤ people in sales on Monday.",
    "Bitte prüft die Zahlen in Tabelle ¤¤ noch einmal, bevor wir sie verschicken.",
  };
  private static final String[] TYPED = {
    "Lena Vogel", "Marc Dupont", "Aiko Tanaka", "José Álvarez García", "Øystein Berg", "Zoë Papadopoulou",
    "Müller GmbH", "ACME Corporation", "Hauptstraße 12, 10115 Berlin", "12 rue de la Paix, 75002 Paris",
    "221B Baker Street, London NW1 6XE", "Calle Mayor 5, 28013 Madrid", "¤¤¤¤.¤¤", "¤¤", "0.¤¤", "¤¤,¤ %",
    "2024-1¤-0¤", "0¤.1¤.2024", "Q¤ 2024", "PO-2024-¤¤¤¤¤", "BILL-¤¤¤¤", "net ¤¤",
    "Re: Meeting on Thursday at 1¤:¤0", "Quarterly figures attached, see slide ¤¤.",
    "Bitte bis Freitag freigeben, danke!", "Merci pour votre retour, je m'en occupe.",
    "Gracias, lo reviso mañana por la mañana.", "明日の会議は10時からです。", "Спасибо, посмотрю завтра.",
    "invoice rounding java bigdecimal", "=SUM(B¤:B¤¤)", "=VLOOKUP(A¤¤;Kunden!A:D;4;0)",
    "Fix rounding in invoice totals", "LGTM, thanks! One nit inline.",
  };
  private static final String[] URLS = {
    "https://mail.example.com/inbox?folder=INBOX&page=¤¤",
    "https://github.com/acme/billing/pull/1¤¤¤/files?diff=split&w=1",
    "https://www.google.com/search?q=java+bigdecimal+rounding+half+even&hl=de&sourceid=chrome",
    "https://crm.example.com/customers/¤¤¤¤¤?tab=contacts&sort=name&dir=asc",
    "https://acme.atlassian.net/browse/BILL-¤¤¤¤?focusedCommentId=¤¤¤¤¤&page=¤",
    "https://docs.example.org/de/handbuch/kapitel-¤.html#abschnitt-¤",
    "https://shop.example.com/products/espresso-machine?variant=¤¤¤¤¤&utm_source=newsletter&utm_medium=email",
    "https://maps.example.com/?q=Hauptstra%C3%9Fe+¤¤,+Berlin&z=1¤",
    "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=¤¤¤s",
    "https://translate.example.com/?sl=de&tl=en&text=Rechnung&op=translate",
  };
  private static final String[] PATHS = {
    "/home/lena/Documents/report-q3.odt",
    "/home/lena/Downloads/Rechnung_2024-10_Müller_GmbH (¤).pdf",
    "C:\\Users\\lena\\Desktop\\Angebot final (2).docx",
    "/home/lena/src/billing/src/main/java/com/acme/billing/Invoice.java",
    "/home/lena/Documents/Budget 2025.ods",
    "/tmp/export-¤¤¤¤¤.csv",
    "/home/lena/Pictures/Bildschirmfoto vom 2024-10-03.png",
  };
  private static final String[] FIRST = {"lena", "marc", "aiko", "jose", "zoe", "oystein", "priya", "tom"};
  private static final String[] LAST = {"vogel", "dupont", "tanaka", "alvarez", "berg", "papadopoulou", "sharma"};
  private static final String[] DOMAINS = {"example.de", "example.fr", "example.com", "mail.example.org"};

  private final Action[] actions;
  private final Kind[] kinds;
  private final Carries[] carries;

  private TextWorkload(Action[] actions, Kind[] kinds, Carries[] carries) {
    this.actions = actions;
    this.kinds = kinds;
    this.carries = carries;
  }

  /** {@code count} actions from {@link #SEED}. The same count always gives the same actions. */
  public static TextWorkload generate(int count) {
    if (count < 1) {
      throw new IllegalArgumentException("count must be at least 1, got " + count);
    }
    return new Generator(new Random(SEED)).run(count);
  }

  @Override
  public int size() {
    return actions.length;
  }

  @Override
  public Action action(int i) {
    return actions[i];
  }

  /** What the i-th action is. */
  public Kind kind(int i) {
    return kinds[i];
  }

  /** What the i-th action's text carries; the redactor must find exactly that. */
  public Carries carries(int i) {
    return carries[i];
  }

  private static Window[] windows() {
    return new Window[] {
      desktop("thunderbird", "Inbox (3) - lena.vogel@example.de - Mail", "imap://lena.vogel@mail.example.de/INBOX", 1, true,
          new String[] {"Reply", "Reply All", "Forward", "Archive", "Delete", "Mark as Read"},
          new String[] {"Search messages", "To", "Subject"}, PROSE, "Message pane"),
      web("Inbox (12) - Example Mail - Chromium", "https://mail.example.com/inbox?folder=INBOX&page=1", 3,
          new String[] {"Compose", "Send", "Reply", "Archive", "Move to", "Snooze"},
          new String[] {"To", "Subject", "Message body", "Search mail"}, PROSE, "Compose"),
      desktop("org.libreoffice.writer", "report-q3.odt - LibreOffice Writer", "file:///home/lena/Documents/report-q3.odt", 3, false,
          new String[] {"Bold", "Italic", "Save", "Insert Table", "Export as PDF", "Track Changes"},
          new String[] {"Font Name", "Font Size", "Find"}, PROSE, "Formatting"),
      web("Pull request #1423 · acme/billing - Chromium", "https://github.com/acme/billing/pull/1423", 3,
          new String[] {"Merge pull request", "Approve", "Comment", "Files changed", "Resolve conversation"},
          new String[] {"Leave a comment", "Filter changed files"}, CODE, "Review"),
      desktop("code", "Invoice.java - billing - Visual Studio Code",
          "file:///home/lena/src/billing/src/main/java/com/acme/billing/Invoice.java", 3, false,
          new String[] {"Run Tests", "Commit", "Format Document", "Go to Definition", "Source Control"},
          new String[] {"Search", "Commit message"}, CODE, "Editor"),
      desktop("org.libreoffice.calc", "Budget 2025.ods - LibreOffice Calc", "file:///home/lena/Documents/Budget%202025.ods", 3, false,
          new String[] {"Sum", "Sort Ascending", "AutoFilter", "Merge Cells", "Format as Currency"},
          new String[] {"Name Box", "Input line"}, PROSE, "Standard"),
      web("Müller GmbH – Customer – Example CRM - Chromium", "https://crm.example.com/customers/48213?tab=contacts&sort=name", 3,
          new String[] {"Save", "Add contact", "New deal", "Log call", "Send quote"},
          new String[] {"Company", "Contact name", "Phone", "Email", "Street address", "Notes"}, PROSE, "Customer"),
      web("API keys – Developers – Dashboard - Chromium", "https://dashboard.example.net/settings/apikeys?mode=live", 3,
          new String[] {"Reveal key", "Roll key", "Create secret key", "Copy", "Save"},
          new String[] {"Key name", "Secret key", "Webhook endpoint"}, CODE, "API keys"),
      web("[BILL-2291] Fix rounding in invoice totals - Jira - Chromium",
          "https://acme.atlassian.net/browse/BILL-2291?focusedCommentId=99812", 3,
          new String[] {"Assign to me", "Start progress", "Done", "Comment", "Watch"},
          new String[] {"Comment", "Summary", "Story points"}, PROSE, "Issue"),
      desktop("org.gnome.Terminal", "lena@workstation: ~/src/billing", "file:///home/lena/src/billing", 3, false,
          new String[] {"New Tab", "Copy", "Paste", "Find"}, new String[] {"Find", "Profile name"}, SHELL, "Terminal"),
      desktop("winword", "Projektplanung Q4.docx - Word", "file:///C:/Users/lena/Documents/Projektplanung%20Q4.docx", 3, false,
          new String[] {"Fett", "Kursiv", "Speichern", "Kommentar einfügen", "Änderungen nachverfolgen"},
          new String[] {"Schriftart", "Suchen"}, PROSE, "Start"),
      web("Compte rendu – réunion d’équipe - Docs - Chromium", "https://docs.example.org/d/compte-rendu-equipe/edit", 3,
          new String[] {"Partager", "Gras", "Insérer un commentaire", "Imprimer"},
          new String[] {"Rechercher", "Titre"}, PROSE, "Document"),
      desktop("notepad", "議事録 2024-10-03 - メモ帳", "file:///C:/Users/lena/Documents/%E8%AD%B0%E4%BA%8B%E9%8C%B2.txt", 3, false,
          new String[] {"保存", "検索", "置換"}, new String[] {"検索する文字列", "置換後の文字列"}, PROSE, "メモ帳"),
    };
  }

  private static Window web(String title, String document, int weight, String[] buttons, String[] fields,
      String[] texts, String container) {
    return new Window(Source.newBuilder().setAppId("chromium").setWindowTitle(title).setDocument(document).build(),
        true, weight, false, buttons, fields, texts, container);
  }

  private static Window desktop(String app, String title, String document, int weight, boolean titleHasPii,
      String[] buttons, String[] fields, String[] texts, String container) {
    return new Window(Source.newBuilder().setAppId(app).setWindowTitle(title).setDocument(document).build(),
        false, weight, titleHasPii, buttons, fields, texts, container);
  }

  /** Makes the actions; one instance per workload. */
  private static final class Generator {
    private final Random random;
    private final Window[] windows = windows();
    private final Target[][] buttons = new Target[WINDOWS][];
    private final Target[][] fields = new Target[WINDOWS][];
    private final Target[] documents = new Target[WINDOWS];
    private int window = 2;
    private Target focused;
    private Target lastTyped;
    private TextPosition lastEditEnd;

    Generator(Random random) {
      this.random = random;
      for (int w = 0; w < WINDOWS; w++) {
        Window win = windows[w];
        buttons[w] = new Target[win.buttons.length];
        for (int b = 0; b < win.buttons.length; b++) {
          buttons[w][b] = target(win, "button", win.buttons[b], "button");
        }
        fields[w] = new Target[win.fields.length];
        for (int f = 0; f < win.fields.length; f++) {
          fields[w][f] = target(win, "textbox", win.fields[f], "input");
        }
        documents[w] = Target.newBuilder().setRole("document").setName(win.source.getWindowTitle()).build();
      }
      focused = fields[window][0];
    }

    TextWorkload run(int count) {
      Action[] actions = new Action[count];
      Kind[] kinds = new Kind[count];
      Carries[] carries = new Carries[count];
      Kind previous = null;
      for (int i = 0; i < count; i++) {
        Kind kind = i == count - 1 ? Kind.CLICK : pickKind();
        Carries content = Carries.NOTHING;
        if (kind != Kind.CLICK && kind != Kind.FOCUS && kind != Kind.WINDOW_SWITCH) {
          int roll = random.nextInt(1000);
          content = roll < SECRET_PERMILLE ? Carries.SECRET
              : roll < SECRET_PERMILLE + PII_PERMILLE ? Carries.PERSONAL_DATA : Carries.NOTHING;
        }
        Action.Builder a = Action.newBuilder();
        switch (kind) {
          case CLICK -> a.setTarget(pick(buttons[window]))
              .setInvoke(Invoke.newBuilder().setMethod(InvokeMethod.INVOKE_METHOD_CLICK));
          case TYPING -> {
            Target field = pick(fields[window]);
            // One value change per edit of a field: two in a row are two fields (else the runtime
            // would rightly join them into one).
            if (previous == Kind.TYPING && field.equals(lastTyped)) {
              field = other(fields[window], field);
            }
            lastTyped = field;
            a.setTarget(field).setValueChange(ValueChange.newBuilder()
                .setValue(typed(content)).setValueKind(ValueKind.VALUE_KIND_TEXT));
          }
          case TEXT_EDIT -> {
            String text = edited(content);
            TextPosition at = TextPosition.newBuilder()
                .setLine(random.nextInt(400)).setCharacter(random.nextInt(60)).build();
            // Scattered inserts: one that starts where the last ended would be joined with it.
            if (previous == Kind.TEXT_EDIT && at.equals(lastEditEnd)) {
              at = at.toBuilder().setLine(at.getLine() + 1).build();
            }
            lastEditEnd = at.toBuilder().setCharacter(at.getCharacter() + text.length()).build();
            a.setTarget(documents[window]).setTextEdit(TextEdit.newBuilder()
                .setOperation(EditOperation.EDIT_OPERATION_INSERT)
                .setRange(TextRange.newBuilder().setStart(at).setEnd(at)).setText(text));
          }
          case NAVIGATE -> a.setNavigate(Navigate.newBuilder().setUrl(url(content))
              .setPreviousUrl(windows[window].source.getDocument()).setNavigationType(NavigationType.NAVIGATION_TYPE_LINK));
          case FILE_EVENT -> a.setFileEvent(FileEvent.newBuilder()
              .setOperation(windows[window].web ? FileOperation.FILE_OPERATION_DOWNLOAD : FileOperation.FILE_OPERATION_SAVE)
              .setPath(path(content)));
          case FOCUS -> {
            Target next = pick(fields[window]);
            a.setTarget(next).setFocus(Focus.newBuilder()
                .setPreviousRole(focused.getRole()).setPreviousName(focused.getName()));
            focused = next;
          }
          case WINDOW_SWITCH -> {
            int from = window;
            window = pickWindow(from);
            focused = fields[window][0];
            a.setWindowSwitch(WindowSwitch.newBuilder()
                .setFrom(WindowRef.newBuilder().setAppId(windows[from].source.getAppId())
                    .setTitle(windows[from].source.getWindowTitle()))
                .setTo(WindowRef.newBuilder().setAppId(windows[window].source.getAppId())
                    .setTitle(windows[window].source.getWindowTitle())));
            if (windows[from].titleHasPii) {
              content = Carries.PERSONAL_DATA;
            }
          }
          case SELECTION -> {
            String text = selected(content);
            a.setTarget(documents[window]).setSelection(Selection.newBuilder().setText(text)
                .addRanges(TextRange.newBuilder()
                    .setStart(TextPosition.newBuilder().setLine(random.nextInt(400)))
                    .setEnd(TextPosition.newBuilder().setLine(random.nextInt(400)).setCharacter(text.length()))));
          }
          default -> throw new AssertionError(kind);
        }
        a.setSource(windows[window].source);
        if (windows[window].titleHasPii && content == Carries.NOTHING) {
          content = Carries.PERSONAL_DATA;
        }
        actions[i] = a.build();
        kinds[i] = kind;
        carries[i] = content;
        previous = kind;
      }
      return new TextWorkload(actions, kinds, carries);
    }

    private Kind pickKind() {
      int r = random.nextInt(100);
      if (r < 40) {
        return Kind.CLICK;
      } else if (r < 58) {
        return Kind.TYPING;
      } else if (r < 70) {
        return Kind.TEXT_EDIT;
      } else if (r < 82) {
        return windows[window].web ? Kind.NAVIGATE : Kind.FILE_EVENT;
      } else if (r < 90) {
        return Kind.FOCUS;
      } else if (r < 97) {
        return Kind.WINDOW_SWITCH;
      }
      return Kind.SELECTION;
    }

    private int pickWindow(int from) {
      int total = 0;
      for (int w = 0; w < WINDOWS; w++) {
        total += w == from ? 0 : windows[w].weight;
      }
      int r = random.nextInt(total);
      for (int w = 0; w < WINDOWS; w++) {
        if (w != from) {
          r -= windows[w].weight;
          if (r < 0) {
            return w;
          }
        }
      }
      throw new AssertionError();
    }

    private String typed(Carries content) {
      switch (content) {
        case SECRET:
          return secret();
        case PERSONAL_DATA:
          return random.nextBoolean() ? personalData() : sentenceWith(personalData());
        default:
          return vary(TYPED);
      }
    }

    private String edited(Carries content) {
      String[] texts = windows[window].texts;
      switch (content) {
        case SECRET:
          return texts == PROSE ? "Zugang fürs Staging: password: " + password() : secretInCode();
        case PERSONAL_DATA:
          return sentenceWith(personalData());
        default:
          return vary(texts);
      }
    }

    private String selected(Carries content) {
      switch (content) {
        case SECRET:
          return secretInCode();
        case PERSONAL_DATA:
          return sentenceWith(personalData());
        default:
          return vary(PROSE);
      }
    }

    private String url(Carries content) {
      switch (content) {
        case SECRET:
          switch (random.nextInt(4)) {
            case 0:
              return "https://api.example.com/v1/export?format=csv&access_token=" + token(32);
            case 1:
              return "https://app.example.com/auth/callback#id_token=" + jwt() + "&state=af0ifjsldkj";
            case 2:
              return "https://accounts.example.com/reset-password?token=" + token(40) + "&lang=de";
            default:
              return "https://ci:" + password() + "@git.example.com/acme/billing.git";
          }
        case PERSONAL_DATA:
          return random.nextBoolean()
              ? "https://mail.example.com/compose?to=" + email() + "&subject=Angebot"
              : "https://crm.example.com/contacts?view=card&email=" + email();
        default:
          return vary(URLS);
      }
    }

    private String path(Carries content) {
      switch (content) {
        case SECRET:
          // A key pasted into a file name: it happens, and the redactor must not care where.
          return "/home/lena/Downloads/export-" + awsKeyId() + ".csv";
        case PERSONAL_DATA:
          return "/home/lena/Documents/Kontakte/" + email() + ".vcf";
        default:
          return vary(PATHS);
      }
    }

    /** An API key as it is pasted into a settings field. */
    private String secret() {
      switch (random.nextInt(8)) {
        case 0:
          return "sk_live_" + token(24);
        case 1:
          return "ghp_" + token(36);
        case 2:
          return awsKeyId();
        case 3:
          return "xoxb-" + digits(11) + "-" + digits(12) + "-" + token(24);
        case 4:
          return "glpat-" + token(20);
        case 5:
          return "AIza" + token(35);
        case 6:
          return "npm_" + token(36);
        default:
          return "SG." + token(22) + "." + token(43);
      }
    }

    /** A secret as it appears in code, configuration or a shell line. */
    private String secretInCode() {
      switch (random.nextInt(5)) {
        case 0:
          return "export GITHUB_TOKEN=ghp_" + token(36);
        case 1:
          return "aws_access_key_id = " + awsKeyId();
        case 2:
          return "STRIPE_SECRET_KEY=sk_live_" + token(24);
        case 3:
          return "spring.datasource.password=" + password();
        default:
          return "curl -H \"Authorization: Bearer " + jwt() + "\" https://api.example.com/v1/me";
      }
    }

    private String personalData() {
      switch (random.nextInt(5)) {
        case 0:
        case 1:
          return email();
        case 2:
          return phone();
        case 3:
          return iban();
        default:
          return card();
      }
    }

    private String sentenceWith(String value) {
      switch (random.nextInt(4)) {
        case 0:
          return "Bitte an " + value + " weiterleiten, danke.";
        case 1:
          return "Please send the signed copy to " + value + " by Friday.";
        case 2:
          return "Merci de confirmer : " + value;
        default:
          return "Datos del cliente: " + value + " (actualizado)";
      }
    }

    private String email() {
      return pick(FIRST) + "." + pick(LAST) + "@" + pick(DOMAINS);
    }

    private String phone() {
      switch (random.nextInt(4)) {
        case 0:
          return "+49 30 " + digits(7);
        case 1:
          return "+33 6 " + digits(2) + " " + digits(2) + " " + digits(2) + " " + digits(2);
        case 2:
          return "(" + (2 + random.nextInt(8)) + digits(2) + ") " + (2 + random.nextInt(8)) + digits(2) + "-" + digits(4);
        default:
          return "0151 " + (1 + random.nextInt(9)) + digits(7);
      }
    }

    /** A German IBAN with valid check digits, written in groups of four. */
    private String iban() {
      String bban = (1 + random.nextInt(9)) + digits(17);
      int check = 98 - mod97(bban + "131400"); // "DE00" moved to the end, D=13, E=14
      String compact = String.format(Locale.ROOT, "DE%02d%s", check, bban);
      StringBuilder grouped = new StringBuilder();
      for (int i = 0; i < compact.length(); i += 4) {
        grouped.append(i == 0 ? "" : " ").append(compact, i, Math.min(compact.length(), i + 4));
      }
      return grouped.toString();
    }

    /** A Visa-like number with a valid Luhn digit, in groups of four. */
    private String card() {
      String body = "4" + digits(14);
      int sum = 0;
      for (int i = body.length() - 1, k = 0; i >= 0; i--, k++) {
        int d = body.charAt(i) - '0';
        if (k % 2 == 0) {
          d *= 2;
          if (d > 9) {
            d -= 9;
          }
        }
        sum += d;
      }
      String n = body + (10 - sum % 10) % 10;
      return n.substring(0, 4) + " " + n.substring(4, 8) + " " + n.substring(8, 12) + " " + n.substring(12);
    }

    private String awsKeyId() {
      StringBuilder b = new StringBuilder("AKIA");
      String chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
      for (int i = 0; i < 16; i++) {
        b.append(chars.charAt(random.nextInt(chars.length())));
      }
      return b.toString();
    }

    private String jwt() {
      String payload = "{\"sub\":\"" + digits(8) + "\",\"name\":\"" + pick(FIRST) + "\",\"iat\":17" + digits(8) + "}";
      return "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9."
          + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8))
          + "." + token(43);
    }

    /** A password as people choose them: a word, digits and a sign, mixed. */
    private String password() {
      String[] words = {"Sommer", "Kaffee", "Blue", "Tiger", "Falke"};
      return pick(words) + token(6) + "!" + digits(2);
    }

    private String token(int length) {
      String chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
      StringBuilder b = new StringBuilder(length);
      for (int i = 0; i < length; i++) {
        b.append(chars.charAt(random.nextInt(chars.length())));
      }
      return b.toString();
    }

    private String digits(int length) {
      StringBuilder b = new StringBuilder(length);
      for (int i = 0; i < length; i++) {
        b.append((char) ('0' + random.nextInt(10)));
      }
      return b.toString();
    }

    private <T> T pick(T[] values) {
      return values[random.nextInt(values.length)];
    }

    /** A text from the pool with each '¤' replaced by a random digit: typed text seldom repeats exactly. */
    private String vary(String[] pool) {
      String text = pick(pool);
      if (text.indexOf('¤') < 0) {
        return text;
      }
      char[] chars = text.toCharArray();
      for (int i = 0; i < chars.length; i++) {
        if (chars[i] == '¤') {
          chars[i] = (char) ('0' + random.nextInt(10));
        }
      }
      return new String(chars);
    }

    private Target other(Target[] values, Target not) {
      for (Target t : values) {
        if (!t.equals(not)) {
          return t;
        }
      }
      throw new AssertionError("a window with one field");
    }

    private static int mod97(String digits) {
      int r = 0;
      for (int i = 0; i < digits.length(); i++) {
        r = (r * 10 + digits.charAt(i) - '0') % 97;
      }
      return r;
    }

    private static Target target(Window win, String role, String name, String element) {
      Target.Builder t = Target.newBuilder().setRole(role).setName(name).setRoleNameMatchCount(1)
          .addContext(ContextElement.newBuilder().setRole(win.web ? "form" : "toolbar").setName(win.container));
      String slug = (win.container + "-" + name).toLowerCase(Locale.ROOT).replace(' ', '-');
      if (win.web) {
        t.addLocators(Locator.newBuilder().setTestId(slug).setMatchCount(1))
            .addLocators(Locator.newBuilder()
                .setCss("#" + win.container.toLowerCase(Locale.ROOT).replace(' ', '-') + " > div.row > " + element
                    + "[data-testid=\"" + slug + "\"]")
                .setMatchCount(1));
      } else {
        t.addLocators(Locator.newBuilder()
            .setAccessibilityPath("/frame[0]/panel[" + win.container + "]/" + (role.equals("button") ? "push button" : "text")
                + "[" + name + "]")
            .setMatchCount(1));
      }
      return t.build();
    }
  }
}
