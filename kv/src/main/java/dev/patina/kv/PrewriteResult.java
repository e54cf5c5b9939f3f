package dev.patina.kv;

import java.util.List;

/**
 * kvrpcpb.PrewriteResponse: {@code errors} lists the keys found locked (nothing was written then);
 * {@code minCommitTs} is set for async commit, {@code onePcCommitTs} when 1PC committed.
 */
public record PrewriteResult(List<KeyError> errors, long minCommitTs, long onePcCommitTs) {
  public PrewriteResult {
    errors = List.copyOf(errors);
  }

  public boolean ok() {
    return errors.isEmpty();
  }
}
