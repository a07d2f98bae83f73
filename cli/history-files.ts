/**
 * The histories `golive replay` is given on the command line: files, or directories whose *.json
 * files are taken in name order. Anything unreadable or not a history stops the command before
 * any replay, naming the path (a usage error, exit 2): exit 1 is kept for "did not replay".
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { HistoryDocumentError, parseHistoryDocument } from '../workers/history-document';
import type { HistorySource } from '../workers/history-replay';

export class HistoryInputError extends Error {}

async function filesOf(arg: string): Promise<string[]> {
  let isDirectory: boolean;
  try {
    isDirectory = (await stat(arg)).isDirectory();
  } catch (err) {
    throw new HistoryInputError(`cannot read ${arg}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : (err as Error).message}`);
  }
  if (!isDirectory) return [arg];
  const files = (await readdir(arg)).filter((name) => name.endsWith('.json')).sort();
  if (files.length === 0) throw new HistoryInputError(`${arg}: no *.json history files in this directory`);
  return files.map((name) => path.join(arg, name));
}

async function sourceOf(file: string): Promise<HistorySource> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new HistoryInputError(`cannot read ${file}: ${(err as Error).message}`);
  }
  try {
    return { name: file, runs: parseHistoryDocument(text) };
  } catch (err) {
    if (err instanceof HistoryDocumentError) throw new HistoryInputError(`${file}: not a workflow history: ${err.message}`);
    throw err;
  }
}

/** Every history the arguments name, in order. */
export async function readHistoryFiles(args: readonly string[]): Promise<HistorySource[]> {
  const files = (await Promise.all(args.map(filesOf))).flat();
  return Promise.all(files.map(sourceOf));
}
