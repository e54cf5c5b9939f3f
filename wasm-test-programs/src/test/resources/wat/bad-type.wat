(module
  (func (export "f") (param i64) (result i32)
    ;; adds an i64 to an i32: a validation error
    (i32.add (local.get 0) (i32.const 1)))
  (func (result f32) (f64.const 1)))
