/** Temporal messages of the cutover workflow. Descriptions show in the Temporal UI. */
import { defineQuery } from '@temporalio/workflow';
import type { StatusDocument } from './status-document';

export const statusQuery = defineQuery<StatusDocument>('status');

/** Shown by the Temporal UI next to each handler (passed to setHandler). */
export const handlerDescriptions = {
  status: 'The cutover status document: state, current phase, every step, gate, decision and issue (same as GET /api/v1/cutovers/:id).',
} as const;
