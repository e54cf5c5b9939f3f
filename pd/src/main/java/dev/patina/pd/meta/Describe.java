package dev.patina.pd.meta;

import com.google.protobuf.ByteString;
import dev.patina.kv.proto.Metapb;
import java.util.HexFormat;

/** One-line descriptions of metadata for error messages and logs (keys in hex). */
final class Describe {
  private Describe() {}

  static String region(Metapb.Region r) {
    return "{id: "
        + r.getId()
        + ", start: "
        + key(r.getStartKey())
        + ", end: "
        + key(r.getEndKey())
        + ", epoch: {conf_ver: "
        + r.getRegionEpoch().getConfVer()
        + ", version: "
        + r.getRegionEpoch().getVersion()
        + "}, peers: "
        + r.getPeersCount()
        + "}";
  }

  static String key(ByteString k) {
    return k.isEmpty() ? "\"\"" : HexFormat.of().withUpperCase().formatHex(k.toByteArray());
  }
}
