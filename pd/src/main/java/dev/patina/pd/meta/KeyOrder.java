package dev.patina.pd.meta;

import com.google.protobuf.ByteString;
import java.util.Comparator;

/** Keys compare as unsigned bytes, as in TiKV and PD. */
final class KeyOrder {
  private KeyOrder() {}

  static final Comparator<ByteString> ORDER = ByteString.unsignedLexicographicalComparator();

  static int compare(ByteString a, ByteString b) {
    return ORDER.compare(a, b);
  }

  /** a.end > b.start with an empty end meaning +infinity. */
  static boolean endAfter(ByteString end, ByteString key) {
    return end.isEmpty() || compare(end, key) > 0;
  }
}
