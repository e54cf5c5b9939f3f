package dev.patina.runtime;

/** The unbounded mpsc channel: the same operations and spec, with no capacity to hit. */
public class MpscUnboundedLincheckTest extends MpscLincheck {
  public MpscUnboundedLincheckTest() {
    super(Integer.MAX_VALUE);
  }

  @Override
  Class<?> spec() {
    return UnboundedSpec.class;
  }

  public static class UnboundedSpec extends Spec {
    public UnboundedSpec() {
      super(Integer.MAX_VALUE);
    }
  }
}
