#!/usr/bin/env node
// Installed entry point: runs the TypeScript CLI through tsx.
require('tsx/cjs');
const { main } = require('../backend/cli.ts');
main(
  process.argv.slice(2),
  (s) => process.stdout.write(s + '\n'),
  (s) => process.stderr.write(s + '\n'),
).then((code) => {
  if (code >= 0) process.exitCode = code;
});
