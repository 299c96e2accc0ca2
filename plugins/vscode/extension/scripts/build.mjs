// Bundles the extension (vscode stays external: VS Code provides it) and the tests, with esbuild.
import { build } from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
rmSync('out', { recursive: true, force: true });

// VS Code 1.82 runs extensions on Node 18.
const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node18', logLevel: 'warning' };

await build({ ...common, entryPoints: ['src/extension.ts'], outfile: 'out/extension.js', external: ['vscode'] });

// The wiring test runs extension.ts against stand-ins for `vscode` and the language client.
const fakes = {
  name: 'fakes',
  setup(b) {
    b.onResolve({ filter: /^vscode$/ }, () => ({ path: join(root, 'test/fakes/vscode.ts') }));
    b.onResolve({ filter: /^vscode-languageclient\/node$/ }, () => ({ path: join(root, 'test/fakes/languageclient.ts') }));
  },
};
const tests = (dir) => readdirSync(dir).filter((f) => f.endsWith('.test.ts')).map((f) => join(dir, f));
await build({ ...common, entryPoints: tests('test/unit'), outdir: 'out/test', plugins: [fakes] });
await build({ ...common, entryPoints: tests('test/package'), outdir: 'out/package-test' });
