package dev.patina.runtime.internal.uring;

import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;

/** An errno from a ring completion or a libc call, as the exception the JDK throws for it. */
final class Errors {
  static final int EINTR = 4;
  static final int EAGAIN = 11;
  static final int ECANCELED = 125;

  private Errors() {}

  static IOException of(String what, int errno) {
    String text = Libc.strerror(errno);
    return switch (errno) {
      case 111 -> new ConnectException("Connection refused"); // ECONNREFUSED
      case 104 -> new SocketException("Connection reset"); // ECONNRESET
      case 32 -> new SocketException("Broken pipe"); // EPIPE
      case 98, 99 -> new BindException(text); // EADDRINUSE, EADDRNOTAVAIL
      case 101, 113 -> new NoRouteToHostException(text); // ENETUNREACH, EHOSTUNREACH
      case 110 -> // ETIMEDOUT
          what.equals("connect")
              ? new ConnectException("Connection timed out")
              : new SocketException(text);
      default -> new SocketException(what + ": " + text + " (errno " + errno + ")");
    };
  }
}
