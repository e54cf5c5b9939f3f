package dev.patina.wasm.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.patina.wasm.Module;
import dev.patina.wasm.wasi.internal.Errno;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** sock_accept/recv/send/shutdown on a listening socket handed to the program (--tcplisten). */
class SocketTest {
  private static final String ECHO =
      """
      (module
        (import "wasi_snapshot_preview1" "sock_accept" (func $accept (param i32 i32 i32) (result i32)))
        (import "wasi_snapshot_preview1" "sock_recv"
          (func $recv (param i32 i32 i32 i32 i32 i32) (result i32)))
        (import "wasi_snapshot_preview1" "sock_send" (func $send (param i32 i32 i32 i32 i32) (result i32)))
        (import "wasi_snapshot_preview1" "sock_shutdown" (func $shutdown (param i32 i32) (result i32)))
        (import "wasi_snapshot_preview1" "fd_close" (func $close (param i32) (result i32)))
        (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
        (memory 1)
        (func $check (param i32) (if (local.get 0) (then (call $exit (i32.add (i32.const 100) (local.get 0))))))
        (func (export "_start") (local $fd i32)
          ;; errnos on the wrong kind of descriptor
          (if (i32.ne (call $recv (i32.const 1) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 8) (i32.const 12))
                      (i32.const 57)) (then (call $exit (i32.const 1))))
          (if (i32.ne (call $accept (i32.const 1) (i32.const 0) (i32.const 0)) (i32.const 57))
            (then (call $exit (i32.const 2))))
          (call $check (call $accept (i32.const 3) (i32.const 0) (i32.const 0)))
          (local.set $fd (i32.load (i32.const 0)))
          ;; iovec at 16 -> buffer 100, 64 bytes
          (i32.store (i32.const 16) (i32.const 100))
          (i32.store (i32.const 20) (i32.const 64))
          (call $check (call $recv (local.get $fd) (i32.const 16) (i32.const 1) (i32.const 0) (i32.const 8) (i32.const 12)))
          (i32.store (i32.const 20) (i32.load (i32.const 8)))
          (call $check (call $send (local.get $fd) (i32.const 16) (i32.const 1) (i32.const 0) (i32.const 8)))
          (call $check (call $shutdown (local.get $fd) (i32.const 2)))
          (call $check (call $close (local.get $fd)))))
      """;

  @Test
  void aProgramAcceptsAndEchoes() throws Exception {
    assertEquals(57, Errno.NOTSOCK);
    try (ServerSocketChannel listener = ServerSocketChannel.open()) {
      listener.bind(new InetSocketAddress("127.0.0.1", 0));
      int port = ((InetSocketAddress) listener.getLocalAddress()).getPort();
      CompletableFuture<String> client =
          CompletableFuture.supplyAsync(
              () -> {
                try (Socket s = new Socket("127.0.0.1", port)) {
                  OutputStream out = s.getOutputStream();
                  out.write("ping".getBytes(StandardCharsets.UTF_8));
                  out.flush();
                  InputStream in = s.getInputStream();
                  return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                } catch (Exception e) {
                  return "failed: " + e;
                }
              });
      WasiRunner runner =
          WasiRunner.builder().options(WasiOptions.builder().listener(listener).build()).build();
      assertEquals(0, runner.run(Module.fromText(ECHO)));
      assertEquals("ping", client.get(10, TimeUnit.SECONDS));
    }
  }
}
