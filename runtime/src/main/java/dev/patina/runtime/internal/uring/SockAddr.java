package dev.patina.runtime.internal.uring;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.MemorySegment;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteOrder;

/** {@code sockaddr_in} / {@code sockaddr_in6} to and from {@link InetSocketAddress}. */
final class SockAddr {
  /** Room for a {@code sockaddr_in6} (28 bytes), rounded up. */
  static final int CAPACITY = 32;

  private static final java.lang.foreign.ValueLayout.OfShort BE_SHORT =
      JAVA_SHORT.withOrder(ByteOrder.BIG_ENDIAN);

  private SockAddr() {}

  static int family(InetSocketAddress a) {
    return a.getAddress() instanceof Inet6Address ? Libc.AF_INET6 : Libc.AF_INET;
  }

  /** Writes {@code a} into {@code out} (at least {@link #CAPACITY} bytes); returns its length. */
  static int encode(InetSocketAddress a, MemorySegment out) {
    out.fill((byte) 0);
    byte[] ip = a.getAddress().getAddress();
    out.set(BE_SHORT, 2, (short) a.getPort());
    if (a.getAddress() instanceof Inet4Address) {
      out.set(JAVA_SHORT, 0, (short) Libc.AF_INET);
      MemorySegment.copy(ip, 0, out, JAVA_BYTE, 4, 4);
      return 16;
    }
    out.set(JAVA_SHORT, 0, (short) Libc.AF_INET6);
    MemorySegment.copy(ip, 0, out, JAVA_BYTE, 8, 16);
    out.set(
        java.lang.foreign.ValueLayout.JAVA_INT, 24, ((Inet6Address) a.getAddress()).getScopeId());
    return 28;
  }

  static InetSocketAddress decode(MemorySegment in) {
    int family = in.get(JAVA_SHORT, 0);
    int port = Short.toUnsignedInt(in.get(BE_SHORT, 2));
    byte[] ip;
    if (family == Libc.AF_INET) {
      ip = new byte[4];
      MemorySegment.copy(in, JAVA_BYTE, 4, ip, 0, 4);
    } else if (family == Libc.AF_INET6) {
      ip = new byte[16];
      MemorySegment.copy(in, JAVA_BYTE, 8, ip, 0, 16);
    } else {
      throw new IllegalStateException("unexpected address family " + family);
    }
    try {
      return new InetSocketAddress(InetAddress.getByAddress(ip), port);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e); // only for a wrong length, excluded above
    }
  }
}
