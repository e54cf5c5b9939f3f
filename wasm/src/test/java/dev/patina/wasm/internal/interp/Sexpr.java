package dev.patina.wasm.internal.interp;

import java.util.ArrayList;
import java.util.List;

/**
 * A minimal reader of the S-expressions of .wast scripts, enough for the numeric test files: atoms,
 * strings, lists, line comments ({@code ;;}) and nested block comments. Test code only; the
 * engine's real text parser lives elsewhere.
 */
sealed interface Sexpr {
  record Atom(String text, boolean quoted) implements Sexpr {
    @Override
    public String toString() {
      return quoted ? '"' + text + '"' : text;
    }
  }

  record Node(List<Sexpr> items) implements Sexpr {
    String head() {
      return !items.isEmpty() && items.getFirst() instanceof Atom a && !a.quoted() ? a.text() : "";
    }

    @Override
    public String toString() {
      StringBuilder b = new StringBuilder("(");
      for (int i = 0; i < items.size(); i++) {
        b.append(i == 0 ? "" : " ").append(items.get(i));
      }
      return b.append(')').toString();
    }
  }

  /** The top-level forms of a script. */
  static List<Node> parseAll(String text) {
    Reader r = new Reader(text);
    List<Node> forms = new ArrayList<>();
    while (r.skipSpace()) {
      forms.add((Node) r.read());
    }
    return forms;
  }

  final class Reader {
    private final String s;
    private int i;

    Reader(String s) {
      this.s = s;
    }

    /** Skips blanks and comments; false at the end of the text. */
    boolean skipSpace() {
      while (i < s.length()) {
        char c = s.charAt(i);
        if (Character.isWhitespace(c)) {
          i++;
        } else if (s.startsWith(";;", i)) {
          while (i < s.length() && s.charAt(i) != '\n') {
            i++;
          }
        } else if (s.startsWith("(;", i)) {
          int depth = 0;
          do {
            if (s.startsWith("(;", i)) {
              depth++;
              i += 2;
            } else if (s.startsWith(";)", i)) {
              depth--;
              i += 2;
            } else {
              i++;
            }
          } while (depth > 0);
        } else {
          return true;
        }
      }
      return false;
    }

    Sexpr read() {
      skipSpace();
      char c = s.charAt(i);
      if (c == '(') {
        i++;
        List<Sexpr> items = new ArrayList<>();
        while (skipSpace() && s.charAt(i) != ')') {
          items.add(read());
        }
        i++;
        return new Node(items);
      }
      if (c == '"') {
        return new Atom(readString(), true);
      }
      int start = i;
      while (i < s.length()
          && !Character.isWhitespace(s.charAt(i))
          && s.charAt(i) != '('
          && s.charAt(i) != ')'
          && s.charAt(i) != ';') {
        i++;
      }
      return new Atom(s.substring(start, i), false);
    }

    private String readString() {
      StringBuilder b = new StringBuilder();
      i++;
      while (s.charAt(i) != '"') {
        char c = s.charAt(i++);
        if (c == '\\') {
          char e = s.charAt(i++);
          switch (e) {
            case 'n' -> b.append('\n');
            case 't' -> b.append('\t');
            case '\\', '"', '\'' -> b.append(e);
            default -> {
              b.append((char) Integer.parseInt(s.substring(i - 1, i + 1), 16));
              i++;
            }
          }
        } else {
          b.append(c);
        }
      }
      i++;
      return b.toString();
    }
  }
}
