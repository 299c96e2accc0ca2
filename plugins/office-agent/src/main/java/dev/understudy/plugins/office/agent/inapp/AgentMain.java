package dev.understudy.plugins.office.agent.inapp;

import java.awt.EventQueue;
import java.awt.GraphicsEnvironment;
import java.awt.Toolkit;
import java.awt.Window;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Field;
import java.security.ProtectionDomain;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Entry point of the Understudy agent: {@code -javaagent:understudy-office-agent.jar[=args]} when the
 * application starts, or {@code VirtualMachine.loadAgent} into a running one (see {@link AgentArgs}
 * for the arguments). It never initializes AWT itself: started with the application it waits until
 * the application loads {@code java.awt.EventQueue} and has created its toolkit, then hooks in on the
 * event thread; attached to a running application it hooks the windows already open.
 *
 * <p>Installing twice (a second attach) only points the agent at the new socket. Nothing thrown here
 * reaches the application: a failure is logged and the application runs on unrecorded.
 */
public final class AgentMain {
  private static final Logger LOG = Logger.getLogger(AgentMain.class.getName());
  /** How often the agent looks whether the application has created its toolkit: {@value} ms. */
  static final long TOOLKIT_POLL_MILLIS = 20;
  private static Outbox outbox;
  private static volatile String appId;

  private AgentMain() {}

  /** Called by the JVM before the application's main method. */
  public static void premain(String args, Instrumentation inst) {
    install(args, inst, "premain");
  }

  /** Called by the JVM when the agent is loaded into a running application. */
  public static void agentmain(String args, Instrumentation inst) {
    install(args, inst, "agentmain");
  }

  private static synchronized void install(String rawArgs, Instrumentation inst, String how) {
    try {
      AgentArgs args = AgentArgs.parse(rawArgs);
      if (outbox != null) {
        outbox.retarget(args.socket());
        return;
      }
      appId = args.app();
      outbox = new Outbox(args.socket(), args.queue(), () -> hello(how));
      outbox.start();
      Outbox box = outbox;
      AtomicBoolean hooked = new AtomicBoolean();
      Runnable hook = () -> {
        if (hooked.compareAndSet(false, true) && !GraphicsEnvironment.isHeadless()) {
          awaitToolkit(inst);
          EventQueue.invokeLater(() -> {
            if (appId == null) {
              appId = AppIds.current(inst);
            }
            new SwingHooks(box, () -> appId).install();
          });
        }
      };
      if (awtLoaded(inst)) {
        startThread(hook);
      } else {
        inst.addTransformer(new AwtWatch(inst, hook));
      }
      LOG.config(() -> "Understudy agent (" + how + "): sends to " + args.socket() + " while a recorder listens there");
    } catch (RuntimeException | LinkageError e) {
      LOG.log(Level.WARNING, "Understudy agent did not start; the application runs unrecorded", e);
    }
  }

  private static String hello(String how) {
    return Json.object().put("type", "hello").put("version", Wire.VERSION).put("pid", ProcessHandle.current().pid())
        .put("java", System.getProperty("java.version")).put("how", how).put("app", appId).toString();
  }

  private static void startThread(Runnable r) {
    Thread t = new Thread(r, "understudy-agent-install");
    t.setDaemon(true);
    t.start();
  }

  /**
   * Waits until the application has created its toolkit. The agent must not be the one to create it:
   * the X11 toolkit names the application (WM_CLASS) after the class at the bottom of the creating
   * thread's stack, and the agent would rename every window of the application.
   */
  private static void awaitToolkit(Instrumentation inst) {
    Field field;
    try {
      Module desktop = Toolkit.class.getModule();
      Module mine = AgentMain.class.getModule();
      if (!desktop.isOpen("java.awt", mine)) {
        inst.redefineModule(desktop, Set.of(), Map.of(), Map.of("java.awt", Set.of(mine)), Set.of(), Map.of());
      }
      field = Toolkit.class.getDeclaredField("toolkit");
      field.setAccessible(true);
    } catch (ReflectiveOperationException | RuntimeException e) {
      field = null;
    }
    while (true) {
      try {
        if (field != null ? field.get(null) != null : Window.getWindows().length > 0) {
          return;
        }
        Thread.sleep(TOOLKIT_POLL_MILLIS);
      } catch (IllegalAccessException e) {
        field = null;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static boolean awtLoaded(Instrumentation inst) {
    for (Class<?> c : inst.getAllLoadedClasses()) {
      if (c.getName().equals("java.awt.EventQueue")) {
        return true;
      }
    }
    return false;
  }

  /** Notices the application starting AWT, hooks in from a thread of its own, and removes itself. */
  private static final class AwtWatch implements ClassFileTransformer {
    private final Instrumentation inst;
    private final Runnable hook;
    private final AtomicBoolean seen = new AtomicBoolean();

    AwtWatch(Instrumentation inst, Runnable hook) {
      this.inst = inst;
      this.hook = hook;
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> redefined, ProtectionDomain domain,
        byte[] classfile) {
      if ("java/awt/EventQueue".equals(className) && seen.compareAndSet(false, true)) {
        // Not here: the class is still being defined. A new thread waits for it to be usable.
        startThread(() -> {
          inst.removeTransformer(this);
          hook.run();
        });
      }
      return null;
    }
  }
}
