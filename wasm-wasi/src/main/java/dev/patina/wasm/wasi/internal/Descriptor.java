package dev.patina.wasm.wasi.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.List;

/** What a WASI file descriptor stands for. Closing releases the host resource, if any. */
public sealed interface Descriptor extends AutoCloseable {
  /** The WASI file type reported by fdstat and filestat. */
  int filetype();

  @Override
  default void close() throws IOException {}

  /** Standard input: reads block until some bytes are there. */
  record Input(InputStream in, boolean terminal) implements Descriptor {
    @Override
    public int filetype() {
      return terminal ? Wasi1.FILETYPE_CHARACTER_DEVICE : Wasi1.FILETYPE_UNKNOWN;
    }
  }

  /** Standard output or error: each write is flushed. */
  record Output(OutputStream out, boolean terminal) implements Descriptor {
    @Override
    public int filetype() {
      return terminal ? Wasi1.FILETYPE_CHARACTER_DEVICE : Wasi1.FILETYPE_UNKNOWN;
    }
  }

  /** An open file under a preopened directory. */
  final class File implements Descriptor {
    public final Path path;
    public final SeekableByteChannel channel;
    public final boolean readable;
    public final boolean writable;
    public final boolean readOnlyTree;
    public boolean append;
    public boolean nonblock;

    public File(
        Path path,
        SeekableByteChannel channel,
        boolean readable,
        boolean writable,
        boolean readOnlyTree,
        int fdflags) {
      this.path = path;
      this.channel = channel;
      this.readable = readable;
      this.writable = writable;
      this.readOnlyTree = readOnlyTree;
      this.append = (fdflags & Wasi1.FDFLAGS_APPEND) != 0;
      this.nonblock = (fdflags & Wasi1.FDFLAGS_NONBLOCK) != 0;
    }

    public FileChannel fileChannel() {
      return channel instanceof FileChannel f ? f : null;
    }

    @Override
    public int filetype() {
      return Wasi1.FILETYPE_REGULAR_FILE;
    }

    @Override
    public void close() throws IOException {
      channel.close();
    }
  }

  /**
   * A directory: a capability for the tree below {@code path}. {@code preopenName} is the guest
   * name of a preopened directory, null for one opened by the guest.
   */
  final class Directory implements Descriptor {
    public final Path path;
    public final String preopenName;
    public final boolean readOnly;

    /** The listing fd_readdir serves cookies from; refreshed when a read starts at cookie 0. */
    public List<DirEntry> listing;

    public Directory(Path path, String preopenName, boolean readOnly) {
      this.path = path;
      this.preopenName = preopenName;
      this.readOnly = readOnly;
    }

    @Override
    public int filetype() {
      return Wasi1.FILETYPE_DIRECTORY;
    }
  }

  /** An entry of a directory listing. */
  record DirEntry(String name, long inode, int filetype) {}

  /** A listening TCP socket handed to the program ({@code --tcplisten}). */
  final class Listener implements Descriptor {
    public final ServerSocketChannel channel;
    public boolean nonblock;

    public Listener(ServerSocketChannel channel) {
      this.channel = channel;
    }

    @Override
    public int filetype() {
      return Wasi1.FILETYPE_SOCKET_STREAM;
    }

    @Override
    public void close() throws IOException {
      channel.close();
    }
  }

  /** A connected TCP socket, from sock_accept. */
  final class Socket implements Descriptor {
    public final SocketChannel channel;
    public boolean nonblock;

    public Socket(SocketChannel channel, boolean nonblock) {
      this.channel = channel;
      this.nonblock = nonblock;
    }

    @Override
    public int filetype() {
      return Wasi1.FILETYPE_SOCKET_STREAM;
    }

    @Override
    public void close() throws IOException {
      channel.close();
    }
  }
}
