package dev.patina.wasm.validate;

import static dev.patina.wasm.binary.ModuleBuilder.module;

import dev.patina.wasm.InvalidException;
import dev.patina.wasm.MalformedException;
import dev.patina.wasm.binary.ModuleDecoder;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * Random mutations of small real modules (byte flips, truncations, insertions, deletions) fed to
 * the decoder and validator must only ever be rejected as malformed or invalid: no other exception,
 * no hang.
 */
class DecodeValidateFuzzTest {
  private static final int I32 = 0x7F;
  private static final int[] NONE = {};

  /** Seeds covering every section and the instruction families. */
  static final List<byte[]> SEEDS =
      List.of(
          module()
              .type(NONE, I32)
              .type(new int[] {I32}, I32)
              .type(NONE)
              .importEntry(1, 'm', 1, 'f', 0, 1)
              .importEntry(1, 'm', 1, 'g', 3, I32, 0)
              .table(0x70, 1, 1, 4)
              .memory(1, 1, 2)
              .global(I32, 1, 0x23, 0, 0x0B)
              .export('f', 0, 1)
              .elem(0, 0x41, 0, 0x0B, 2, 0, 1)
              .elem(5, 0x70, 1, 0xD2, 1, 0x0B)
              .func(
                  0, 1, 2, I32, 0x02, 0x40, 0x41, 1, 0x04, I32, 0x41, 2, 0x05, 0x41, 3, 0x0B, 0x21,
                  0, 0x0B, 0x41, 5, 0x03, 1, 0x20, 0, 0x0D, 0, 0x0B, 0x41, 0, 0x28, 2, 4, 0x41, 0,
                  0x0E, 1, 0, 0, 0x1A, 0xFC, 0x08, 0, 0, 0x0B)
              .start(3)
              .func(0, 0, 0x41, 0, 0x41, 0, 0x11, 1, 0, 0xD2, 1, 0xD1, 0x6A, 0x0B)
              .func(2, 0, 0x0B)
              .data(1, 2, 'h', 'i')
              .data(0, 0x41, 8, 0x0B, 1, 'x')
              .build(),
          module()
              .type(NONE, 0x7B)
              .memory(0, 1)
              .func(
                  0, 0, 0x41, 0, 0xFD, 0x0C, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
                  0x41, 0, 0xFD, 0x11, 0xFD, 0x0D, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14,
                  15, 0xFD, 0x54, 0, 0, 3, 0xFD, 0x15, 1, 0x1A, 0x41, 0, 0xFD, 0x00, 4, 0, 0x41, 0,
                  0xFD, 0x00, 4, 0, 0xFD, 0x6E, 0x0B)
              .build(),
          module()
              .type(new int[] {0x7E, 0x7D}, 0x7C)
              .table(0x6F, 0, 2)
              .func(
                  0, 2, 1, 0x7C, 1, 0x70, 0x20, 0, 0xB9, 0x20, 1, 0xBB, 0xA0, 0x41, 0, 0x25, 0,
                  0xD1, 0x1A, 0xD0, 0x6F, 0x41, 1, 0xFC, 0x0F, 0, 0x1A, 0xFC, 0x10, 0, 0x1A, 0x44,
                  0, 0, 0, 0, 0, 0, 0xF0, 0x3F, 0x41, 1, 0x1B, 0x0B)
              .build());

  @Test
  void seedsAreValid() {
    for (byte[] seed : SEEDS) {
      ModuleValidator.validate(ModuleDecoder.decode(seed));
    }
  }

  @Property(tries = 3000)
  void mutationsAreOnlyMalformedOrInvalid(
      @ForAll @IntRange(max = 2) int seedIndex, @ForAll long randomSeed) {
    Random random = new Random(randomSeed);
    byte[] bytes = SEEDS.get(seedIndex);
    int mutations = 1 + random.nextInt(4);
    for (int i = 0; i < mutations; i++) {
      bytes = mutate(bytes, random);
    }
    try {
      ModuleValidator.validate(ModuleDecoder.decode(bytes));
    } catch (MalformedException | InvalidException expected) {
      // The only acceptable failures.
    } catch (RuntimeException | StackOverflowError e) {
      throw new AssertionError("on " + Arrays.toString(bytes), e);
    }
  }

  private static byte[] mutate(byte[] b, Random random) {
    if (b.length == 0) {
      return new byte[] {(byte) random.nextInt(256)};
    }
    int at = random.nextInt(b.length);
    return switch (random.nextInt(5)) {
      case 0 -> { // flip bits of one byte
        byte[] c = b.clone();
        c[at] ^= (byte) (1 << random.nextInt(8));
        yield c;
      }
      case 1 -> { // replace one byte with an interesting value
        byte[] c = b.clone();
        int[] interesting = {0x00, 0x01, 0x0B, 0x40, 0x7F, 0x80, 0xFF, 0x70, 0x6F};
        c[at] = (byte) interesting[random.nextInt(interesting.length)];
        yield c;
      }
      case 2 -> Arrays.copyOf(b, at); // truncate
      case 3 -> { // insert a byte
        byte[] c = new byte[b.length + 1];
        System.arraycopy(b, 0, c, 0, at);
        c[at] = (byte) random.nextInt(256);
        System.arraycopy(b, at, c, at + 1, b.length - at);
        yield c;
      }
      default -> { // delete a byte
        byte[] c = new byte[b.length - 1];
        System.arraycopy(b, 0, c, 0, at);
        System.arraycopy(b, at + 1, c, at, b.length - at - 1);
        yield c;
      }
    };
  }
}
