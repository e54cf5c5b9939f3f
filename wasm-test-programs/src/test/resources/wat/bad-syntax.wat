(module
  (func (export "f") (result i32)
    (i32.const 1)
    (i32.add (i32.const 2)
  ;; the closing parentheses are missing
