// The V8 flags the server runs with (npm start, and the servers the tests and benchmarks start): a small young
// generation, since a center's box serves a few requests a second and its memory matters more than the few
// milliseconds more that garbage collection then takes.
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=4'];
