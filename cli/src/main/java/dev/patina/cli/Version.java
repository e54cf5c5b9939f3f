package dev.patina.cli;

import picocli.CommandLine.IVersionProvider;

/** The version line of {@code patina --version}, from the jar's manifest. */
public final class Version implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = Main.class.getPackage().getImplementationVersion();
    return new String[] {
      "patina " + (v == null ? "(development build)" : v),
      "Java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")"
    };
  }
}
