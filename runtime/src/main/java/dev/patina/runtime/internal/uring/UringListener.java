package dev.patina.runtime.internal.uring;

import dev.patina.runtime.net.internal.ListenerIo;
import dev.patina.runtime.net.internal.StreamIo;
import java.io.IOException;
import java.net.InetSocketAddress;

/** A listening socket whose accepts are ring ops. */
final class UringListener extends UringFd implements ListenerIo {
  UringListener(UringDriver driver, int fd) {
    super(driver, fd);
  }

  @Override
  public StreamIo accept(long timeoutNanos) throws IOException {
    Op op = new Op(Op.ACCEPT, fd, 0, 0, Libc.SOCK_CLOEXEC, 0, null, true);
    return new UringStream(driver, run("accept", op, timeoutNanos));
  }

  @Override
  public InetSocketAddress localAddress() throws IOException {
    return address(false);
  }
}
