/** The report reads every step of a large plan: the status document's first page, then the rest by cursor. */
import type { Client } from '@temporalio/client';
import type { CutoverService } from '../../api/cutover-service';
import { RunReports } from '../../api/report/report-source';
import type { StatusQueryOptions } from '../../workflows/status-views';
import { rolledBackStatus } from '../support/report-fixture';

test('fullStatus pages the steps in until the last page and returns them all, unpaged', async () => {
  const whole = rolledBackStatus();
  const asked: StatusQueryOptions[] = [];
  const pageSize = 3;
  const cutovers = {
    async status(_id: string, options: StatusQueryOptions = {}) {
      asked.push(options);
      const offset = Number(options.cursor ?? 0);
      const steps = whole.steps.slice(offset, offset + pageSize);
      const next = offset + pageSize < whole.steps.length ? String(offset + pageSize) : null;
      return { ...whole, steps, stepsPage: { total: whole.steps.length, offset, returned: steps.length, nextCursor: next } };
    },
  } as unknown as CutoverService;
  const doc = await new RunReports({} as Client, cutovers).fullStatus('weekend-1');
  expect(doc.steps.map((s) => s.id)).toEqual(whole.steps.map((s) => s.id));
  expect(doc.stepsPage).toBeNull();
  expect(asked.map((o) => o.cursor)).toEqual([undefined, '3', '6']);
});
