/**
 * `GET /cutovers/:id/report?format=md|html&rehearsal=<id>`: the run report, Markdown or one
 * self-contained HTML page (the default). Behind the same token check as the status route.
 */
import { Router } from 'express';
import { z } from 'zod';
import { ApiError, parseRequest } from '../errors';
import { reportFormats } from '../report/formats';
import { renderHtml, REPORT_CSP } from '../report/render-html';
import { renderMarkdown } from '../report/render-markdown';
import type { RunReports } from '../report/report-source';
import { cutoverId } from '../request-schemas';

export const reportQuery = z
  .object({
    format: z.enum(reportFormats).default('html'),
    /** A rehearsal cutover whose step durations form an extra column. */
    rehearsal: cutoverId.optional(),
  })
  .strict();

/** 400 naming the query field: `format=pdf` is a request this route cannot answer, not bad data. */
function parseReportQuery(query: unknown): z.infer<typeof reportQuery> {
  const result = reportQuery.safeParse(query);
  if (result.success) return result.data;
  const details = result.error.issues.map((issue) => {
    const field = issue.path.length ? issue.path.join('.') : ((issue as { keys?: string[] }).keys ?? []).join(', ');
    const message = issue.path[0] === 'format' ? `format must be one of ${reportFormats.join(', ')}` : issue.message;
    return { code: 'invalid-value', path: field, message };
  });
  throw new ApiError(400, 'invalid-query', `invalid query: ${details.map((d) => `${d.path}: ${d.message}`).join('; ')}`, details);
}

export function reportRouter(reports: RunReports): Router {
  const router = Router();
  router.get('/cutovers/:id/report', async (req, res) => {
    const id = parseRequest(cutoverId, req.params.id, 'cutover id');
    const { format, rehearsal } = parseReportQuery(req.query);
    const report = await reports.report(id, rehearsal);
    if (format === 'md') {
      res.type('text/markdown; charset=utf-8').send(renderMarkdown(report));
      return;
    }
    res.set('content-security-policy', REPORT_CSP).type('text/html; charset=utf-8').send(renderHtml(report, new Date().toISOString()));
  });
  return router;
}
