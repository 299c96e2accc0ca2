package dev.understudy.plugins.office.windows;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.OleAuto;
import com.sun.jna.platform.win32.WTypes;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads what the {@code uia} backend needs from an {@code IUIAutomationElement}: name, control type,
 * AutomationId, whether it is a password, bounds, process, the value of a field that is not a
 * password, and its ancestors up to the desktop (through the raw-view tree walker). Vtable indices
 * are those of UIAutomationClient.h. Not verified on Windows.
 */
final class UiaElements {
  // IUIAutomationElement
  private static final int GET_CURRENT_PROPERTY_VALUE = 10;
  private static final int PROCESS_ID = 20;
  private static final int CONTROL_TYPE = 21;
  private static final int NAME = 23;
  private static final int AUTOMATION_ID = 29;
  private static final int IS_PASSWORD = 35;
  private static final int BOUNDING_RECTANGLE = 43;
  // IUIAutomationTreeWalker
  private static final int GET_PARENT_ELEMENT = 3;
  /** UIA_ValueValuePropertyId. */
  static final int VALUE_PROPERTY = 30045;
  private static final int MAX_DEPTH = 24;
  private static final short VT_BSTR = 8;
  private static final short VT_I4 = 3;
  private static final short VT_BOOL = 11;
  private static final short VT_R8 = 5;

  private static final Map<Integer, String> CONTROL_TYPES = Map.ofEntries(
      Map.entry(50000, "Button"), Map.entry(50001, "Calendar"), Map.entry(50002, "CheckBox"),
      Map.entry(50003, "ComboBox"), Map.entry(50004, "Edit"), Map.entry(50005, "Hyperlink"), Map.entry(50006, "Image"),
      Map.entry(50007, "ListItem"), Map.entry(50008, "List"), Map.entry(50009, "Menu"), Map.entry(50010, "MenuBar"),
      Map.entry(50011, "MenuItem"), Map.entry(50012, "ProgressBar"), Map.entry(50013, "RadioButton"),
      Map.entry(50014, "ScrollBar"), Map.entry(50015, "Slider"), Map.entry(50016, "Spinner"), Map.entry(50017, "StatusBar"),
      Map.entry(50018, "Tab"), Map.entry(50019, "TabItem"), Map.entry(50020, "Text"), Map.entry(50021, "ToolBar"),
      Map.entry(50022, "ToolTip"), Map.entry(50023, "Tree"), Map.entry(50024, "TreeItem"), Map.entry(50025, "Custom"),
      Map.entry(50026, "Group"), Map.entry(50027, "Thumb"), Map.entry(50028, "DataGrid"), Map.entry(50029, "DataItem"),
      Map.entry(50030, "Document"), Map.entry(50031, "SplitButton"), Map.entry(50032, "Window"), Map.entry(50033, "Pane"),
      Map.entry(50034, "Header"), Map.entry(50035, "HeaderItem"), Map.entry(50036, "Table"), Map.entry(50037, "TitleBar"),
      Map.entry(50038, "Separator"));

  private final Pointer walker;
  private final WindowsProcesses processes;

  UiaElements(Pointer rawViewWalker, WindowsProcesses processes) {
    this.walker = rawViewWalker;
    this.processes = processes;
  }

  /** The element as a {@link NativeElement}; the caller keeps its reference. */
  NativeElement describe(Pointer element) {
    String name = bstr(element, NAME);
    String type = controlType(element);
    String automationId = bstr(element, AUTOMATION_ID);
    boolean password = integer(element, IS_PASSWORD) != 0;
    int pid = integer(element, PROCESS_ID);
    Memory rect = new Memory(16);
    rect.clear();
    int[] bounds = null;
    if (Com.call(element, BOUNDING_RECTANGLE, rect) >= 0) {
      int left = rect.getInt(0);
      int top = rect.getInt(4);
      bounds = new int[] {left, top, rect.getInt(8) - left, rect.getInt(12) - top};
    }
    String value = password ? null : propertyText(element, VALUE_PROPERTY);
    List<NativeElement.Ancestor> ancestors = new ArrayList<>();
    String window = "";
    Pointer at = element;
    Com.addRef(at);
    for (int depth = 0; depth < MAX_DEPTH; depth++) {
      PointerByReference parent = new PointerByReference();
      int hr = Com.call(walker, GET_PARENT_ELEMENT, at, parent);
      Com.release(at);
      at = parent.getValue();
      if (hr < 0 || at == null) {
        break;
      }
      String parentType = controlType(at);
      String parentName = bstr(at, NAME);
      ancestors.add(0, new NativeElement.Ancestor(parentType, parentName));
      if (window.isEmpty() && "Window".equals(parentType)) {
        window = parentName;
      }
    }
    Com.release(at);
    if ("Window".equals(type) && window.isEmpty()) {
      window = name;
    }
    // The desktop (the walk's last step) is no container a person sees.
    if (!ancestors.isEmpty() && "Pane".equals(ancestors.get(0).role())) {
      ancestors.remove(0);
    }
    String id = pid + ":" + type + ":" + automationId + ":" + name + ":" + (bounds == null ? "" : bounds[0] + "," + bounds[1]);
    return new NativeElement(id, type, name, automationId, password, null, bounds, processes.appId(pid), window,
        ancestors, value);
  }

  /** A property's current value as text ("" when it has none or is of another kind). */
  String propertyText(Pointer element, int propertyId) {
    Memory variant = new Memory(24);
    variant.clear();
    if (Com.call(element, GET_CURRENT_PROPERTY_VALUE, propertyId, variant) < 0) {
      return null;
    }
    try {
      return variantText(variant);
    } finally {
      OleAuto.INSTANCE.VariantClear(new com.sun.jna.platform.win32.Variant.VARIANT(variant));
    }
  }

  /** A VARIANT's value as text: strings, 32-bit integers, booleans ("true"/"false") and doubles. */
  static String variantText(Pointer variant) {
    short vt = variant.getShort(0);
    return switch (vt) {
      case VT_BSTR -> {
        Pointer b = variant.getPointer(8);
        yield b == null ? "" : new WTypes.BSTR(b).getValue();
      }
      case VT_I4 -> Integer.toString(variant.getInt(8));
      case VT_BOOL -> variant.getShort(8) != 0 ? "true" : "false";
      case VT_R8 -> Double.toString(variant.getDouble(8));
      default -> "";
    };
  }

  private static String controlType(Pointer element) {
    int id = integer(element, CONTROL_TYPE);
    return CONTROL_TYPES.getOrDefault(id, "Custom");
  }

  private static int integer(Pointer element, int index) {
    IntByReference out = new IntByReference();
    return Com.call(element, index, out) >= 0 ? out.getValue() : 0;
  }

  private static String bstr(Pointer element, int index) {
    PointerByReference out = new PointerByReference();
    if (Com.call(element, index, out) < 0 || out.getValue() == null) {
      return "";
    }
    WTypes.BSTR b = new WTypes.BSTR(out.getValue());
    try {
      return b.getValue();
    } finally {
      OleAuto.INSTANCE.SysFreeString(b);
    }
  }
}
