#!/usr/bin/env node
// The `konbit` command. The TypeScript sources are compiled to dist/ by `npm install`
// (the root `prepare` script) or `npm run build`.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const main = new URL('../dist/main.js', import.meta.url);
if (!existsSync(fileURLToPath(main))) {
  process.stderr.write(
    'konbit is not built yet: run `npm install` (or `npm run build`) in the repository root.\n',
  );
  process.exit(1);
}
const { run } = await import(main.href);
process.exitCode = await run(process.argv);
