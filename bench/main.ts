/**
 * `npm run bench`: golive's cutover workflow against a minimal hand-written ("bare") Temporal
 * workflow on a fresh local dev server, section by section; prints a table with targets and
 * writes the same as JSON (bench/results/latest.json). See bench/README.md.
 */
import './log-level';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../workers/project-root';
import { parseBenchArgs, USAGE, UsageError } from './args';
import { formatSummary, Report } from './report';
import type { Section, SectionContext } from './section';
import { burstSection } from './sections/burst';
import { crashSection } from './sections/crash';
import { approversNeeded, decisionsSection } from './sections/decisions';
import { largeSection } from './sections/large';
import { chainSection, historyRatios, parallelSection } from './sections/throughput';
import { validationSection } from './sections/validation';
import { watchSection } from './sections/watch';
import { startStack, type Stack } from './stack';
import { errorMessage } from './until';

/** In running order: the in-process one first, the one most likely to leave a mess last. */
const SECTIONS: Section[] = [validationSection, chainSection, parallelSection, decisionsSection, burstSection, crashSection, watchSection, largeSection];

const log = (line: string): void => {
  process.stdout.write(`[${new Date().toISOString().slice(11, 19)}] ${line}\n`);
};

function select(only: string[] | undefined, skip: string[]): Section[] {
  const names = new Set(SECTIONS.map((s) => s.name));
  for (const name of [...(only ?? []), ...skip]) {
    if (!names.has(name)) throw new UsageError(`no section "${name}"; sections: ${[...names].join(', ')}`);
  }
  return SECTIONS.filter((s) => (!only || only.includes(s.name)) && !skip.includes(s.name));
}

async function main(): Promise<number> {
  const args = parseBenchArgs(process.argv.slice(2));
  if (args.help) {
    process.stdout.write(`${USAGE}\nsections: ${SECTIONS.map((s) => s.name).join(', ')}\n`);
    return 0;
  }
  const sections = select(args.only, args.skip);
  const report = new Report();
  const startedAt = new Date();
  const loadAtStart = os.loadavg();
  const rounds = args.rounds === undefined ? 'section defaults' : String(args.rounds);
  log(`golive bench: ${sections.map((s) => s.name).join(', ')}; rounds ${rounds}${args.quick ? ', quick sizes' : ''}; ${os.cpus().length} CPUs, node ${process.version}`);

  let stack: Stack | undefined;
  const stop = async (): Promise<void> => {
    const s = stack;
    stack = undefined;
    await s?.close();
  };
  process.once('SIGINT', () => {
    log('interrupted: stopping the stack');
    // Calls still in flight fail once their connection closes: nothing to report any more.
    process.on('uncaughtException', () => undefined);
    void stop().finally(() => process.exit(130));
  });

  try {
    if (sections.some((s) => s.needsTemporal)) {
      stack = await startStack({ approvers: approversNeeded(args.quick), log });
    }
    for (const section of sections) {
      log(`== ${section.name}: ${section.title}`);
      const ctx: SectionContext = { stack, options: { quick: args.quick, rounds: args.rounds ?? section.defaultRounds }, report, log };
      const t0 = Date.now();
      try {
        await section.run(ctx);
      } catch (err) {
        report.error(section.name, errorMessage(err));
        report.check(`${section.name} section ran`, false, `failed: ${errorMessage(err)}`);
      }
      report.sectionTimes[section.name] = Date.now() - t0;
    }
  } finally {
    await stop();
  }

  if (historyRatios.length > 0) {
    const worst = historyRatios.reduce((a, b) => (b.ratio > a.ratio || Number.isNaN(b.ratio) ? b : a));
    report.target(`history bytes per step golive/bare (worst: ${worst.name})`, worst.ratio, 1.3);
  }
  const summary = formatSummary(report);
  process.stdout.write(`${summary}\n`);

  const output = args.output ? path.resolve(args.output) : path.join(projectRoot, 'bench', 'results', 'latest.json');
  await mkdir(path.dirname(output), { recursive: true });
  const json = {
    startedAt: startedAt.toISOString(),
    durationMs: Date.now() - startedAt.getTime(),
    options: { sections: sections.map((s) => s.name), rounds: Object.fromEntries(sections.map((s) => [s.name, args.rounds ?? s.defaultRounds])), quick: args.quick },
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryGb: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.platform()} ${os.release()}` },
    // 1/5/15-minute load averages: other work on the machine makes every figure noisier.
    loadAverage: { atStart: loadAtStart, atEnd: os.loadavg() },
    sectionTimesMs: report.sectionTimes,
    rows: report.rows,
    targets: report.targets,
    errors: report.errors,
  };
  await writeFile(output, `${JSON.stringify(json, null, 2)}\n`);
  log(`load average at start ${loadAtStart.map((l) => l.toFixed(1)).join(' / ')}, at end ${os.loadavg().map((l) => l.toFixed(1)).join(' / ')} (${os.cpus().length} CPUs)`);
  log(`results written to ${path.relative(process.cwd(), output) || output}; took ${((Date.now() - startedAt.getTime()) / 60_000).toFixed(1)} min`);
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    if (err instanceof UsageError) {
      process.stderr.write(`golive bench: ${err.message}\n${USAGE}\n`);
      process.exitCode = 2;
      return;
    }
    process.stderr.write(`golive bench: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  },
);
