/**
 * The packaged .vsix (run after `npm run package`): a sound zip holding the manifest and the bundle, and
 * nothing else; its bundle loads with only `vscode` left to the host.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { inflateRawSync } from 'node:zlib';

const root = resolve(__dirname, '..', '..');
const source = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const vsixPath = join(root, 'dist', `${source.name}-${source.version}.vsix`);

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) {
    c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return c >>> 0;
});

function crc32(data: Buffer): number {
  let c = 0xffffffff;
  for (const byte of data) {
    c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  }
  return (c ^ 0xffffffff) >>> 0;
}

/** Reads every entry through the central directory, checking signatures, sizes and CRCs on the way. */
function readZip(zip: Buffer): Map<string, Buffer> {
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  assert.notEqual(eocd, -1, 'no end of central directory record: not a zip');
  const count = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  const entries = new Map<string, Buffer>();
  for (let n = 0; n < count; n++) {
    assert.equal(zip.readUInt32LE(p), 0x02014b50, `central directory entry ${n}: bad signature`);
    const method = zip.readUInt16LE(p + 10);
    const crc = zip.readUInt32LE(p + 16);
    const compressed = zip.readUInt32LE(p + 20);
    const size = zip.readUInt32LE(p + 24);
    const nameLength = zip.readUInt16LE(p + 28);
    const skip = nameLength + zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32);
    const local = zip.readUInt32LE(p + 42);
    const name = zip.toString('utf8', p + 46, p + 46 + nameLength);
    p += 46 + skip;
    assert.equal(zip.readUInt32LE(local), 0x04034b50, `${name}: bad local header signature`);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const raw = zip.subarray(start, start + compressed);
    assert.ok(method === 0 || method === 8, `${name}: compression method ${method}`);
    const data = method === 8 ? inflateRawSync(raw) : Buffer.from(raw);
    assert.equal(data.length, size, `${name}: size`);
    assert.equal(crc32(data), crc, `${name}: CRC`);
    entries.set(name, data);
  }
  return entries;
}

describe('the .vsix', () => {
  let entries: Map<string, Buffer>;
  let scratch: string;

  before(() => {
    entries = readZip(readFileSync(vsixPath));
    scratch = mkdtempSync(join(tmpdir(), 'understudy-vsix-'));
  });

  after(() => rmSync(scratch, { recursive: true, force: true }));

  it('is the only package in dist, named after the package name and version', () => {
    assert.deepEqual(readdirSync(join(root, 'dist')).filter((f) => f.endsWith('.vsix')), [`${source.name}-${source.version}.vsix`]);
  });

  it('holds the manifest, package.json, README and the bundle, and nothing else', () => {
    assert.deepEqual([...entries.keys()].sort(), [
      '[Content_Types].xml',
      'extension.vsixmanifest',
      'extension/README.md',
      'extension/out/extension.js',
      'extension/package.json',
    ]);
  });

  it('carries the package.json it was built from', () => {
    const packaged = JSON.parse(entries.get('extension/package.json')!.toString('utf8'));
    assert.equal(packaged.name, source.name);
    assert.equal(packaged.version, source.version);
    assert.equal(packaged.main, './out/extension.js');
    assert.deepEqual(packaged.contributes, source.contributes);
    const manifest = entries.get('extension.vsixmanifest')!.toString('utf8');
    assert.match(manifest, new RegExp(`<Identity [^>]*Id="${source.name}"[^>]*Version="${source.version}"[^>]*Publisher="${source.publisher}"`));
  });

  it('bundles the language client, so the bundle loads with only vscode from the host', () => {
    const bundle = entries.get('extension/out/extension.js')!.toString('utf8');
    assert.doesNotMatch(bundle, /require\("vscode-languageclient/);
    assert.match(bundle, /require\("vscode"\)/);

    // A stand-in `vscode` that answers anything: enough for the bundle's top level to run.
    const vscodeDir = join(scratch, 'node_modules', 'vscode');
    mkdirSync(vscodeDir, { recursive: true });
    writeFileSync(join(vscodeDir, 'package.json'), '{"name":"vscode","main":"index.js"}');
    writeFileSync(
      join(vscodeDir, 'index.js'),
      [
        'const stub = () => new Proxy(function () {}, {',
        "  get: (_t, key) => (key === 'then' ? undefined : stub()),",
        '  apply: () => stub(),',
        '  construct: () => stub(),',
        '});',
        'module.exports = stub();',
      ].join('\n'),
    );
    writeFileSync(join(scratch, 'extension.js'), bundle);
    const loaded = require(join(scratch, 'extension.js'));
    assert.equal(typeof loaded.activate, 'function');
    assert.equal(typeof loaded.deactivate, 'function');
  });
});
