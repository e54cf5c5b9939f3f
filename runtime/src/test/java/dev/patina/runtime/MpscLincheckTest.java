package dev.patina.runtime;

/** The bounded mpsc channel, with a capacity of two so that FULL shows up often. */
public class MpscLincheckTest extends MpscLincheck {
  public MpscLincheckTest() {
    super(CAPACITY);
  }

  @Override
  Class<?> spec() {
    return BoundedSpec.class;
  }

  public static class BoundedSpec extends Spec {
    public BoundedSpec() {
      super(CAPACITY);
    }
  }
}
