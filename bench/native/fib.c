// The native twin of fib.wat (which has no C source): doubly recursive Fibonacci. Built with
// -fno-optimize-sibling-calls, else gcc turns one of the two calls into a loop (an accumulator),
// which the Wasm program deliberately does not do: one call per node of the recursion tree.
__attribute__((noinline)) static int fib(int n) {
  return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

int run(int n) { return fib(n); }
