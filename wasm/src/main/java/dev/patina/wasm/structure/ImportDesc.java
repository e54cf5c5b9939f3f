package dev.patina.wasm.structure;

import dev.patina.wasm.ExternKind;
import dev.patina.wasm.GlobalType;
import dev.patina.wasm.MemoryType;
import dev.patina.wasm.TableType;

/** What an import describes. Functions name their type by index into the type section. */
public sealed interface ImportDesc {
  ExternKind kind();

  record Func(int typeIndex) implements ImportDesc {
    @Override
    public ExternKind kind() {
      return ExternKind.FUNC;
    }
  }

  record Table(TableType type) implements ImportDesc {
    @Override
    public ExternKind kind() {
      return ExternKind.TABLE;
    }
  }

  record Memory(MemoryType type) implements ImportDesc {
    @Override
    public ExternKind kind() {
      return ExternKind.MEMORY;
    }
  }

  record Global(GlobalType type) implements ImportDesc {
    @Override
    public ExternKind kind() {
      return ExternKind.GLOBAL;
    }
  }
}
