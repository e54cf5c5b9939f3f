package dev.patina.wasm.compiler.internal;

import java.util.Map;

/** Defines the classes generated for one module, on demand, beside the compiler's own classes. */
final class GeneratedClassLoader extends ClassLoader {
  static {
    registerAsParallelCapable();
  }

  private final Map<String, byte[]> classes;

  GeneratedClassLoader(Map<String, byte[]> classes) {
    super("patina-wasm-generated", GeneratedClassLoader.class.getClassLoader());
    this.classes = classes;
  }

  @Override
  protected Class<?> findClass(String name) throws ClassNotFoundException {
    byte[] bytes = classes.get(name.replace('.', '/'));
    if (bytes == null) {
      throw new ClassNotFoundException(name);
    }
    return defineClass(name, bytes, 0, bytes.length);
  }
}
