package dev.patina.wasm.compiler.internal;

import dev.patina.wasm.binary.CodeReader;
import dev.patina.wasm.binary.Opcode;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How a function too large for one JVM method is cut into several. A part is a run of consecutive
 * instructions of one block body (whole nested blocks included) that leaves the operand stack as it
 * found it and never reads below it: such a run can move into its own method, called where it
 * stood. The part's branches out of the run and its returns come back as an exit code (values in
 * the call stack's slots), which the caller turns into its own branch. The locals of a split
 * function live in arrays shared by its methods; each method keeps the ones it uses in JVM locals,
 * and writes back what it changed before calling a part that needs it and when it returns.
 *
 * <p>The planner works bottom-up from the first code generation's {@link Trace}: inner block bodies
 * first, then in each body too large for a method the largest runs between statement boundaries
 * (where the stack is at its lowest) move out, merged with their neighbors up to the target size,
 * until the body fits.
 */
final class SplitPlan {
  /** Bytecode bytes a method may have: below HotSpot's limit for JIT compilation (8000). */
  static final int TARGET = 5500;

  /** Runs smaller than this are not worth a call. */
  static final int MIN_PART = Integer.getInteger("patina.wasm.compiler.minPart", 200);

  /** Estimated bytes of a part's call site in its caller. */
  static final int CALL_COST = 40;

  /** A run moved into its own method. */
  static final class Part {
    final int id;
    final int start;
    final int end;
    final int blockAtStart;
    final int blockAtEnd;
    final boolean fallsThrough;
    final List<Part> children = new ArrayList<>();
    Part parent;

    /** Locals read or written in the run (with nested parts), and written. */
    final BitSet used = new BitSet();

    final BitSet written = new BitSet();

    /** The same without nested parts: what the part's own method touches. */
    final BitSet ownUsed = new BitSet();

    final BitSet ownWritten = new BitSet();

    /** Control depths (from the function's own frame, 0) this run may branch out to. */
    final BitSet exits = new BitSet();

    /** The control stack where the run starts, filled in by the code generation of its caller. */
    FunctionCodegen.ControlSnapshot context;

    Part(int id, int start, int end, int blockAtStart, int blockAtEnd, boolean fallsThrough) {
      this.id = id;
      this.start = start;
      this.end = end;
      this.blockAtStart = blockAtStart;
      this.blockAtEnd = blockAtEnd;
      this.fallsThrough = fallsThrough;
    }
  }

  final List<Part> parts = new ArrayList<>();
  final List<Part> topLevel = new ArrayList<>();
  final int[] meterCounts;

  /** The function's own method: locals it touches outside parts. */
  final BitSet ownUsed = new BitSet();

  final BitSet ownWritten = new BitSet();

  private final Map<Integer, Part> byStart = new HashMap<>();

  private SplitPlan(int[] meterCounts) {
    this.meterCounts = meterCounts;
  }

  /** The part that starts at body position {@code position} among {@code candidates}, or null. */
  Part partAt(int position, List<Part> candidates) {
    Part p = byStart.get(position);
    return p != null && candidates.contains(p) ? p : null;
  }

  // ---------------------------------------------------------------- planning

  private static final class Item {
    final int first;
    final int last;
    final List<Arm> arms = new ArrayList<>();
    int size;

    Item(int first, int last) {
      this.first = first;
      this.last = last;
    }
  }

  private static final class Arm {
    final List<Item> items = new ArrayList<>();
    int close;
    int size;
  }

  /**
   * Plans the split of the function traced by {@code trace}; {@code target} is the size a method
   * should stay under. Returns a plan with no parts if nothing can be cut.
   */
  static SplitPlan plan(Trace trace, byte[] binary, int bodyStart, int bodyEnd, int target) {
    SplitPlan plan = new SplitPlan(trace.meterCounts);
    int[] cursor = {0};
    Arm body = parseArm(trace, cursor, trace.depth[0]);
    List<int[]> runs = new ArrayList<>();
    plan.carve(trace, body, target, runs, false);
    // Runs were chosen inner first; order them by start (outer runs before inner ones at the same
    // start cannot happen: a run and a nested run never share their first instruction as parts).
    runs.sort((a, b) -> a[0] != b[0] ? Integer.compare(a[0], b[0]) : Integer.compare(b[1], a[1]));
    for (int[] run : runs) {
      int firstEntry = run[0];
      int lastEntry = run[1];
      int start = trace.position[firstEntry];
      int end = lastEntry + 1 < trace.size ? trace.position[lastEntry + 1] : trace.endPosition;
      Part part =
          new Part(
              plan.parts.size(),
              start,
              end,
              trace.block[firstEntry],
              lastEntry + 1 < trace.size ? trace.block[lastEntry + 1] : Integer.MAX_VALUE,
              !trace.deadAfter[lastEntry]);
      plan.parts.add(part);
    }
    // Nesting: a part's parent is the innermost part containing it.
    for (Part p : plan.parts) {
      Part best = null;
      for (Part q : plan.parts) {
        if (q != p && q.start <= p.start && p.end <= q.end) {
          if (best == null || (best.start <= q.start && q.end <= best.end)) {
            best = q;
          }
        }
      }
      p.parent = best;
      if (best == null) {
        plan.topLevel.add(p);
      } else {
        best.children.add(p);
      }
      plan.byStart.putIfAbsent(p.start, p);
    }
    for (Part p : plan.parts) {
      p.children.sort((a, b) -> Integer.compare(a.start, b.start));
      scanLocals(binary, p.start, p.end, p.used, p.written, List.of());
      scanLocals(binary, p.start, p.end, p.ownUsed, p.ownWritten, p.children);
      scanExits(binary, p, trace);
    }
    plan.topLevel.sort((a, b) -> Integer.compare(a.start, b.start));
    scanLocals(binary, bodyStart, bodyEnd, plan.ownUsed, plan.ownWritten, plan.topLevel);
    return plan;
  }

  private static Arm parseArm(Trace t, int[] cursor, int depth) {
    Arm arm = new Arm();
    int i = cursor[0];
    while (i < t.size) {
      Opcode op = t.op[i];
      if (t.depth[i] == depth && (op == Opcode.END || op == Opcode.ELSE)) {
        break;
      }
      if (op == Opcode.BLOCK || op == Opcode.LOOP || op == Opcode.IF) {
        int first = i;
        cursor[0] = i + 1;
        Item item = new Item(first, -1);
        Arm a = parseArm(t, cursor, depth + 1);
        item.arms.add(a);
        i = a.close;
        if (i < t.size && t.op[i] == Opcode.ELSE) {
          cursor[0] = i + 1;
          Arm b = parseArm(t, cursor, depth + 1);
          item.arms.add(b);
          i = b.close;
        }
        // i is the END of the construct.
        Item done = new Item(first, Math.min(i, t.size - 1));
        done.arms.addAll(item.arms);
        done.size = t.bytesBetween(first, done.last + 1);
        arm.items.add(done);
        i++;
      } else {
        Item item = new Item(i, i);
        item.size = t.bytesBetween(i, i + 1);
        arm.items.add(item);
        i++;
      }
    }
    arm.close = i;
    cursor[0] = i;
    int size = 0;
    for (Item item : arm.items) {
      size += item.size;
    }
    arm.size = size;
    return arm;
  }

  /** Carves runs out of {@code arm} (after its items' own arms) until it fits; returns its size. */
  private int carve(Trace t, Arm arm, int target, List<int[]> runs, boolean eager) {
    for (Item item : arm.items) {
      if (!item.arms.isEmpty()) {
        boolean link = isNestLink(t, item);
        boolean itemEager = link && (eager || nestLength(t, item) >= EAGER_NEST);
        int inner = 0;
        for (Arm a : item.arms) {
          inner += a.size - carve(t, a, target, runs, itemEager);
        }
        item.size -= inner;
      }
    }
    int size = 0;
    for (Item item : arm.items) {
      size += item.size;
    }
    int n = arm.items.size();
    if ((size <= target && !eager) || n == 0) {
      arm.size = size;
      return size;
    }
    // Statement boundaries: where the height is the lowest of the body, nothing below is read.
    int[] heights = new int[n + 1];
    int min = Integer.MAX_VALUE;
    for (int k = 0; k < n; k++) {
      Item item = arm.items.get(k);
      heights[k] = t.height[item.first];
      min = Math.min(min, heights[k]);
      min = Math.min(min, t.low[item.first]);
      if (item.first != item.last) {
        min = Math.min(min, t.low[item.last]);
      }
    }
    heights[n] = arm.close < t.size ? t.height[arm.close] : heights[n - 1];
    min = Math.min(min, heights[n]);
    List<Integer> cuts = new ArrayList<>();
    for (int k = 0; k <= n; k++) {
      if (heights[k] == min) {
        cuts.add(k);
      }
    }
    // Segments between consecutive cuts, with sizes.
    int segments = cuts.size() - 1;
    if (segments <= 0) {
      arm.size = size;
      return size;
    }
    int[] segSize = new int[segments];
    for (int s = 0; s < segments; s++) {
      for (int k = cuts.get(s); k < cuts.get(s + 1); k++) {
        segSize[s] += arm.items.get(k).size;
      }
    }
    // A segment that is one block whose body starts with another block is a link of a block
    // nest: the shape of a br_table dispatch (a switch), whose case bodies follow the nested
    // blocks' ends. Carving the nest itself would put the dispatch inside a chain of nested part
    // methods, all entered on every dispatch; so the case bodies (and other statements) go first,
    // and the nest only when nothing else is left.
    // In a deep nest (a large switch), every case body goes into its own part, even where the
    // nest's level would fit: else the case bodies of many levels pile up until a whole run of
    // levels must move out together, and the dispatch ends up in a chain of nested parts again.
    boolean[] nest = new boolean[segments];
    for (int s = 0; s < segments; s++) {
      int k = cuts.get(s);
      nest[s] = cuts.get(s + 1) == k + 1 && isNestLink(t, arm.items.get(k));
    }
    boolean[] taken = new boolean[segments];
    for (boolean allowNest : new boolean[] {false, true}) {
      while (size > target || (eager && !allowNest)) {
        int best = -1;
        for (int s = 0; s < segments; s++) {
          if (!taken[s] && (allowNest || !nest[s]) && (best < 0 || segSize[s] > segSize[best])) {
            best = s;
          }
        }
        if (best < 0) {
          break;
        }
        int from = best;
        int to = best;
        int run = segSize[best];
        while (true) {
          int left =
              from > 0 && !taken[from - 1] && (allowNest || !nest[from - 1])
                  ? segSize[from - 1]
                  : Integer.MAX_VALUE;
          int right =
              to + 1 < segments && !taken[to + 1] && (allowNest || !nest[to + 1])
                  ? segSize[to + 1]
                  : Integer.MAX_VALUE;
          int add = Math.min(left, right);
          if (add == Integer.MAX_VALUE || run + add > target) {
            break;
          }
          if (left <= right) {
            from--;
          } else {
            to++;
          }
          run += add;
        }
        if (run < (eager ? EAGER_MIN_PART : MIN_PART)) {
          break;
        }
        for (int s = from; s <= to; s++) {
          taken[s] = true;
        }
        int firstItem = cuts.get(from);
        int lastItem = cuts.get(to + 1) - 1;
        runs.add(new int[] {arm.items.get(firstItem).first, arm.items.get(lastItem).last});
        size -= run - CALL_COST;
      }
    }
    arm.size = size;
    return size;
  }

  /** Nest links in a row from which case bodies are carved eagerly (see {@link #carve}). */
  static final int EAGER_NEST = 8;

  /**
   * The smallest case body of a deep nest that moves out: all of them. A nest whose own methods
   * keep only the dispatch touches few locals, and fits in fewer methods, each level of which
   * reloads and writes back its locals on every dispatch. SQLite's sqlite3VdbeExec (a 187-case
   * switch): 14 levels of nested methods with the general minimum, 6 with none; a 1000-row run went
   * from 75 ms to 41 ms of CPU time (44 ms with a minimum of 40 bytes).
   */
  static final int EAGER_MIN_PART = Integer.getInteger("patina.wasm.compiler.eagerMinPart", 1);

  /** Whether {@code item} is a block whose body starts with another block: a link of a nest. */
  private static boolean isNestLink(Trace t, Item item) {
    if (t.op[item.first] != Opcode.BLOCK || item.arms.isEmpty()) {
      return false;
    }
    List<Item> inner = item.arms.get(0).items;
    return !inner.isEmpty()
        && t.op[inner.get(0).first] == Opcode.BLOCK
        && inner.get(0).first != inner.get(0).last;
  }

  /** How many nest links start at {@code item}, one inside the other. */
  private static int nestLength(Trace t, Item item) {
    int n = 0;
    while (isNestLink(t, item)) {
      n++;
      item = item.arms.get(0).items.get(0);
    }
    return n;
  }

  /** Collects the locals read and written in {@code [start, end)}, skipping the given parts. */
  private static void scanLocals(
      byte[] binary, int start, int end, BitSet used, BitSet written, List<Part> skip) {
    CodeReader r = new CodeReader(binary, start, end);
    int next = 0;
    while (r.position() < end) {
      if (next < skip.size() && r.position() == skip.get(next).start) {
        r.position(skip.get(next).end);
        next++;
        continue;
      }
      Opcode op = r.opcode();
      switch (op) {
        case LOCAL_GET -> used.set(r.u32());
        case LOCAL_SET, LOCAL_TEE -> {
          int l = r.u32();
          used.set(l);
          written.set(l);
        }
        default -> r.skipImmediates(op);
      }
    }
  }

  /** Finds the control depths outside the run that its branches and returns may reach. */
  private static void scanExits(byte[] binary, Part p, Trace t) {
    int base = depthAt(t, p.start);
    CodeReader r = new CodeReader(binary, p.start, p.end);
    int nesting = 0;
    while (r.position() < p.end) {
      Opcode op = r.opcode();
      switch (op) {
        case BLOCK, LOOP, IF -> {
          r.skipImmediates(op);
          nesting++;
        }
        case END -> nesting--;
        case BR, BR_IF -> exit(p, base, nesting, r.u32());
        case BR_TABLE -> {
          int n = r.u32AsInt("br_table length");
          for (int i = 0; i <= n; i++) {
            exit(p, base, nesting, r.u32());
          }
        }
        case RETURN -> p.exits.set(0);
        default -> r.skipImmediates(op);
      }
    }
  }

  private static void exit(Part p, int base, int nesting, int label) {
    if (label >= nesting) {
      // depth is the run's control stack size; label 'nesting' is its innermost enclosing frame.
      p.exits.set(base - 1 - (label - nesting));
    }
  }

  private static int depthAt(Trace t, int position) {
    for (int i = 0; i < t.size; i++) {
      if (t.position[i] == position) {
        return t.depth[i];
      }
    }
    throw new IllegalStateException("no instruction at " + position);
  }
}
