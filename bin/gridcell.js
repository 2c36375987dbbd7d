#!/usr/bin/env node
// Installed entry point: the compiled CLI (build/cli.js, made by `npm run build:server` at npm ci
// and npm start; `serve` runs build/serve.js, the same CLI with the server's packages bundled in),
// with V8's code cache of the command (build/code-cache.js); from a checkout not built yet, the
// TypeScript sources through tsx.
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const command = process.argv[2] ?? '';
const bundles = command === 'serve' ? ['serve.js', 'cli.js'] : ['cli.js'];
const compiled = bundles.map((bundle) => join(__dirname, '../build', bundle)).find(existsSync);
const loader = join(__dirname, '../build/code-cache.js');
let main;
if (!compiled) {
  require('tsx/cjs');
  ({ main } = require('../backend/cli.ts'));
} else if (existsSync(loader)) {
  ({ main } = require(loader).requireBundle(compiled, command));
} else {
  // A build from before the loader existed runs as it was built.
  ({ main } = require(compiled));
}
main(
  process.argv.slice(2),
  (s) => process.stdout.write(s + '\n'),
  (s) => process.stderr.write(s + '\n'),
).then((code) => {
  if (code >= 0) process.exitCode = code;
});
