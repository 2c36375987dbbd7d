#!/usr/bin/env node
// Installed entry point: the compiled CLI (build/cli.js, made by `npm run build:server` at npm ci
// and npm start), with V8's code cache of the command (build/code-cache.js); from a checkout not
// built yet, the TypeScript sources through tsx.
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const compiled = join(__dirname, '../build/cli.js');
const loader = join(__dirname, '../build/code-cache.js');
let main;
if (!existsSync(compiled)) {
  require('tsx/cjs');
  ({ main } = require('../backend/cli.ts'));
} else if (existsSync(loader)) {
  ({ main } = require(loader).requireBundle(compiled, process.argv[2] ?? ''));
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
