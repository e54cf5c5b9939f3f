package dev.patina.http.internal.h2;

import java.util.List;

/** The ten frame types of RFC 9113 §6, plus frames of unknown type (which are ignored). */
public sealed interface Frame {
  int streamId();

  int TYPE_DATA = 0x0;
  int TYPE_HEADERS = 0x1;
  int TYPE_PRIORITY = 0x2;
  int TYPE_RST_STREAM = 0x3;
  int TYPE_SETTINGS = 0x4;
  int TYPE_PUSH_PROMISE = 0x5;
  int TYPE_PING = 0x6;
  int TYPE_GOAWAY = 0x7;
  int TYPE_WINDOW_UPDATE = 0x8;
  int TYPE_CONTINUATION = 0x9;

  int FLAG_END_STREAM = 0x1;
  int FLAG_ACK = 0x1;
  int FLAG_END_HEADERS = 0x4;
  int FLAG_PADDED = 0x8;
  int FLAG_PRIORITY = 0x20;

  /**
   * @param data payload without padding
   * @param flowLength the whole frame payload, padding included: what flow control counts (§6.9.1)
   */
  record Data(int streamId, byte[] data, boolean endStream, int flowLength) implements Frame {}

  /**
   * @param dependency the priority fields, or null without the PRIORITY flag (deprecated)
   */
  record Headers(
      int streamId, byte[] fragment, boolean endStream, boolean endHeaders, Priority dependency)
      implements Frame {}

  record Priority(int streamId, int dependsOn, boolean exclusive, int weight) implements Frame {}

  record RstStream(int streamId, int errorCode) implements Frame {}

  record Setting(int id, long value) {
    public static final int HEADER_TABLE_SIZE = 0x1;
    public static final int ENABLE_PUSH = 0x2;
    public static final int MAX_CONCURRENT_STREAMS = 0x3;
    public static final int INITIAL_WINDOW_SIZE = 0x4;
    public static final int MAX_FRAME_SIZE = 0x5;
    public static final int MAX_HEADER_LIST_SIZE = 0x6;
  }

  record Settings(boolean ack, List<Setting> settings) implements Frame {
    @Override
    public int streamId() {
      return 0;
    }
  }

  record PushPromise(int streamId, int promisedStreamId, byte[] fragment, boolean endHeaders)
      implements Frame {}

  record Ping(boolean ack, long opaque) implements Frame {
    @Override
    public int streamId() {
      return 0;
    }
  }

  record GoAway(int lastStreamId, int errorCode, byte[] debug) implements Frame {
    @Override
    public int streamId() {
      return 0;
    }
  }

  record WindowUpdate(int streamId, int increment) implements Frame {}

  record Continuation(int streamId, byte[] fragment, boolean endHeaders) implements Frame {}

  record Unknown(int type, int streamId) implements Frame {}
}
