package dev.patina.bench.ycsb;

/**
 * One of YCSB's core workloads: the proportions of each operation. Keys are chosen with a scrambled
 * Zipfian distribution (YCSB's {@code requestdistribution=zipfian}); scans read 1 to {@code
 * maxScanLength} records, uniformly (YCSB's {@code scanlengthdistribution=uniform}).
 */
public record Workload(
    String name, double read, double update, double scan, double insert, int maxScanLength) {

  public Workload {
    if (Math.abs(read + update + scan + insert - 1.0) > 1e-9) {
      throw new IllegalArgumentException("proportions of workload " + name + " do not sum to 1");
    }
  }

  /** Update heavy: 50% reads, 50% updates. */
  public static final Workload A = new Workload("A", 0.5, 0.5, 0, 0, 0);

  /** Read mostly: 95% reads, 5% updates. */
  public static final Workload B = new Workload("B", 0.95, 0.05, 0, 0, 0);

  /** Read only. */
  public static final Workload C = new Workload("C", 1.0, 0, 0, 0, 0);

  /** Short ranges: 95% scans of up to 100 records, 5% inserts of new records. */
  public static final Workload E = new Workload("E", 0, 0, 0.95, 0.05, 100);

  public static Workload named(String name) {
    return switch (name.toUpperCase(java.util.Locale.ROOT)) {
      case "A" -> A;
      case "B" -> B;
      case "C" -> C;
      case "E" -> E;
      default -> throw new IllegalArgumentException("unknown workload " + name + " (A, B, C, E)");
    };
  }

  /** The operation for a uniform random {@code u} in [0, 1). */
  public Op pick(double u) {
    if (u < read) {
      return Op.READ;
    }
    if (u < read + update) {
      return Op.UPDATE;
    }
    if (u < read + update + scan) {
      return Op.SCAN;
    }
    return Op.INSERT;
  }

  public enum Op {
    READ,
    UPDATE,
    SCAN,
    INSERT
  }
}
