// Builds the unpacked extension: bundles the background worker, the content script (with the recorder
// core) and the popup with esbuild, copies the manifest and the popup page, and draws the icons.
//   node build.mjs [--out DIR]   (default: dist)
// Writes files.txt, the list of what it wrote, which 'understudy browser install' unpacks from.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { png } from './icons.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const outIndex = process.argv.indexOf('--out');
const out = resolve(here, outIndex > 0 ? process.argv[outIndex + 1] : 'dist');

rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, 'icons'), { recursive: true });

const entries = ['background', 'content', 'popup'];
await build({
  entryPoints: Object.fromEntries(entries.map((e) => [e, join(here, 'src', `${e}.ts`)])),
  outdir: out,
  bundle: true,
  format: 'iife',
  target: ['chrome120', 'firefox128'],
  minify: false,
  legalComments: 'none',
  logLevel: 'warning',
});

const files = entries.map((e) => `${e}.js`);
for (const f of ['manifest.json', 'src/popup.html']) {
  const name = f.replace(/^src\//, '');
  copyFileSync(join(here, f), join(out, name));
  files.push(name);
}
// A dot: red while recording, grey otherwise.
const colors = { on: [197, 34, 31], off: [95, 99, 104] };
for (const [state, rgb] of Object.entries(colors)) {
  for (const size of [16, 32, 48, 128]) {
    const name = `icons/${state}-${size}.png`;
    writeFileSync(join(out, name), png(size, rgb));
    files.push(name);
  }
}
files.push('files.txt');
writeFileSync(join(out, 'files.txt'), files.sort().join('\n') + '\n');
