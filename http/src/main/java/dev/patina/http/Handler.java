package dev.patina.http;

/** Turns a request into a response. An exception becomes a 500 response. */
@FunctionalInterface
public interface Handler {
  Response handle(Request request) throws Exception;
}
