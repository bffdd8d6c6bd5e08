// Keeps docs/getting-started.md honest: its code blocks must equal the
// files in this folder, its output blocks must equal what those files print
// when run in order against a fresh dynarock-server (run.sh starts one).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { promisify } from 'node:util';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../../..');
const docPath = path.join(repo, 'docs/getting-started.md');
const steps = readdirSync(here).filter((f) => /^\d\d-.*\.mjs$/.test(f)).sort();
const sources = readdirSync(here).filter((f) => f.endsWith('.mjs') && !f.endsWith('.test.mjs'));

// A block is tied to a file by the comment on the line before its fence:
//   <!-- file: tests/clients/tutorial/01-write.mjs -->     the code, verbatim
//   <!-- output: tests/clients/tutorial/01-write.mjs -->   what it prints
function docBlocks() {
  const lines = readFileSync(docPath, 'utf8').split('\n');
  const blocks = [];
  for (let i = 0; i < lines.length; i++) {
    const marker = lines[i].match(/^<!-- (file|output): (\S+) -->$/);
    if (!marker) continue;
    assert.match(lines[i + 1] ?? '', /^```\w*$/, `a fence follows the marker on line ${i + 1}`);
    const end = lines.indexOf('```', i + 2);
    assert.ok(end > i, `the block after line ${i + 1} is closed`);
    blocks.push({ kind: marker[1], file: marker[2], text: lines.slice(i + 2, end).join('\n') + '\n' });
    i = end;
  }
  return blocks;
}

test('every tutorial file appears verbatim in docs/getting-started.md', () => {
  const blocks = docBlocks();
  for (const source of sources) {
    const rel = `tests/clients/tutorial/${source}`;
    const block = blocks.find((b) => b.kind === 'file' && b.file === rel);
    assert.ok(block, `${rel} is included in the doc`);
    assert.equal(block.text, readFileSync(path.join(here, source), 'utf8'), `${rel} matches the doc`);
  }
  for (const b of blocks) {
    assert.ok(sources.includes(path.basename(b.file)) && b.file.startsWith('tests/clients/tutorial/'),
      `${b.file} named in the doc exists`);
  }
  for (const step of steps) {
    assert.ok(blocks.some((b) => b.kind === 'output' && b.file === `tests/clients/tutorial/${step}`),
      `the doc shows the output of ${step}`);
  }
});

test('the tutorial steps run in order and print what the doc shows', async () => {
  assert.ok(process.env.DYNAROCK_ENDPOINT, 'run through run.sh');
  const outputs = Object.fromEntries(docBlocks().filter((b) => b.kind === 'output').map((b) => [b.file, b.text]));
  for (const step of steps) {
    let stdout;
    try {
      ({ stdout } = await promisify(execFile)(process.execPath, [path.join(here, step)], {
        cwd: here, env: { ...process.env, NODE_NO_WARNINGS: '1' },
      }));
    } catch (error) {
      assert.fail(`${step} failed (exit ${error.code}):\n${error.stdout}\n${error.stderr}`);
    }
    assert.equal(stdout, outputs[`tests/clients/tutorial/${step}`], `output of ${step}`);
  }
});
