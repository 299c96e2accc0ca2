package dev.understudy.core.export;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import dev.understudy.proto.v1.Action;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Writes actions as JSON lines: one object per action, one action per line, in the format documented in
 * docs/EXPORT-JSONL.md.
 *
 * <p>Field names are the schema's own (snake_case), so they are as stable as the schema, which a
 * baseline test guards. Fields at their default value are left out. Enums are written by their full
 * name ("INVOKE_METHOD_CLICK"). The 16-byte ids ({@code id}, {@code session_id}, {@code parent_id}) are
 * written as canonical UUID strings; other bytes as base64. 64-bit integers are JSON numbers. Each line
 * also carries {@code "kind"} (the name of the set kind field) and {@code "time"} (ISO-8601 UTC), for
 * readers that want no arithmetic.
 *
 * <p>Stateless and thread-safe.
 */
public final class JsonLines {

  private JsonLines() {}

  /** Writes one action as one line, with the trailing newline. */
  public static void write(Action action, Appendable out) throws IOException {
    StringBuilder line = new StringBuilder(256);
    line.append('{');
    boolean[] first = {true};
    String kind = action.getKindCase() == Action.KindCase.KIND_NOT_SET
        ? "" : action.getDescriptorForType().findFieldByNumber(action.getKindCase().getNumber()).getName();
    field(line, first, "kind");
    string(line, kind);
    if (action.getTimeUnixNano() != 0) {
      field(line, first, "time");
      long t = action.getTimeUnixNano();
      string(line, Instant.ofEpochSecond(t / 1_000_000_000L, t % 1_000_000_000L).toString());
    }
    fields(action, line, first);
    line.append("}\n");
    out.append(line);
  }

  /** Writes one action as a line, without the trailing newline. */
  public static String toLine(Action action) {
    StringBuilder sb = new StringBuilder();
    try {
      write(action, sb);
    } catch (IOException e) {
      throw new IllegalStateException("a StringBuilder does not fail", e);
    }
    return sb.substring(0, sb.length() - 1);
  }

  private static void message(Message message, StringBuilder out) {
    out.append('{');
    boolean[] first = {true};
    fields(message, out, first);
    out.append('}');
  }

  private static void fields(Message message, StringBuilder out, boolean[] first) {
    for (Map.Entry<FieldDescriptor, Object> entry : message.getAllFields().entrySet()) {
      FieldDescriptor field = entry.getKey();
      field(out, first, field.getName());
      if (field.isRepeated()) {
        out.append('[');
        List<?> values = (List<?>) entry.getValue();
        for (int i = 0; i < values.size(); i++) {
          if (i > 0) {
            out.append(',');
          }
          value(field, values.get(i), out);
        }
        out.append(']');
      } else {
        value(field, entry.getValue(), out);
      }
    }
  }

  private static void value(FieldDescriptor field, Object value, StringBuilder out) {
    switch (field.getJavaType()) {
      case MESSAGE:
        message((Message) value, out);
        break;
      case STRING:
        string(out, (String) value);
        break;
      case ENUM:
        string(out, ((EnumValueDescriptor) value).getName());
        break;
      case BYTE_STRING:
        ByteString bytes = (ByteString) value;
        if (bytes.size() == 16 && field.getName().endsWith("id")) {
          ByteBuffer b = bytes.asReadOnlyByteBuffer();
          string(out, new UUID(b.getLong(), b.getLong()).toString());
        } else {
          string(out, Base64.getEncoder().encodeToString(bytes.toByteArray()));
        }
        break;
      case LONG:
        long l = (Long) value;
        boolean unsigned = field.getType() == FieldDescriptor.Type.UINT64 || field.getType() == FieldDescriptor.Type.FIXED64;
        out.append(unsigned ? Long.toUnsignedString(l) : Long.toString(l));
        break;
      case INT:
        int i = (Integer) value;
        boolean unsignedInt = field.getType() == FieldDescriptor.Type.UINT32 || field.getType() == FieldDescriptor.Type.FIXED32;
        out.append(unsignedInt ? Integer.toUnsignedString(i) : Integer.toString(i));
        break;
      case FLOAT:
      case DOUBLE:
        double d = ((Number) value).doubleValue();
        if (Double.isFinite(d)) {
          out.append(d);
        } else {
          string(out, Double.toString(d));
        }
        break;
      case BOOLEAN:
        out.append((boolean) (Boolean) value);
        break;
      default:
        string(out, String.valueOf(value));
    }
  }

  private static void field(StringBuilder out, boolean[] first, String name) {
    if (!first[0]) {
      out.append(',');
    }
    first[0] = false;
    string(out, name);
    out.append(':');
  }

  /** Appends a JSON string literal (RFC 8259 escaping). */
  static void string(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"':
          out.append("\\\"");
          break;
        case '\\':
          out.append("\\\\");
          break;
        case '\n':
          out.append("\\n");
          break;
        case '\r':
          out.append("\\r");
          break;
        case '\t':
          out.append("\\t");
          break;
        default:
          if (c < 0x20 || c == '\u2028' || c == '\u2029') {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
      }
    }
    out.append('"');
  }
}
