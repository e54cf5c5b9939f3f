package dev.patina.wasm.programs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordingFile;

/**
 * Counts the calls of chosen JVM methods while some code runs, with JFR's method timing (JDK 25,
 * JEP 520): JFR instruments exactly the named methods' bytecode, also of classes loaded later, and
 * reports complete invocation counts, not samples. A method that is never entered has no event, so
 * its count is 0.
 */
final class MethodCalls {
  private MethodCalls() {}

  /**
   * Runs {@code body} while counting the calls of {@code methods} (each {@code
   * binary.class.Name::method}); returns the count per {@code Class::method}, 0 for those not
   * called.
   */
  static Map<String, Long> count(Collection<String> methods, Runnable body) {
    Map<String, Long> counts = new LinkedHashMap<>();
    methods.forEach(m -> counts.put(m, 0L));
    Path file;
    try (Recording recording = new Recording()) {
      recording
          .enable("jdk.MethodTiming")
          .with("filter", String.join(";", methods))
          .with("period", "endChunk");
      recording.start();
      try {
        body.run();
      } finally {
        recording.stop();
      }
      file = Files.createTempFile("method-calls", ".jfr");
      recording.dump(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
        if (!e.getEventType().getName().equals("jdk.MethodTiming")) {
          continue;
        }
        RecordedMethod m = e.getValue("method");
        String name = m.getType().getName() + "::" + m.getName();
        counts.merge(name, e.getLong("invocations"), Math::max);
      }
      Files.delete(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return counts;
  }
}
