package dev.patina.stream.pgwire;

/** How the server authenticates clients (PostgreSQL's pg_hba methods of the same names). */
public enum AuthMethod {
  /** Anyone may connect as any user; RisingWave's default. */
  TRUST,
  /** A cleartext password (AuthenticationCleartextPassword). */
  PASSWORD,
  /** PostgreSQL's salted MD5 challenge (AuthenticationMD5Password). */
  MD5,
  /** SCRAM-SHA-256 over SASL, without channel binding. */
  SCRAM_SHA_256
}
