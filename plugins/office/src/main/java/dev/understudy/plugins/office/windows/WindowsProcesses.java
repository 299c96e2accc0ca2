package dev.understudy.plugins.office.windows;

import com.sun.jna.platform.win32.Kernel32Util;
import com.sun.jna.platform.win32.User32;
import com.sun.jna.platform.win32.WinDef.HWND;
import com.sun.jna.ptr.IntByReference;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The application id of a Windows process: its executable's file name ("EXCEL.EXE"), what the
 * policy's app lists match. Cached per process id. Not verified on Windows.
 */
final class WindowsProcesses {
  private final Map<Integer, String> names = new ConcurrentHashMap<>();

  /** The executable name of a process, or "" when it cannot be read (another user's, gone). */
  String appId(int pid) {
    return names.computeIfAbsent(pid, p -> {
      try {
        String path = Kernel32Util.QueryFullProcessImageName(p, 0);
        int slash = Math.max(path.lastIndexOf('\\'), path.lastIndexOf('/'));
        return path.substring(slash + 1);
      } catch (RuntimeException e) {
        return "";
      }
    });
  }

  /** The executable name of the process owning a window. */
  String appIdOfWindow(HWND window) {
    if (window == null) {
      return "";
    }
    IntByReference pid = new IntByReference();
    User32.INSTANCE.GetWindowThreadProcessId(window, pid);
    return pid.getValue() == 0 ? "" : appId(pid.getValue());
  }
}
