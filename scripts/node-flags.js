// The V8 flags the server runs with (npm start, and the servers the tests and benchmarks start). A center's box serves
// a few requests a second and its memory matters more than the few milliseconds these flags cost:
// - a small young generation;
// - one V8 background thread instead of four: those threads compile PGlite's hot WebAssembly functions with
//   TurboFan while it starts, each in a malloc arena of its own, and glibc keeps what the compilations freed there
//   (70 MB of a warm start's 265 MB was free memory malloc_trim gave back). With one thread a warm start stays near
//   210 MB instead of 240-280 MB.
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=4', '--v8-pool-size=1'];
