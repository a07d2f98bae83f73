/**
 * How large a request body may be, enforced while it is read (before it is parsed, before anything
 * reaches Temporal): a plan (POST /cutovers, /plans/validate) up to GOLIVE_MAX_PLAN_BYTES (default
 * 4 MiB, room for a 20,000-step plan); every other body (operator messages, issues) up to 64 KiB,
 * far above the largest valid message. Over the limit is 413 `payload-too-large` naming the limit.
 */
import express, { type Request, type RequestHandler } from 'express';
import { settingDefault } from '../workers/settings';
import { ApiError } from './errors';

/** The default and range of GOLIVE_MAX_PLAN_BYTES are the settings module's. */
export const DEFAULT_MAX_PLAN_BYTES = settingDefault('GOLIVE_MAX_PLAN_BYTES');
export const MAX_MESSAGE_BYTES = 64 * 1024;

/** The routes whose body is a plan. */
const PLAN_ROUTES = new Set(['/cutovers', '/plans/validate']);
/** Rehearsals carry a plan or a whole history file. */
const REHEARSAL_ROUTE = /^\/(rehearsals|cutovers\/[^/]+\/rehearse)$/;

const YAML_TYPES = ['application/yaml', 'application/x-yaml', 'text/yaml', 'text/plain'];

/** JSON and YAML/text parsers limited to `limit` bytes; an oversized body becomes a 413 that names the limit. */
function parsers(limit: number, what: string, setting?: string): RequestHandler {
  const json = express.json({ limit });
  const text = express.text({ type: YAML_TYPES, limit });
  const tooLarge = new ApiError(413, 'payload-too-large', `${what} may be at most ${limit} bytes${setting ? ` (${setting})` : ''}`);
  const relabel = (next: (err?: unknown) => void) => (err?: unknown) =>
    next((err as { type?: string } | undefined)?.type === 'entity.too.large' ? tooLarge : err);
  return (req, res, next) => json(req, res, (err?: unknown) => (err ? relabel(next)(err) : text(req, res, relabel(next))));
}

/** Body parsing for /api/v1: plan routes get the plan limit, every other route the message limit. */
export function bodyParsers(maxPlanBytes: number): RequestHandler {
  const plan = parsers(maxPlanBytes, 'a plan request body', 'GOLIVE_MAX_PLAN_BYTES');
  const message = parsers(MAX_MESSAGE_BYTES, 'a request body');
  return (req, res, next) => (req.method === 'POST' && (PLAN_ROUTES.has(req.path) || REHEARSAL_ROUTE.test(req.path)) ? plan : message)(req, res, next);
}

/** The request's declared body size, when it declared one (a chunked body has none). */
export function contentLength(req: Request): number | undefined {
  const value = Number(req.headers['content-length']);
  return Number.isFinite(value) && value >= 0 ? value : undefined;
}
