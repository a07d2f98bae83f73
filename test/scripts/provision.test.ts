/** `golive provision`: prints the CLI it found, or every option tried with exit code 1. */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { registerProvision } from '../../cli/commands/provision';

let root: string;
let out: string[];
let err: string[];
const saved = { PATH: process.env.PATH, GOLIVE_TEMPORAL_CLI: process.env.GOLIVE_TEMPORAL_CLI };

beforeEach(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'golive-provision-test-'));
  out = [];
  err = [];
  jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out.push(String(chunk));
    return true;
  });
  jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    err.push(String(chunk));
    return true;
  });
  delete process.env.GOLIVE_TEMPORAL_CLI;
});

afterEach(async () => {
  jest.restoreAllMocks();
  process.exitCode = undefined;
  process.env.PATH = saved.PATH;
  if (saved.GOLIVE_TEMPORAL_CLI === undefined) delete process.env.GOLIVE_TEMPORAL_CLI;
  else process.env.GOLIVE_TEMPORAL_CLI = saved.GOLIVE_TEMPORAL_CLI;
  await fs.rm(root, { recursive: true, force: true });
});

async function provision(...args: string[]): Promise<number> {
  const program = new Command('golive').exitOverride();
  registerProvision(program);
  await program.parseAsync(['provision', ...args], { from: 'user' });
  return typeof process.exitCode === 'number' ? process.exitCode : 0;
}

it('prints the CLI it found and where', async () => {
  const fake = path.join(root, 'temporal');
  await fs.writeFile(fake, '#!/bin/sh\necho "temporal version 9.9.9"\n', { mode: 0o755 });

  expect(await provision('--temporal-cli', fake, '--cache-dir', path.join(root, 'cache'))).toBe(0);
  const text = out.join('');
  expect(text).toContain(`Temporal CLI: ${fake}`);
  expect(text).toContain('[explicit]');
  expect(text).toContain('version:    9.9.9');

  out.length = 0;
  expect(await provision('--temporal-cli', fake, '--json')).toBe(0);
  expect(JSON.parse(out.join(''))).toEqual({ path: fake, source: 'explicit', version: '9.9.9' });
});

it('exits 1 naming every option when nothing works', async () => {
  process.env.PATH = path.join(root, 'empty-bin');
  expect(await provision('--cache-dir', path.join(root, 'cache'), '--no-download', '--no-build')).toBe(1);
  const text = err.join('');
  for (const option of ['explicit path:', 'PATH:', 'cache:', 'SDK download:', 'go install:']) {
    expect(text).toContain(option);
  }
  expect(text).toContain('[TEMPORAL_CLI_NOT_FOUND]');
});

it('exits 1 on an unusable --temporal-cli', async () => {
  expect(await provision('--temporal-cli', path.join(root, 'nope'))).toBe(1);
  expect(err.join('')).toMatch(/--temporal-cli is unusable: .*nope does not exist/);
});
