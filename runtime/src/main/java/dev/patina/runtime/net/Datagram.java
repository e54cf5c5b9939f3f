package dev.patina.runtime.net;

import java.net.InetSocketAddress;

/**
 * What {@link UdpSocket#recvFrom} received.
 *
 * @param length bytes stored in the caller's buffer
 * @param source the sender
 * @param truncated the datagram was longer than the buffer and its tail was discarded (Tokio
 *     discards it silently; Patina says so)
 */
public record Datagram(int length, InetSocketAddress source, boolean truncated) {}
