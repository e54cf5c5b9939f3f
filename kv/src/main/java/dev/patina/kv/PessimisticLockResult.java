package dev.patina.kv;

import java.util.List;

/**
 * kvrpcpb.PessimisticLockResponse (normal wake-up mode): per requested key, the value when {@code
 * returnValues} (null for absent: {@code notFounds}), or existence when {@code checkExistence}.
 */
public record PessimisticLockResult(List<byte[]> values, List<Boolean> notFounds) {}
