;; Doubly recursive Fibonacci, written in WAT so that no compiler turns half of the calls into a
;; loop: one call per node of the recursion tree, i.e. about 1.6^n calls and returns.
(module
  (func $fib (param $n i32) (result i32)
    (if (result i32) (i32.lt_s (local.get $n) (i32.const 2))
      (then (local.get $n))
      (else
        (i32.add
          (call $fib (i32.sub (local.get $n) (i32.const 1)))
          (call $fib (i32.sub (local.get $n) (i32.const 2)))))))
  (memory (export "memory") 1)
  (func (export "run") (param $n i32) (result i32)
    (call $fib (local.get $n))))
