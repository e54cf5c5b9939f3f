package dev.patina.runtime.internal.uring;

import dev.patina.runtime.net.NetDriver;
import dev.patina.runtime.net.internal.DatagramIo;
import dev.patina.runtime.net.internal.ListenerIo;
import dev.patina.runtime.net.internal.StreamIo;
import dev.patina.runtime.net.internal.Transport;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.InetSocketAddress;

/** The io_uring driver: TCP listeners and streams and UDP sockets on one ring with its thread. */
public final class UringTransport implements Transport {
  private final UringDriver driver;

  private UringTransport(UringDriver driver) {
    this.driver = driver;
  }

  /** Holds the one ring of the process, started on first use, or the reason it cannot start. */
  private static final class Holder {
    static final UringTransport INSTANCE;
    static final NetDriver.Availability AVAILABILITY;

    static {
      UringTransport t = null;
      String reason;
      try {
        t = new UringTransport(UringDriver.start("patina-io-uring"));
        reason = "io_uring ring set up (kernel " + System.getProperty("os.version") + ")";
      } catch (UringException e) {
        reason =
            switch (e.errno) {
              case 38 -> "the kernel has no io_uring (ENOSYS): " + e.getMessage();
              case 1, 13 ->
                  "io_uring is blocked here (seccomp, or sysctl kernel.io_uring_disabled): "
                      + e.getMessage();
              default -> e.getMessage();
            };
      } catch (UnsatisfiedLinkError | IllegalCallerException | UnsupportedOperationException e) {
        reason = "native access unavailable (run with --enable-native-access=ALL-UNNAMED): " + e;
      } catch (RuntimeException | ExceptionInInitializerError | NoClassDefFoundError e) {
        reason = "io_uring could not be started: " + e;
      }
      if (!System.getProperty("os.name", "").startsWith("Linux")) {
        reason = "io_uring is Linux only (this is " + System.getProperty("os.name") + ")";
      }
      INSTANCE = t;
      AVAILABILITY = new NetDriver.Availability(t != null, reason);
    }
  }

  public static NetDriver.Availability availability() {
    if (!System.getProperty("os.name", "").startsWith("Linux")) {
      return new NetDriver.Availability(
          false, "io_uring is Linux only (this is " + System.getProperty("os.name") + ")");
    }
    return Holder.AVAILABILITY;
  }

  /** The process's io_uring transport; throws with the probe's reason where it cannot run. */
  public static UringTransport instance() {
    NetDriver.Availability a = availability();
    if (!a.available()) {
      throw new UnsupportedOperationException("io_uring driver unavailable: " + a.reason());
    }
    return Holder.INSTANCE;
  }

  @Override
  public ListenerIo listen(InetSocketAddress local, int backlog) throws IOException {
    int fd = Libc.socket(SockAddr.family(local), Libc.SOCK_STREAM | Libc.SOCK_CLOEXEC);
    if (fd < 0) {
      throw Errors.of("socket", -fd);
    }
    try (Arena a = Arena.ofConfined()) {
      MemorySegment sa = a.allocate(SockAddr.CAPACITY);
      int len = SockAddr.encode(local, sa);
      int r = Libc.setIntOption(fd, Libc.SOL_SOCKET, Libc.SO_REUSEADDR, 1);
      if (r >= 0) {
        r = Libc.bind(fd, sa, len);
      }
      if (r >= 0) {
        r = Libc.listen(fd, backlog);
      }
      if (r < 0) {
        Libc.close(fd);
        throw Errors.of("bind " + local, -r);
      }
    }
    return new UringListener(driver, fd);
  }

  @Override
  public StreamIo connect(InetSocketAddress remote, long timeoutNanos) throws IOException {
    int fd = Libc.socket(SockAddr.family(remote), Libc.SOCK_STREAM | Libc.SOCK_CLOEXEC);
    if (fd < 0) {
      throw Errors.of("socket", -fd);
    }
    UringStream s = new UringStream(driver, fd);
    // The address must outlive the op: the op keeps it reachable until the completion.
    MemorySegment sa = Arena.ofAuto().allocate(SockAddr.CAPACITY);
    int len = SockAddr.encode(remote, sa);
    Op op = new Op(Op.CONNECT, fd, sa.address(), 0, 0, len, sa, true);
    try {
      s.run("connect", op, timeoutNanos);
    } catch (IOException | RuntimeException e) {
      s.close();
      throw e;
    }
    return s;
  }

  @Override
  public DatagramIo udp(InetSocketAddress local) throws IOException {
    int fd = Libc.socket(SockAddr.family(local), Libc.SOCK_DGRAM | Libc.SOCK_CLOEXEC);
    if (fd < 0) {
      throw Errors.of("socket", -fd);
    }
    try (Arena a = Arena.ofConfined()) {
      MemorySegment sa = a.allocate(SockAddr.CAPACITY);
      int r = Libc.bind(fd, sa, SockAddr.encode(local, sa));
      if (r < 0) {
        Libc.close(fd);
        throw Errors.of("bind " + local, -r);
      }
    }
    return new UringDatagram(driver, fd);
  }
}
