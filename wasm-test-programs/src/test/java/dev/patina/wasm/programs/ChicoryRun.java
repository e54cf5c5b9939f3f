package dev.patina.wasm.programs;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasi.WasiExitException;
import com.dylibso.chicory.wasi.WasiOptions;
import com.dylibso.chicory.wasi.WasiPreview1;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The peer in the SQLite timing: runs a WASI program on Chicory 1.7.5 (interpreter, or its bytecode
 * compiler with --compiler) with the command line of {@code patina wasm run}: {@code ChicoryRun
 * [--compiler] [--dir HOST::GUEST]... FILE ARGS...}. Exits with the program's status.
 */
public final class ChicoryRun {
  private ChicoryRun() {}

  public static void main(String[] argv) throws Exception {
    boolean compiler = false;
    WasiOptions.Builder options = WasiOptions.builder().inheritSystem();
    int i = 0;
    for (; i < argv.length; i++) {
      if (argv[i].equals("--compiler")) {
        compiler = true;
      } else if (argv[i].equals("--dir")) {
        String[] hg = argv[++i].split("::", 2);
        options.withDirectory(hg.length == 2 ? hg[1] : hg[0], Path.of(hg[0]));
      } else {
        break;
      }
    }
    Path file = Path.of(argv[i]);
    List<String> args = new ArrayList<>(List.of(argv).subList(i, argv.length));
    options.withArguments(args);
    WasmModule module = Parser.parse(file);
    int status = 0;
    try (WasiPreview1 wasi = WasiPreview1.builder().withOptions(options.build()).build()) {
      Instance.Builder builder =
          Instance.builder(module)
              .withStart(false)
              .withImportValues(ImportValues.builder().addFunction(wasi.toHostFunctions()).build());
      if (compiler) {
        builder.withMachineFactory(MachineFactoryCompiler.compile(module));
      }
      Instance instance = builder.build();
      instance.export("_start").apply();
    } catch (WasiExitException e) {
      status = e.exitCode();
    }
    System.out.flush();
    System.exit(status);
  }
}
