package dev.patina.cli;

/** Entry point of the {@code patina} command. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.out.println("patina");
  }
}
