// Bundles the recorder with esbuild: `node build.mjs` writes build/dist/recorder-cdp.js (the DevTools
// entry, one IIFE with no imports); `node build.mjs --tests` writes the node tests to build/test/.
// UNDERSTUDY_RECORDER_READABLE=1 leaves the bundle unminified, so that a page profile names the recorder's functions.
import { build } from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';

const tests = process.argv.includes('--tests');
if (tests) {
  rmSync('build/test', { recursive: true, force: true });
  await build({
    entryPoints: readdirSync('test').filter((f) => f.endsWith('.test.ts')).map((f) => 'test/' + f),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outdir: 'build/test',
    outExtension: { '.js': '.mjs' },
    logLevel: 'warning',
  });
} else {
  await build({
    entryPoints: { 'recorder-cdp': 'src/cdp.ts' },
    bundle: true,
    format: 'iife',
    target: 'chrome110',
    minify: !process.env.UNDERSTUDY_RECORDER_READABLE,
    legalComments: 'none',
    outdir: 'build/dist',
    logLevel: 'warning',
  });
}
