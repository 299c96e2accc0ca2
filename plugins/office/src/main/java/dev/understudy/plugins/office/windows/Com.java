package dev.understudy.plugins.office.windows;

import com.sun.jna.Callback;
import com.sun.jna.CallbackReference;
import com.sun.jna.Function;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.Guid;
import java.util.Arrays;
import java.util.List;

/**
 * Just enough COM for UI Automation through JNA: calling a method by its index in an interface's
 * virtual table, and a Java object that native code can call as a COM event handler (IUnknown plus
 * one {@code Handle...} method). Not verified on Windows.
 */
final class Com {
  /** {@code S_OK}. */
  static final int S_OK = 0;
  /** {@code E_NOINTERFACE}. */
  static final int E_NOINTERFACE = 0x80004002;
  private static final Guid.GUID IUNKNOWN = Guid.GUID.fromString("{00000000-0000-0000-C000-000000000046}");

  private Com() {}

  /** Calls method {@code index} of the interface {@code object} with these arguments; returns its HRESULT. */
  static int call(Pointer object, int index, Object... args) {
    Pointer vtable = object.getPointer(0);
    // On 64-bit Windows there is one calling convention, the C one (stdcall is only a 32-bit thing).
    Function f = Function.getFunction(vtable.getPointer((long) index * Native.POINTER_SIZE), Function.C_CONVENTION);
    Object[] all = new Object[args.length + 1];
    all[0] = object;
    System.arraycopy(args, 0, all, 1, args.length);
    return f.invokeInt(all);
  }

  /** {@code IUnknown::AddRef}. */
  static void addRef(Pointer object) {
    call(object, 1);
  }

  /** {@code IUnknown::Release}; null is ignored. */
  static void release(Pointer object) {
    if (object != null) {
      call(object, 2);
    }
  }

  /** Fails with the HRESULT in hex when it is not success. */
  static void check(int hresult, String what) {
    if (hresult < 0) {
      throw new IllegalStateException(what + " failed: HRESULT 0x" + Integer.toHexString(hresult));
    }
  }

  /**
   * A COM object implemented in Java: IUnknown (reference counts are ignored: the object lives as long
   * as the backend holds it) and one handler method at index 3. Plain callbacks: on 64-bit Windows
   * COM methods use the one (C) calling convention.
   */
  static final class Handler {
    interface QueryInterface extends Callback {
      int invoke(Pointer self, Pointer iid, Pointer out);
    }

    interface Count extends Callback {
      int invoke(Pointer self);
    }

    private final Memory object = new Memory(Native.POINTER_SIZE);
    private final Memory vtable = new Memory(4L * Native.POINTER_SIZE);
    private final List<Callback> keep;

    Handler(Guid.GUID iid, Callback handle) {
      byte[] mine = iid.toByteArray();
      byte[] unknown = IUNKNOWN.toByteArray();
      QueryInterface qi = (self, riid, out) -> {
        byte[] asked = riid.getByteArray(0, 16);
        if (Arrays.equals(asked, mine) || Arrays.equals(asked, unknown)) {
          out.setPointer(0, self);
          return S_OK;
        }
        out.setPointer(0, null);
        return E_NOINTERFACE;
      };
      Count addRef = self -> 1;
      Count release = self -> 1;
      keep = List.of(qi, addRef, release, handle);
      for (int i = 0; i < keep.size(); i++) {
        vtable.setPointer((long) i * Native.POINTER_SIZE, CallbackReference.getFunctionPointer(keep.get(i)));
      }
      object.setPointer(0, vtable);
    }

    /** The COM interface pointer to hand to native code. */
    Pointer pointer() {
      return object;
    }
  }
}
