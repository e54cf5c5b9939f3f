;; Recursive Fibonacci: patina wasm run examples/wasm/fib.wat --invoke fib 25
(module $fib
  (func $fib (export "fib") (param $n i32) (result i32)
    (if (result i32) (i32.lt_u (local.get $n) (i32.const 2))
      (then (local.get $n))
      (else
        (i32.add
          (call $fib (i32.sub (local.get $n) (i32.const 1)))
          (call $fib (i32.sub (local.get $n) (i32.const 2)))))))

  ;; Divides and so traps on zero: patina wasm run examples/wasm/fib.wat --invoke ratio 1 0
  (func $ratio (export "ratio") (param $a i32) (param $b i32) (result i32)
    (i32.div_s (local.get $a) (local.get $b))))
