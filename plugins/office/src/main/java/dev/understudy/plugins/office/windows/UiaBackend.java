package dev.understudy.plugins.office.windows;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.Guid;
import com.sun.jna.platform.win32.WTypes;
import com.sun.jna.platform.win32.Ole32;
import com.sun.jna.ptr.PointerByReference;
import com.sun.jna.Callback;
import dev.understudy.api.CaptureContext;
import dev.understudy.api.PluginConfig;
import dev.understudy.plugins.office.Backend;
import dev.understudy.plugins.office.BackendException;
import dev.understudy.plugins.office.a11y.EventPump;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The {@value #NAME} backend: any Windows application through UI Automation. One thread joins the
 * multithreaded COM apartment, creates {@code CUIAutomation} and registers three handlers on the
 * desktop's whole subtree: focus changes; Invoke_Invoked and Window_WindowOpened; and property
 * changes of ToggleState, Value, SelectionItem.IsSelected and ExpandCollapseState. UI Automation calls
 * the handlers on threads of its own; each describes its element right there (never reading a
 * password's value) and hands the event to an {@link EventPump}; translation is
 * {@link UiaTranslator}'s. On stop every handler is removed before COM is released.
 *
 * <p><b>Not verified on Windows.</b> The translation is tested on fixtures; this native layer is
 * written against UIAutomationClient.h and has not run on a Windows machine. On other systems
 * {@link #start} fails saying so.
 */
public final class UiaBackend implements Backend {
  private static final Logger LOG = Logger.getLogger(UiaBackend.class.getName());
  /** The backend's name in {@code adapter.office.backends}. */
  public static final String NAME = "uia";

  private static final Guid.GUID CLSID_CUIAUTOMATION = Guid.GUID.fromString("{FF48DBA4-60EF-4201-AA87-54103EEF594E}");
  private static final Guid.GUID IID_IUIAUTOMATION = Guid.GUID.fromString("{30CBE57D-D9D0-452A-AB13-7AC5AC4825EE}");
  private static final Guid.GUID IID_FOCUS_HANDLER = Guid.GUID.fromString("{C270F6B5-5C69-4290-9745-7A7F97169468}");
  private static final Guid.GUID IID_EVENT_HANDLER = Guid.GUID.fromString("{146C3C17-F12E-4E22-8C27-F894B9B79C69}");
  private static final Guid.GUID IID_PROPERTY_HANDLER = Guid.GUID.fromString("{40CD37D4-C756-4B0C-8C6F-BDDFEEB13B50}");
  // IUIAutomation
  private static final int GET_ROOT_ELEMENT = 5;
  private static final int GET_RAW_VIEW_WALKER = 16;
  private static final int ADD_AUTOMATION_EVENT_HANDLER = 32;
  private static final int ADD_PROPERTY_CHANGED_HANDLER_NATIVE_ARRAY = 34;
  private static final int ADD_FOCUS_CHANGED_HANDLER = 39;
  private static final int REMOVE_ALL_EVENT_HANDLERS = 41;
  /** TreeScope_Subtree. */
  private static final int SUBTREE = 7;
  /** COINIT_MULTITHREADED. */
  private static final int MULTITHREADED = 0;
  private static final int[] PROPERTIES = {UiaTranslator.TOGGLE_STATE, UiaTranslator.VALUE, UiaTranslator.IS_SELECTED,
      UiaTranslator.EXPAND_COLLAPSE};

  /** {@code HandleFocusChangedEvent(this, sender)}. */
  interface FocusCallback extends Callback {
    int invoke(Pointer self, Pointer sender);
  }

  /** {@code HandleAutomationEvent(this, sender, eventId)}. */
  interface EventCallback extends Callback {
    int invoke(Pointer self, Pointer sender, int eventId);
  }

  /** {@code HandlePropertyChangedEvent(this, sender, propertyId, VARIANT newValue)}: a VARIANT goes by reference on x64. */
  interface PropertyCallback extends Callback {
    int invoke(Pointer self, Pointer sender, int propertyId, Pointer newValue);
  }

  private final int capacity;
  private final WindowsProcesses processes = new WindowsProcesses();
  private final CountDownLatch stopping = new CountDownLatch(1);
  private volatile EventPump<NativeEvent> pump;
  private volatile UiaElements elements;
  private volatile CaptureContext context;
  private NativeThread thread;

  /** A backend configured from the office adapter's configuration. */
  public UiaBackend(PluginConfig config) {
    this.capacity = WindowsBackends.capacity(config);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void start(CaptureContext ctx) throws BackendException {
    WindowsBackends.requireWindows(NAME, "applications through UI Automation");
    context = ctx;
    UiaTranslator translator = new UiaTranslator(TimeUnit.MILLISECONDS.toNanos(WindowsBackends.TEXT_IDLE_MILLIS));
    pump = new EventPump<>("UI Automation", capacity, ctx,
        WindowsBackends.translator(translator::translate, translator::idle, translator::finish));
    pump.start();
    thread = new NativeThread("understudy-uia", "UI Automation");
    thread.start(this::run);
  }

  private void run(CompletableFuture<Void> ready) {
    Pointer automation = null;
    Pointer root = null;
    Pointer walker = null;
    try {
      Com.check(Ole32.INSTANCE.CoInitializeEx(null, MULTITHREADED).intValue(), "CoInitializeEx");
      PointerByReference out = new PointerByReference();
      Com.check(Ole32.INSTANCE.CoCreateInstance(CLSID_CUIAUTOMATION, null, WTypes.CLSCTX_INPROC_SERVER,
          IID_IUIAUTOMATION, out).intValue(), "CoCreateInstance(CUIAutomation)");
      automation = out.getValue();
      Com.check(Com.call(automation, GET_ROOT_ELEMENT, out), "GetRootElement");
      root = out.getValue();
      Com.check(Com.call(automation, GET_RAW_VIEW_WALKER, out), "get_RawViewWalker");
      walker = out.getValue();
      elements = new UiaElements(walker, processes);
      Com.Handler focus = new Com.Handler(IID_FOCUS_HANDLER, (FocusCallback) (self, sender) -> handle("FocusChanged", null, sender));
      Com.Handler events = new Com.Handler(IID_EVENT_HANDLER,
          (EventCallback) (self, sender, id) -> handle("Automation:" + id, null, sender));
      Com.Handler properties = new Com.Handler(IID_PROPERTY_HANDLER,
          (PropertyCallback) (self, sender, id, value) -> handle("Property:" + id, UiaElements.variantText(value), sender));
      Com.check(Com.call(automation, ADD_FOCUS_CHANGED_HANDLER, Pointer.NULL, focus.pointer()), "AddFocusChangedEventHandler");
      for (int event : new int[] {UiaTranslator.INVOKE_INVOKED, UiaTranslator.WINDOW_OPENED}) {
        Com.check(Com.call(automation, ADD_AUTOMATION_EVENT_HANDLER, event, root, SUBTREE, Pointer.NULL, events.pointer()),
            "AddAutomationEventHandler(" + event + ")");
      }
      Memory ids = new Memory(4L * PROPERTIES.length);
      ids.write(0, PROPERTIES, 0, PROPERTIES.length);
      Com.check(Com.call(automation, ADD_PROPERTY_CHANGED_HANDLER_NATIVE_ARRAY, root, SUBTREE, Pointer.NULL,
          properties.pointer(), ids, PROPERTIES.length), "AddPropertyChangedEventHandlerNativeArray");
      ready.complete(null);
      stopping.await();
      // The handler objects stay reachable until here: UI Automation may call them until removed.
      Com.call(automation, REMOVE_ALL_EVENT_HANDLERS);
      LOG.fine(() -> "UI Automation handlers removed: " + focus + events + properties);
    } catch (RuntimeException | LinkageError e) {
      ready.completeExceptionally(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      Com.release(walker);
      Com.release(root);
      Com.release(automation);
      try {
        Ole32.INSTANCE.CoUninitialize();
      } catch (RuntimeException | LinkageError e) {
        LOG.log(Level.FINE, "CoUninitialize", e);
      }
    }
  }

  // On a UI Automation thread: describe now (the element is only lent for the call), then queue.
  private int handle(String type, String newValue, Pointer sender) {
    try {
      UiaElements e = elements;
      EventPump<NativeEvent> p = pump;
      if (e == null || p == null || sender == null) {
        return Com.S_OK;
      }
      NativeElement element = e.describe(sender);
      p.offer(new NativeEvent(type, null, element.password() ? null : newValue, element, context.clock().nowUnixNanos()));
    } catch (RuntimeException ex) {
      EventPump<NativeEvent> p = pump;
      if (p != null) {
        p.lose("UI Automation element vanished before it could be described");
      }
    }
    return Com.S_OK;
  }

  @Override
  public void stop() {
    if (thread != null) {
      thread.stop(stopping::countDown);
      thread = null;
    }
    if (pump != null) {
      pump.stop();
      pump = null;
    }
  }
}
