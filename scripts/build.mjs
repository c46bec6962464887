#!/usr/bin/env node
// `npm run build`: type-checks and emits every package (tsc -b), then the rollup bundles
// (rollup.config.mjs), then the custom-elements manifest of the widgets.
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { rollup } from 'rollup';

const root = new URL('..', import.meta.url).pathname;
const step = (command, args, cwd = root) => {
  const { status } = spawnSync(command, args, { cwd, stdio: 'inherit' });
  if (status !== 0) process.exit(status ?? 1);
};

step('npx', ['--no-install', 'tsc', '-b']);

// Chunk names carry a content hash: drop the last build's, so only the current ones ship.
rmSync(new URL('../packages/widgets/cdn/chunks', import.meta.url), { recursive: true, force: true });

const { default: builds } = await import('../rollup.config.mjs');
for (const { output, name: _name, ...input } of builds) {
  const bundle = await rollup({ ...input, logLevel: 'warn' });
  await bundle.write(output);
  await bundle.close();
  console.log(`rollup: ${output.file ?? output.dir}`);
}

if (existsSync(new URL('../packages/widgets/package.json', import.meta.url))) {
  const { scripts = {} } = (await import('../packages/widgets/package.json', { with: { type: 'json' } })).default;
  if (scripts.manifest) step('npm', ['run', '--silent', 'manifest'], `${root}packages/widgets`);
}
