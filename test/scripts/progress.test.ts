/**
 * Long waits show progress: the ticker fills a slow step's silence with a line every interval and
 * stops with the step; the Temporal CLI's `go install` (a fake, slow `go` script here, never a
 * real build) says every interval what it still builds; `golive dev` at a terminal leaves out
 * go's line per package; the line `golive status --watch` shows while a gate waits.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { provisioningProgress } from '../../cli/provisioning-progress';
import { waitingProgressLine } from '../../cli/waiting-progress';
import { formatElapsed, withProgress } from '../../scripts/progress-ticker';
import { cachedCliPath, resolveTemporalCli } from '../../scripts/temporal-cli';
import type { WaitingItem } from '../../workflows/status-summary';

describe('withProgress', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  /** A step that ends when the test says so. */
  function fakeSlowStep() {
    let finish!: (outcome: { value: string } | { error: Error }) => void;
    const done = new Promise<string>((resolve, reject) => {
      finish = (outcome) => ('value' in outcome ? resolve(outcome.value) : reject(outcome.error));
    });
    return { step: () => done, finish };
  }

  it('says every 10 s what a slow step waits for, and nothing once it is done', async () => {
    const lines: string[] = [];
    const slow = fakeSlowStep();
    const running = withProgress(slow.step, (line) => lines.push(line), (ms) => `waiting for the fake step (${formatElapsed(ms)})`);
    jest.advanceTimersByTime(35_000);
    expect(lines).toEqual(['waiting for the fake step (10 s)', 'waiting for the fake step (20 s)', 'waiting for the fake step (30 s)']);
    slow.finish({ value: 'provisioned' });
    await expect(running).resolves.toBe('provisioned');
    jest.advanceTimersByTime(60_000);
    expect(lines).toHaveLength(3);
  });

  it('stops ticking when the step fails', async () => {
    const lines: string[] = [];
    const slow = fakeSlowStep();
    const running = withProgress(slow.step, (line) => lines.push(line), () => 'waiting', { everyMs: 1_000 });
    jest.advanceTimersByTime(2_500);
    slow.finish({ error: new Error('no network') });
    await expect(running).rejects.toThrow('no network');
    jest.advanceTimersByTime(10_000);
    expect(lines).toEqual(['waiting', 'waiting']);
  });

  it.each([
    [0, '0 s'],
    [44_600, '45 s'],
    [185_000, '3 min 05 s'],
  ])('formats %d ms as %s', (ms, text) => {
    expect(formatElapsed(ms)).toBe(text);
  });
});

describe('provisioning the Temporal CLI with a slow go install', () => {
  let root: string;
  beforeEach(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'golive-progress-test-'));
  });
  afterEach(async () => {
    await fs.rm(root, { recursive: true, force: true });
  });

  it('writes a line naming what it builds at each interval while go is quiet', async () => {
    const pathDir = path.join(root, 'bin');
    await fs.mkdir(pathDir, { recursive: true });
    // A go that compiles one package, then "links" silently for a while, as the real one does.
    const go = [
      '#!/bin/sh',
      'echo "github.com/temporalio/cli/temporalcli" >&2',
      'sleep 2',
      `printf '#!/bin/sh\\necho "temporal version 1.5.1 (fake build)"\\n' > "$GOBIN/temporal"`,
      '/bin/chmod 755 "$GOBIN/temporal"',
    ].join('\n');
    await fs.writeFile(path.join(pathDir, 'go'), `${go}\n`, { mode: 0o755 });
    const env = { PATH: `${pathDir}:/bin:/usr/bin`, HOME: path.join(root, 'home') };
    const progress: string[] = [];

    const cacheDir = path.join(root, 'cache');
    const cli = await resolveTemporalCli({ allowDownload: false, env, cacheDir, onProgress: (line) => progress.push(line), progressEveryMs: 200 });

    expect(cli).toMatchObject({ path: cachedCliPath(cacheDir), source: 'go-install' });
    const ticks = progress.filter((line) => line.startsWith('go install: still building the Temporal CLI v1.5.1'));
    expect(ticks.length).toBeGreaterThanOrEqual(2);
    expect(ticks.at(-1)).toMatch(/\(\d+ s, 1 packages compiled, last github\.com\/temporalio\/cli\/temporalcli; the first build takes a few minutes\)$/);
    expect(progress.at(-1)).toMatch(/^go install: built /);
  });
});

describe('provisioningProgress', () => {
  const written = (format: 'json' | 'pretty') => {
    const out: string[] = [];
    const tell = provisioningProgress(format, (text) => out.push(text));
    for (const line of ['go install: building x', 'go: github.com/a/b', 'go install: still building the Temporal CLI v1.5.1 (10 s, 1 packages compiled)']) tell(line);
    return out;
  };

  it('leaves go’s line per package out for a person, keeps every line for a log', () => {
    expect(written('pretty')).toEqual(['go install: building x\n', 'go install: still building the Temporal CLI v1.5.1 (10 s, 1 packages compiled)\n']);
    expect(written('json')).toHaveLength(3);
  });
});

describe('waitingProgressLine (for golive status --watch)', () => {
  const now = Date.parse('2026-12-04T08:10:00.000Z');
  const gate: WaitingItem = {
    kind: 'gate',
    id: 'go-no-go',
    what: 'decide go/no-go',
    roles: ['cutover-lead'],
    since: '2026-12-04T08:06:55.000Z',
    deadline: '2026-12-04T08:40:00.000Z',
    approvedBy: ['dana'],
    quorum: 2,
    awaited: ['Lee'],
  };

  it('says what waits, for whom, how long already and how long is left', () => {
    expect(waitingProgressLine([gate], now)).toBe('still waiting: gate go-no-go: decide go/no-go; 1 of 2 approvals; waiting for Lee; for 3 min 05 s; 30 min 00 s left');
  });

  it('names the roles when nobody in particular is awaited, a passed deadline, an escalation and how many more wait', () => {
    const step: WaitingItem = { kind: 'step', id: 'sign-off', what: 'complete', roles: ['network'], deadline: '2026-12-04T08:00:00.000Z', escalatedTo: ['cutover-lead'] };
    expect(waitingProgressLine([step, gate], now, 3)).toBe('still waiting: step sign-off: complete; waiting for network; past its deadline; escalated to cutover-lead (and 2 more)');
    expect(waitingProgressLine([], now)).toBeUndefined();
  });
});
