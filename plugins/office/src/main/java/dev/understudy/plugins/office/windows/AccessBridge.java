package dev.understudy.plugins.office.windows;

import com.sun.jna.Callback;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Structure;
import com.sun.jna.WString;
import com.sun.jna.platform.win32.WinDef.HWND;

/**
 * The calls the {@code jab} backend makes into {@code WindowsAccessBridge-64.dll} (the Java Access
 * Bridge that ships with every JDK and JRE for Windows; enable it with {@code jabswitch -enable}).
 * Java objects are 64-bit handles ({@code JOBJECT64}); virtual machine ids are 32-bit. Callbacks come
 * on the thread that called {@link #Windows_run}, which must pump window messages.
 *
 * <p>Not verified on Windows: written against the Access Bridge API documentation and headers.
 */
interface AccessBridge extends Library {
  /** {@code MAX_STRING_SIZE}. */
  int MAX_STRING = 1024;
  /** {@code SHORT_STRING_SIZE}. */
  int SHORT_STRING = 256;

  static AccessBridge load() {
    return Native.load("WindowsAccessBridge-64", AccessBridge.class);
  }

  void Windows_run();

  void setFocusGainedFP(EventCallback fp);

  void setMenuSelectedFP(EventCallback fp);

  void setPropertyTextChangeFP(EventCallback fp);

  void setPropertyStateChangeFP(PropertyChangeCallback fp);

  void setPropertyValueChangeFP(PropertyChangeCallback fp);

  void setJavaShutdownFP(ShutdownCallback fp);

  boolean getAccessibleContextInfo(int vmId, long context, AccessibleContextInfo info);

  long getAccessibleParentFromContext(int vmId, long context);

  long getTopLevelObject(int vmId, long context);

  HWND getHWNDFromAccessibleContext(int vmId, long context);

  boolean getAccessibleTextInfo(int vmId, long context, AccessibleTextInfo info, int x, int y);

  boolean getAccessibleTextRange(int vmId, long context, int start, int end, char[] text, short length);

  void releaseJavaObject(int vmId, long object);

  /** {@code (long vmID, JOBJECT64 event, JOBJECT64 source)}. */
  interface EventCallback extends Callback {
    void invoke(int vmId, long event, long source);
  }

  /** {@code (long vmID, JOBJECT64 event, JOBJECT64 source, wchar_t *old, wchar_t *new)}. */
  interface PropertyChangeCallback extends Callback {
    void invoke(int vmId, long event, long source, WString oldValue, WString newValue);
  }

  /** {@code (long vmID)}. */
  interface ShutdownCallback extends Callback {
    void invoke(int vmId);
  }

  /** {@code AccessibleContextInfo}. */
  @Structure.FieldOrder({"name", "description", "role", "role_en_US", "states", "states_en_US", "indexInParent",
      "childrenCount", "x", "y", "width", "height", "accessibleComponent", "accessibleAction", "accessibleSelection",
      "accessibleText", "accessibleInterfaces"})
  final class AccessibleContextInfo extends Structure {
    public char[] name = new char[MAX_STRING];
    public char[] description = new char[MAX_STRING];
    public char[] role = new char[SHORT_STRING];
    public char[] role_en_US = new char[SHORT_STRING];
    public char[] states = new char[SHORT_STRING];
    public char[] states_en_US = new char[SHORT_STRING];
    public int indexInParent;
    public int childrenCount;
    public int x;
    public int y;
    public int width;
    public int height;
    public int accessibleComponent;
    public int accessibleAction;
    public int accessibleSelection;
    public int accessibleText;
    public int accessibleInterfaces;
  }

  /** {@code AccessibleTextInfo}. */
  @Structure.FieldOrder({"charCount", "caretIndex", "indexAtPoint"})
  final class AccessibleTextInfo extends Structure {
    public int charCount;
    public int caretIndex;
    public int indexAtPoint;
  }
}
