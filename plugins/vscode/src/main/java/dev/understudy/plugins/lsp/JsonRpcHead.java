package dev.understudy.plugins.lsp;

import java.nio.charset.StandardCharsets;

/**
 * What a JSON-RPC message is, read from its top-level fields without building a tree: its {@code id}
 * (a string or an integer) and its {@code method}. Most frames need no more than this (a response to a
 * request nobody records, a notification nobody records), so the proxy's tap reads only this of them.
 *
 * <p>{@link #scan} reads fields in order and stops as soon as the message's kind is settled: a request
 * once it has both {@code id} and {@code method}, a response at its {@code result} or {@code error}
 * once it has the {@code id}. What follows (usually the {@code params} or {@code result}, however large)
 * is not read at all, and so not checked; a message whose fields come in another order is skipped
 * through, its structure checked as it goes (strings, escapes, numbers, literals, nesting, but not that
 * the bytes inside strings are UTF-8). It gives {@code null}, so that the caller parses the frame in full
 * and judges it, for anything it does not read plainly: not one JSON object (a batch, malformed JSON),
 * an {@code id} that is neither a string nor an integer, a {@code method} that is not a string, either
 * given twice before the kind is settled, nesting deeper than {@value #MAX_DEPTH}.
 */
final class JsonRpcHead {
  /** Deepest nesting skipped; deeper frames are left to the full parser, which has its own limit. */
  static final int MAX_DEPTH = 256;

  private final String id;
  private final String idJson;
  private final String method;

  private JsonRpcHead(String id, String idJson, String method) {
    this.id = id;
    this.idJson = idJson;
    this.method = method;
  }

  /** The id: a string id's value or an integer's digits; {@code null} when the message has none. */
  String id() {
    return id;
  }

  /** The id as the JSON text it was sent as; {@code null} when the message has none. */
  String idJson() {
    return idJson;
  }

  /** The method; {@code null} when the message has none (a response). */
  String method() {
    return method;
  }

  /** The head of the JSON object in {@code bytes[offset, offset + length)}, or {@code null} (see the class). */
  static JsonRpcHead scan(byte[] bytes, int offset, int length) {
    if (offset < 0 || length < 0 || offset > bytes.length - length) {
      throw new IndexOutOfBoundsException("offset " + offset + ", length " + length + ", array " + bytes.length);
    }
    return new Scanner(bytes, offset, offset + length).message();
  }

  /** One pass over one body. */
  private static final class Scanner {
    private final byte[] b;
    private final int end;
    private int pos;
    /** Where the last string read starts (after its quote) and ends (at its closing quote). */
    private int stringStart;
    private int stringEnd;
    private boolean stringEscaped;

    Scanner(byte[] b, int pos, int end) {
      this.b = b;
      this.pos = pos;
      this.end = end;
    }

    JsonRpcHead message() {
      String id = null;
      String idJson = null;
      String method = null;
      ws();
      if (!take('{')) {
        return null;
      }
      ws();
      if (!take('}')) {
        while (true) {
          if (!string()) {
            return null;
          }
          int keyStart = stringStart;
          int keyEnd = stringEnd;
          boolean keyEscaped = stringEscaped;
          ws();
          if (!take(':')) {
            return null;
          }
          ws();
          if (pos >= end) {
            return null;
          }
          int valueStart = pos;
          if (isKey(keyStart, keyEnd, keyEscaped, "id")) {
            if (id != null) {
              return null;
            }
            if (b[pos] == '"') {
              if (!string()) {
                return null;
              }
              id = decode(stringStart, stringEnd, stringEscaped);
            } else if (integer()) {
              id = new String(b, valueStart, pos - valueStart, StandardCharsets.US_ASCII);
            } else {
              return null;
            }
            idJson = new String(b, valueStart, pos - valueStart, StandardCharsets.UTF_8);
          } else if (isKey(keyStart, keyEnd, keyEscaped, "method")) {
            if (method != null || b[pos] != '"' || !string()) {
              return null;
            }
            method = decode(stringStart, stringEnd, stringEscaped);
          } else if (id != null && method == null
              && (isKey(keyStart, keyEnd, keyEscaped, "result") || isKey(keyStart, keyEnd, keyEscaped, "error"))) {
            return new JsonRpcHead(id, idJson, null); // a response: its result is not needed here
          } else if (!value(0)) {
            return null;
          }
          if (id != null && method != null) {
            return new JsonRpcHead(id, idJson, method); // a request: its params are not needed here
          }
          ws();
          if (take('}')) {
            break;
          }
          if (!take(',')) {
            return null;
          }
          ws();
        }
      }
      ws();
      return pos == end ? new JsonRpcHead(id, idJson, method) : null;
    }

    private boolean isKey(int start, int stop, boolean escaped, String name) {
      if (escaped) {
        return decode(start, stop, true).equals(name);
      }
      return stop - start == name.length() && bytesAre(start, name);
    }

    /** Whether the bytes at {@code at} are this ASCII word (there must be room for it). */
    private boolean bytesAre(int at, String word) {
      for (int i = 0; i < word.length(); i++) {
        if (b[at + i] != word.charAt(i)) {
          return false;
        }
      }
      return true;
    }

    /** Skips one value; false when it is not well-formed JSON. */
    private boolean value(int depth) {
      if (pos >= end || depth > MAX_DEPTH) {
        return false;
      }
      switch (b[pos]) {
        case '"':
          return string();
        case '{':
          return container('}', true, depth);
        case '[':
          return container(']', false, depth);
        case 't':
          return literal("true");
        case 'f':
          return literal("false");
        case 'n':
          return literal("null");
        default:
          return number();
      }
    }

    private boolean container(char close, boolean object, int depth) {
      pos++;
      ws();
      if (take(close)) {
        return true;
      }
      while (true) {
        if (object) {
          if (!string()) {
            return false;
          }
          ws();
          if (!take(':')) {
            return false;
          }
          ws();
        }
        if (!value(depth + 1)) {
          return false;
        }
        ws();
        if (take(close)) {
          return true;
        }
        if (!take(',')) {
          return false;
        }
        ws();
      }
    }

    /** Reads a string (pos on its opening quote) and notes where its content is. */
    private boolean string() {
      if (pos >= end || b[pos] != '"') {
        return false;
      }
      int i = pos + 1;
      stringStart = i;
      stringEscaped = false;
      while (i < end) {
        int c = b[i] & 0xff;
        if (c == '"') {
          stringEnd = i;
          pos = i + 1;
          return true;
        }
        if (c == '\\') {
          stringEscaped = true;
          if (i + 1 >= end) {
            return false;
          }
          switch (b[i + 1]) {
            case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> i += 2;
            case 'u' -> {
              if (i + 6 > end) {
                return false;
              }
              for (int k = i + 2; k < i + 6; k++) {
                if (Character.digit(b[k], 16) < 0) {
                  return false;
                }
              }
              i += 6;
            }
            default -> {
              return false;
            }
          }
        } else if (c < 0x20) {
          return false; // a control character must be escaped
        } else {
          i++;
        }
      }
      return false;
    }

    /** The text of a string read by {@link #string()}, escapes resolved. */
    private String decode(int start, int stop, boolean escaped) {
      if (!escaped) {
        return new String(b, start, stop - start, StandardCharsets.UTF_8);
      }
      StringBuilder s = new StringBuilder(stop - start);
      int run = start;
      int i = start;
      while (i < stop) {
        if (b[i] != '\\') {
          i++;
          continue;
        }
        s.append(new String(b, run, i - run, StandardCharsets.UTF_8));
        byte e = b[i + 1];
        switch (e) {
          case 'b' -> s.append('\b');
          case 'f' -> s.append('\f');
          case 'n' -> s.append('\n');
          case 'r' -> s.append('\r');
          case 't' -> s.append('\t');
          case 'u' -> s.append((char) Integer.parseInt(new String(b, i + 2, 4, StandardCharsets.US_ASCII), 16));
          default -> s.append((char) e);
        }
        i += e == 'u' ? 6 : 2;
        run = i;
      }
      return s.append(new String(b, run, stop - run, StandardCharsets.UTF_8)).toString();
    }

    /** An integer as JSON writes one: {@code -?(0|[1-9][0-9]*)}, not {@code -0}, and nothing number-like after it. */
    private boolean integer() {
      int start = pos;
      int i = pos;
      if (i < end && b[i] == '-') {
        i++;
      }
      int digits = i;
      i = digits(i);
      int n = i - digits;
      if (n == 0 || (n > 1 && b[digits] == '0') || (digits > start && n == 1 && b[digits] == '0')) {
        return false;
      }
      if (i < end && (b[i] == '.' || b[i] == 'e' || b[i] == 'E')) {
        return false;
      }
      pos = i;
      return true;
    }

    /** A JSON number: {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?}. */
    private boolean number() {
      int i = pos;
      if (i < end && b[i] == '-') {
        i++;
      }
      if (i >= end || b[i] < '0' || b[i] > '9') {
        return false;
      }
      if (b[i] == '0') {
        i++;
      } else {
        i = digits(i);
      }
      if (i < end && b[i] == '.') {
        int after = digits(i + 1);
        if (after == i + 1) {
          return false;
        }
        i = after;
      }
      if (i < end && (b[i] == 'e' || b[i] == 'E')) {
        i++;
        if (i < end && (b[i] == '+' || b[i] == '-')) {
          i++;
        }
        int after = digits(i);
        if (after == i) {
          return false;
        }
        i = after;
      }
      pos = i;
      return true;
    }

    private int digits(int i) {
      while (i < end && b[i] >= '0' && b[i] <= '9') {
        i++;
      }
      return i;
    }

    private boolean literal(String word) {
      if (end - pos < word.length() || !bytesAre(pos, word)) {
        return false;
      }
      pos += word.length();
      return true;
    }

    private boolean take(char c) {
      if (pos < end && b[pos] == c) {
        pos++;
        return true;
      }
      return false;
    }

    private void ws() {
      while (pos < end) {
        byte c = b[pos];
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
          return;
        }
        pos++;
      }
    }
  }
}
