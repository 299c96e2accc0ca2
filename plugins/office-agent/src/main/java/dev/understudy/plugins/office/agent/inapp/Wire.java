package dev.understudy.plugins.office.agent.inapp;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * The local protocol between the agent (inside the Swing application) and the office adapter's
 * {@code agent} backend (inside the recorder): a Unix-domain stream socket carrying frames of a 4-byte
 * big-endian length followed by that many bytes of UTF-8 JSON, one object per frame.
 *
 * <p>The agent connects and sends {@code {"type":"hello",...}}; the backend answers with one
 * {@code {"type":"config",...}} frame; from then on the agent sends {@code event} and {@code loss}
 * frames only. The socket lives in a directory only its owner can enter, so only the person's own
 * processes can speak to the recorder.
 *
 * <p>Stateless and thread-safe.
 */
public final class Wire {
  /** Protocol version the agent sends in its hello: {@value}. */
  public static final int VERSION = 1;
  /** Largest frame either side accepts: {@value} bytes (an accessibility snapshot is the largest). */
  public static final int MAX_FRAME_BYTES = 4 << 20;
  /** File name of the backend's socket in its directory: {@value}. */
  public static final String SOCKET_FILE = "office-agent.sock";

  private Wire() {}

  /**
   * Where the backend listens when nobody says otherwise: {@code $XDG_RUNTIME_DIR/understudy/}
   * {@value #SOCKET_FILE}, or {@code <java.io.tmpdir>/understudy-<user>/}{@value #SOCKET_FILE} when
   * there is no runtime directory.
   */
  public static Path defaultSocket(Map<String, String> env, String tmpDir, String user) {
    String runtime = env.get("XDG_RUNTIME_DIR");
    if (runtime != null && !runtime.isBlank()) {
      return Path.of(runtime, "understudy", SOCKET_FILE);
    }
    return Path.of(tmpDir, "understudy-" + user, SOCKET_FILE);
  }

  /** {@link #defaultSocket(Map, String, String)} for this process. */
  public static Path defaultSocket() {
    return defaultSocket(System.getenv(), System.getProperty("java.io.tmpdir"), System.getProperty("user.name"));
  }

  /** Writes one frame (does not flush). */
  public static void writeFrame(OutputStream out, String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    if (body.length > MAX_FRAME_BYTES) {
      throw new IOException("frame of " + body.length + " bytes exceeds the limit of " + MAX_FRAME_BYTES);
    }
    out.write(new byte[] {(byte) (body.length >>> 24), (byte) (body.length >>> 16), (byte) (body.length >>> 8),
        (byte) body.length});
    out.write(body);
  }

  /**
   * Reads one frame.
   *
   * @return the JSON text, or {@code null} at a clean end of stream between frames
   * @throws IOException on a truncated frame or one larger than {@code maxBytes}
   */
  public static String readFrame(InputStream in, int maxBytes) throws IOException {
    int b0 = in.read();
    if (b0 < 0) {
      return null;
    }
    DataInputStream data = new DataInputStream(in);
    int length;
    try {
      length = (b0 << 24) | (data.readUnsignedByte() << 16) | (data.readUnsignedByte() << 8) | data.readUnsignedByte();
    } catch (EOFException e) {
      throw new IOException("stream ended inside a frame header", e);
    }
    if (length < 0 || length > maxBytes) {
      throw new IOException("frame of " + Integer.toUnsignedString(length) + " bytes exceeds the limit of " + maxBytes);
    }
    byte[] body = new byte[length];
    try {
      data.readFully(body);
    } catch (EOFException e) {
      throw new IOException("stream ended inside a frame of " + length + " bytes", e);
    }
    return new String(body, StandardCharsets.UTF_8);
  }
}
