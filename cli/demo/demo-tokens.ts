/**
 * The demo's operators: one bearer token per role of the demo plan, named after the plan's
 * stakeholder for that role, written once to `<data dir>/demo-tokens.json` (a tokens document
 * `golive api --tokens-file` reads too) and reused on a restart so printed commands stay valid.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { authFromConfig, type Auth } from '../../api/auth';
import type { Plan } from '../../plan/schema';

export interface DemoOperator {
  token: string;
  operator: string;
  roles: string[];
}

export interface DemoTokens {
  file: string;
  operators: DemoOperator[];
  auth: Auth;
  /** The token of the first operator holding `role`. */
  tokenFor(role: string): string | undefined;
}

const FILE_NAME = 'demo-tokens.json';

function operatorName(plan: Plan, role: string): string {
  const person = plan.stakeholders.find((stakeholder) => stakeholder.role === role);
  return (person?.name ?? role).toLowerCase().replace(/[^a-z0-9]+/g, '-');
}

function freshOperators(plan: Plan): DemoOperator[] {
  return Object.keys(plan.roles).map((role) => ({ token: randomBytes(18).toString('base64url'), operator: operatorName(plan, role), roles: [role] }));
}

/** A file written for another plan (other roles) is replaced: every role of this one needs a token. */
function coversPlan(operators: DemoOperator[], plan: Plan): boolean {
  return Object.keys(plan.roles).every((role) => operators.some((entry) => entry.roles.includes(role)));
}

export function demoTokens(dataDir: string, plan: Plan): DemoTokens {
  const file = path.join(dataDir, FILE_NAME);
  let operators: DemoOperator[] | undefined;
  if (existsSync(file)) {
    const kept = (JSON.parse(readFileSync(file, 'utf8')) as { tokens?: DemoOperator[] }).tokens;
    if (Array.isArray(kept) && coversPlan(kept, plan)) operators = kept;
  }
  if (!operators) {
    operators = freshOperators(plan);
    writeFileSync(file, `${JSON.stringify({ tokens: operators }, null, 2)}\n`, { mode: 0o600 });
  }
  const auth = authFromConfig({ tokens: operators }, `demo tokens file ${file}`);
  return { file, operators, auth, tokenFor: (role) => operators.find((entry) => entry.roles.includes(role))?.token };
}
