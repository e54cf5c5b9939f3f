package dev.patina.kv.proto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.google.protobuf.ByteString;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.ExtensionRegistry;
import java.lang.reflect.Method;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Patina's generated classes describe exactly the wire protocol that the official client
 * (tikv-client-java, a fat jar with its own shaded copies) was built from; only the Java package
 * differs.
 */
class WireCompatibilityTest {

  /** Ours, and the client's class for the same .proto file. */
  record Pair(FileDescriptor ours, String clientClass) {}

  static List<Pair> files() {
    return List.of(
        new Pair(Kvrpcpb.getDescriptor(), "org.tikv.kvproto.Kvrpcpb"),
        new Pair(Pdpb.getDescriptor(), "org.tikv.kvproto.Pdpb"),
        new Pair(Tikvpb.getDescriptor(), "org.tikv.kvproto.Tikvpb"),
        new Pair(Metapb.getDescriptor(), "org.tikv.kvproto.Metapb"),
        new Pair(Errorpb.getDescriptor(), "org.tikv.kvproto.Errorpb"),
        new Pair(Coprocessor.getDescriptor(), "org.tikv.kvproto.Coprocessor"),
        new Pair(RaftServerpb.getDescriptor(), "org.tikv.kvproto.RaftServerpb"),
        new Pair(Encryptionpb.getDescriptor(), "org.tikv.kvproto.Encryptionpb"),
        new Pair(Tracepb.getDescriptor(), "org.tikv.kvproto.Tracepb"),
        new Pair(Mpp.getDescriptor(), "org.tikv.kvproto.Mpp"),
        new Pair(DiskUsageOuterClass.getDescriptor(), "org.tikv.kvproto.DiskUsageOuterClass"),
        new Pair(Eraftpb.getDescriptor(), "eraftpb.Eraftpb"),
        new Pair(ReplicationModepb.getDescriptor(), "replication_modepb.ReplicationModepb"),
        new Pair(DeadlockOuterClass.getDescriptor(), "deadlock.DeadlockOuterClass"),
        new Pair(Rustproto.getDescriptor(), "rustproto.Rustproto"));
  }

  @ParameterizedTest
  @MethodSource("files")
  void sameDescriptorsAsTheOfficialClientApartFromJavaOptions(Pair pair) throws Exception {
    Class<?> client = Class.forName(pair.clientClass());
    Method getDescriptor = client.getMethod("getDescriptor");
    Object clientDescriptor = getDescriptor.invoke(null);
    Object clientProto = clientDescriptor.getClass().getMethod("toProto").invoke(clientDescriptor);
    byte[] clientBytes =
        (byte[]) clientProto.getClass().getMethod("toByteArray").invoke(clientProto);

    // Both sides parsed from bytes with the same extensions known (gogoproto, rustproto options).
    ExtensionRegistry extensions = ExtensionRegistry.newInstance();
    GoGoProtos.registerAllExtensions(extensions);
    Rustproto.registerAllExtensions(extensions);
    FileDescriptorProto theirs =
        withoutJavaOptions(FileDescriptorProto.parseFrom(clientBytes, extensions));
    FileDescriptorProto ours =
        withoutJavaOptions(
            FileDescriptorProto.parseFrom(pair.ours().toProto().toByteArray(), extensions));
    assertEquals(theirs, ours, pair.ours().getName());
    assertEquals("dev.patina.kv.proto", pair.ours().getOptions().getJavaPackage());
    assertNotEquals(client.getPackageName(), Kvrpcpb.class.getPackageName());
  }

  private static FileDescriptorProto withoutJavaOptions(FileDescriptorProto file) {
    FileDescriptorProto.Builder b = file.toBuilder();
    b.getOptionsBuilder().clearJavaPackage().clearJavaOuterClassname().clearJavaMultipleFiles();
    if (b.getOptions()
        .equals(com.google.protobuf.DescriptorProtos.FileOptions.getDefaultInstance())) {
      b.clearOptions();
    }
    return b.build();
  }

  @Test
  void serviceNamesOnTheWireAreKvprotos() {
    assertEquals("pdpb.PD/Tso", PDGrpc.getTsoMethod().getFullMethodName());
    assertEquals("pdpb.PD/GetMembers", PDGrpc.getGetMembersMethod().getFullMethodName());
    assertEquals("tikvpb.Tikv/RawGet", TikvGrpc.getRawGetMethod().getFullMethodName());
    assertEquals(
        org.tikv.kvproto.PDGrpc.getTsoMethod().getFullMethodName(),
        PDGrpc.getTsoMethod().getFullMethodName());
  }

  @Test
  void bytesWrittenByOursParseInTheClientsAndBack() throws Exception {
    Kvrpcpb.RawPutRequest ours =
        Kvrpcpb.RawPutRequest.newBuilder()
            .setContext(
                Kvrpcpb.Context.newBuilder()
                    .setRegionId(7)
                    .setPeer(Metapb.Peer.newBuilder().setId(9).setStoreId(1)))
            .setKey(ByteString.copyFromUtf8("k"))
            .setValue(ByteString.copyFromUtf8("v"))
            .setCf("default")
            .setTtl(30)
            .build();
    org.tikv.kvproto.Kvrpcpb.RawPutRequest theirs =
        org.tikv.kvproto.Kvrpcpb.RawPutRequest.parseFrom(ours.toByteArray());
    assertEquals(7, theirs.getContext().getRegionId());
    assertEquals(9, theirs.getContext().getPeer().getId());
    assertEquals("v", theirs.getValue().toStringUtf8());
    assertEquals(30, theirs.getTtl());
    assertArrayEquals(ours.toByteArray(), theirs.toByteArray());
    assertEquals(ours, Kvrpcpb.RawPutRequest.parseFrom(theirs.toByteArray()));
  }
}
