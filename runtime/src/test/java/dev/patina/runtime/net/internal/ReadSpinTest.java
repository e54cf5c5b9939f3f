package dev.patina.runtime.net.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bounds of "try again before parking": tries per read, back-off, reset, off. */
class ReadSpinTest {
  /** An attempt that finds data on its {@code succeedAt}-th call (counting from 1), or never. */
  private static final class Counting implements ReadSpin.Attempt {
    int calls;
    int succeedAt = Integer.MAX_VALUE;

    @Override
    public int tryRead() {
      return ++calls == succeedAt ? 7 : -1;
    }
  }

  @Test
  void triesOnceAndThenOnceAfterEachYieldAtMost() throws Exception {
    Counting a = new Counting();
    assertEquals(-1, new ReadSpin(3).tryBeforePark(a));
    assertEquals(4, a.calls);
  }

  @Test
  void stopsAtTheFirstSuccess() throws Exception {
    Counting a = new Counting();
    a.succeedAt = 2;
    assertEquals(7, new ReadSpin(3).tryBeforePark(a));
    assertEquals(2, a.calls);
  }

  @Test
  void failedTriesBackOffExponentiallyUpToTheCapAndASuccessResets() throws Exception {
    ReadSpin spin = new ReadSpin(1);
    Counting a = new Counting();
    List<Integer> triedAt = new ArrayList<>();
    for (int read = 0; read < 300; read++) {
      int before = a.calls;
      spin.tryBeforePark(a);
      if (a.calls > before) {
        assertEquals(2, a.calls - before); // one try, one yield, one more try
        triedAt.add(read);
      }
    }
    // Skips after each failure: 0, 1, 2, 4, 8, 16, 32, 64, 64, ...
    assertEquals(List.of(0, 1, 3, 6, 11, 20, 37, 70, 135, 200, 265), triedAt);
    a.succeedAt = a.calls + 1;
    while (a.calls < a.succeedAt) { // the reads skipped before the next try, then the try
      spin.tryBeforePark(a);
    }
    assertEquals(a.succeedAt, a.calls);
    int before = a.calls;
    spin.tryBeforePark(a); // after a success the very next read tries again
    assertEquals(before + 2, a.calls);
  }

  @Test
  void negativeBoundNeverTries() throws Exception {
    Counting a = new Counting();
    ReadSpin off = new ReadSpin(-1);
    for (int i = 0; i < 10; i++) {
      assertEquals(-1, off.tryBeforePark(a));
    }
    assertEquals(0, a.calls);
  }

  @Test
  void zeroBoundTriesOnceWithoutYielding() throws Exception {
    Counting a = new Counting();
    new ReadSpin(0).tryBeforePark(a);
    assertEquals(1, a.calls);
  }

  @Test
  void onForIoUringOffForNioUnlessThePropertySaysOtherwise() throws Exception {
    String old = System.getProperty(ReadSpin.PROPERTY);
    try {
      System.clearProperty(ReadSpin.PROPERTY);
      Counting a = new Counting();
      ReadSpin.fromProperty(ReadSpin.URING_DEFAULT).tryBeforePark(a);
      assertEquals(3, a.calls);
      ReadSpin.fromProperty(ReadSpin.NIO_DEFAULT).tryBeforePark(a);
      assertEquals(3, a.calls);
      System.setProperty(ReadSpin.PROPERTY, "1");
      ReadSpin.fromProperty(ReadSpin.NIO_DEFAULT).tryBeforePark(a);
      assertEquals(5, a.calls);
    } finally {
      if (old == null) {
        System.clearProperty(ReadSpin.PROPERTY);
      } else {
        System.setProperty(ReadSpin.PROPERTY, old);
      }
    }
  }
}
