/** The token `golive dev --demo` wrote for a role into its data dir's demo-tokens.json. */
import { readFileSync } from 'node:fs';
import path from 'node:path';

export function demoToken(dataDir: string, role: string): string {
  const { tokens } = JSON.parse(readFileSync(path.join(dataDir, 'demo-tokens.json'), 'utf8')) as { tokens: { token: string; roles: string[] }[] };
  const entry = tokens.find((candidate) => candidate.roles.includes(role));
  if (!entry) throw new Error(`no demo token for role ${role}`);
  return entry.token;
}
