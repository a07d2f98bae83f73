/**
 * Bearer tokens → operator and roles. Tokens come from a file (`GOLIVE_TOKENS_FILE` or
 * `--tokens-file`, JSON or YAML) or inline JSON (`GOLIVE_TOKENS`), checked at start-up. With no
 * tokens at all the API is open: every request acts as `local` holding every role (`*`).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { RequestHandler, Response } from 'express';
import { z } from 'zod';
import { formatPlanError, zodIssuesToPlanErrors } from '../plan/errors';
import { parsePlanText } from '../plan/load';
import type { MessageSource } from '../workflows/message-schemas';
import { ApiError } from './errors';
import { settingAs } from '../workers/settings';

/** The role that stands for every role (the workflow's role checks honour it). */
export { EVERY_ROLE } from '../workflows/roles';
import { EVERY_ROLE } from '../workflows/roles';

const tokenEntry = z
  .object({
    token: z.string().min(1),
    operator: z.string().min(1).max(100),
    roles: z.array(z.string().min(1)).default([]),
    /** The Slack user who acts as this operator from Slack's buttons (api/routes/slack-actions.ts). */
    slackUserId: z.string().regex(/^[UW][A-Z0-9]{2,30}$/, 'expected a Slack user id such as U024BE7LH').optional(),
  })
  .strict();

export const tokensConfig = z
  .object({ tokens: z.array(tokenEntry) })
  .strict()
  .superRefine((config, ctx) => {
    const seen = new Set<string>();
    config.tokens.forEach((entry, i) => {
      if (seen.has(entry.token)) ctx.addIssue({ code: 'custom', path: ['tokens', i, 'token'], message: 'this token is already given to another entry' });
      seen.add(entry.token);
    });
    const slackUsers = new Set<string>();
    config.tokens.forEach(({ slackUserId }, i) => {
      if (slackUserId && slackUsers.has(slackUserId)) ctx.addIssue({ code: 'custom', path: ['tokens', i, 'slackUserId'], message: 'this Slack user already acts as another operator' });
      if (slackUserId) slackUsers.add(slackUserId);
    });
  });

export type TokensConfig = z.input<typeof tokensConfig>;
export type Identity = Omit<z.infer<typeof tokenEntry>, 'token' | 'slackUserId'>;
/** Who sends an operator message through the API, and from where (the audit log's `source`). */
export type RequestActor = Identity & { source: Extract<MessageSource, 'api' | 'cli'> };

export const OPEN_IDENTITY: Identity = { operator: 'local', roles: [EVERY_ROLE] };

export class AuthConfigError extends Error {}

export interface Auth {
  /** No tokens configured: every request is OPEN_IDENTITY. */
  readonly open: boolean;
  /** Where the tokens came from, for banners and logs. */
  readonly origin: string;
  identify(token: string): Identity | undefined;
  /** The operator a Slack user acts as (the entry's `slackUserId`); never the open identity. */
  identifySlackUser(slackUserId: string): Identity | undefined;
}

// Lookups by digest: the secret is never compared character by character.
const digest = (token: string) => createHash('sha256').update(token).digest('hex');

export function authFromConfig(raw: unknown, origin: string): Auth {
  const parsed = tokensConfig.safeParse(raw);
  if (!parsed.success) {
    const lines = zodIssuesToPlanErrors(parsed.error.issues, raw, undefined, 'the tokens document').map(formatPlanError);
    throw new AuthConfigError(`${origin} is not a valid tokens document:\n  ${lines.join('\n  ')}`);
  }
  const byDigest = new Map(parsed.data.tokens.map(({ token, slackUserId: _slack, ...identity }) => [digest(token), identity]));
  const bySlackUser = new Map(parsed.data.tokens.flatMap(({ slackUserId, operator, roles }) => (slackUserId ? [[slackUserId, { operator, roles }] as const] : [])));
  return { open: byDigest.size === 0, origin, identify: (token) => byDigest.get(digest(token)), identifySlackUser: (id) => bySlackUser.get(id) };
}

export const openAuth = (): Auth => authFromConfig({ tokens: [] }, 'no tokens configured');

/** The tokens of `--tokens-file`, else GOLIVE_TOKENS_FILE, else GOLIVE_TOKENS; open when none is set. */
export function loadAuth(options: { tokensFile?: string; env?: NodeJS.ProcessEnv } = {}): Auth {
  const env = tokenSettings(options.env);
  const file = options.tokensFile ?? env.GOLIVE_TOKENS_FILE;
  if (file && env.GOLIVE_TOKENS) throw new AuthConfigError('set either a tokens file (GOLIVE_TOKENS_FILE / --tokens-file) or GOLIVE_TOKENS, not both');
  if (file) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      throw new AuthConfigError(`cannot read the tokens file ${file}: ${(err as Error).message}`);
    }
    return fromText(text, `tokens file ${file}`);
  }
  return env.GOLIVE_TOKENS ? fromText(env.GOLIVE_TOKENS, 'GOLIVE_TOKENS') : openAuth();
}

/** GOLIVE_TOKENS_FILE and GOLIVE_TOKENS from the settings module; a bad one is a tokens error like any other. */
const tokenSettings = (env: NodeJS.ProcessEnv | undefined) => ({
  GOLIVE_TOKENS_FILE: settingAs('GOLIVE_TOKENS_FILE', AuthConfigError, env),
  GOLIVE_TOKENS: settingAs('GOLIVE_TOKENS', AuthConfigError, env),
});

function fromText(text: string, origin: string): Auth {
  const parsed = parsePlanText(text, origin);
  if (!parsed.ok) throw new AuthConfigError(parsed.errors.map((e) => e.message).join('\n'));
  return authFromConfig(parsed.value, origin);
}

/** Middleware for /api/v1: puts the request's actor on res.locals, or answers 401. */
export function authenticate(auth: Auth): RequestHandler {
  return (req, res, next) => {
    const source = req.get('x-golive-source')?.toLowerCase() === 'cli' ? 'cli' : 'api';
    if (auth.open) {
      res.locals.actor = { ...OPEN_IDENTITY, source } satisfies RequestActor;
      return next();
    }
    const match = /^Bearer\s+(\S+)\s*$/i.exec(req.get('authorization') ?? '');
    const identity = match ? auth.identify(match[1]) : undefined;
    if (!identity) {
      res.set('WWW-Authenticate', 'Bearer realm="golive"');
      const why = match ? 'the bearer token is not known' : 'this route needs an Authorization: Bearer <token> header';
      return next(new ApiError(401, 'unauthorized', why));
    }
    res.locals.actor = { ...identity, source } satisfies RequestActor;
    next();
  };
}

/** The actor `authenticate` established for this request. */
export function requestActor(res: Response): RequestActor {
  return res.locals.actor as RequestActor;
}

/** One line for banners: who the API lets in. */
export function describeAuth(auth: Auth): string {
  return auth.open ? `open: no tokens configured, every request acts as "${OPEN_IDENTITY.operator}" with every role` : `bearer tokens from ${auth.origin}`;
}
