package dev.patina.kv.region;

/** A request refused at region level; {@link #error()} says how (one errorpb.Error field). */
public final class RegionException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient RegionError error;

  public RegionException(RegionError error) {
    super(error.message(), null, false, false);
    this.error = error;
  }

  public RegionError error() {
    return error;
  }
}
