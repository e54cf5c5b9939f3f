package dev.patina.stream.pgwire.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The server side of SCRAM-SHA-256 (RFC 5802, RFC 7677) as PostgreSQL runs it: no channel binding
 * (the server offers only {@code SCRAM-SHA-256}), the user name taken from the startup packet.
 */
public final class Scram {
  public static final String MECHANISM = "SCRAM-SHA-256";
  private static final int ITERATIONS = 4096;
  private static final SecureRandom RANDOM = new SecureRandom();

  /** What the server stores for a password: salt, iterations, StoredKey and ServerKey. */
  public record Verifier(byte[] salt, int iterations, byte[] storedKey, byte[] serverKey) {
    public static Verifier of(String password) {
      byte[] salt = new byte[16];
      RANDOM.nextBytes(salt);
      byte[] salted = pbkdf2(password, salt, ITERATIONS);
      return new Verifier(
          salt, ITERATIONS, sha256(hmac(salted, "Client Key")), hmac(salted, "Server Key"));
    }
  }

  /** A failed exchange; the client is told only that authentication failed. */
  public static final class ScramException extends Exception {
    public ScramException(String message) {
      super(message);
    }
  }

  private final Verifier verifier;
  private String clientFirstBare;
  private String serverFirst;
  private String gs2Header;
  private String nonce;

  public Scram(Verifier verifier) {
    this.verifier = verifier;
  }

  /** Handles SASLInitialResponse's data; returns server-first-message. */
  public String clientFirst(String message) throws ScramException {
    // gs2-header: "n,," or "y,," (client could bind but we do not offer it); "p=" is refused.
    int first = message.indexOf(',');
    int second = first < 0 ? -1 : message.indexOf(',', first + 1);
    if (second < 0) {
      throw new ScramException("malformed SCRAM message");
    }
    String cbFlag = message.substring(0, first);
    if (!cbFlag.equals("n") && !cbFlag.equals("y")) {
      throw new ScramException("channel binding is not supported");
    }
    gs2Header = message.substring(0, second + 1);
    clientFirstBare = message.substring(second + 1);
    String clientNonce = null;
    for (String attr : clientFirstBare.split(",")) {
      if (attr.startsWith("r=")) {
        clientNonce = attr.substring(2);
      } else if (attr.startsWith("m=")) {
        throw new ScramException("unsupported SCRAM extension");
      }
    }
    if (clientNonce == null || clientNonce.isEmpty()) {
      throw new ScramException("malformed SCRAM message: no nonce");
    }
    byte[] serverNonce = new byte[18];
    RANDOM.nextBytes(serverNonce);
    nonce = clientNonce + Base64.getEncoder().encodeToString(serverNonce);
    serverFirst =
        "r="
            + nonce
            + ",s="
            + Base64.getEncoder().encodeToString(verifier.salt())
            + ",i="
            + verifier.iterations();
    return serverFirst;
  }

  /** Handles SASLResponse's data; returns server-final-message if the proof is right. */
  public String clientFinal(String message) throws ScramException {
    int proofAt = message.lastIndexOf(",p=");
    if (proofAt < 0 || serverFirst == null) {
      throw new ScramException("malformed SCRAM message");
    }
    String withoutProof = message.substring(0, proofAt);
    String channelBinding = null;
    String finalNonce = null;
    for (String attr : withoutProof.split(",")) {
      if (attr.startsWith("c=")) {
        channelBinding = attr.substring(2);
      } else if (attr.startsWith("r=")) {
        finalNonce = attr.substring(2);
      }
    }
    String expectedBinding =
        Base64.getEncoder().encodeToString(gs2Header.getBytes(StandardCharsets.UTF_8));
    if (!expectedBinding.equals(channelBinding) || !nonce.equals(finalNonce)) {
      throw new ScramException("SCRAM channel binding or nonce mismatch");
    }
    byte[] proof;
    try {
      proof = Base64.getDecoder().decode(message.substring(proofAt + 3));
    } catch (IllegalArgumentException e) {
      throw new ScramException("malformed SCRAM proof");
    }
    String authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
    byte[] clientSignature = hmac(verifier.storedKey(), authMessage);
    if (proof.length != clientSignature.length) {
      throw new ScramException("malformed SCRAM proof");
    }
    byte[] clientKey = new byte[proof.length];
    for (int i = 0; i < proof.length; i++) {
      clientKey[i] = (byte) (proof[i] ^ clientSignature[i]);
    }
    if (!MessageDigest.isEqual(sha256(clientKey), verifier.storedKey())) {
      throw new ScramException("wrong password");
    }
    byte[] serverSignature = hmac(verifier.serverKey(), authMessage);
    return "v=" + Base64.getEncoder().encodeToString(serverSignature);
  }

  static byte[] pbkdf2(String password, byte[] salt, int iterations) {
    try {
      SecretKeyFactory f = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
      return f.generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, 256))
          .getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
