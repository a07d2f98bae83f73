/**
 * Worker-thread side of plan validation (see plan-validation.ts): parses and validates the plans
 * too large to check on the API's event loop, one request at a time, and answers with the plan
 * and its analysis or the 422 it would have thrown.
 */
import { parentPort } from 'node:worker_threads';
import { ApiError } from './errors';
import { planFromRequestValue } from './plan-body';
import type { ValidationReply, ValidationRequest } from './plan-validation';

parentPort?.on('message', ({ id, value, maxSteps, params }: ValidationRequest) => {
  let reply: ValidationReply;
  try {
    reply = { id, ok: true, ...planFromRequestValue(value, maxSteps, params) };
  } catch (err) {
    reply =
      err instanceof ApiError
        ? { id, ok: false, error: { status: err.status, code: err.code, message: err.message, details: err.details } }
        : { id, ok: false, error: { status: 500, code: 'internal', message: err instanceof Error ? err.message : String(err) } };
  }
  parentPort?.postMessage(reply);
});
