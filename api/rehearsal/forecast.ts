/**
 * How a live run stands against the last completed rehearsal of its plan: at the live run's latest
 * started step (that the rehearsal also ran), how much earlier (ahead) or later (behind) after the
 * start it began than in the rehearsal, in plan time; and when the run should end if the rest goes
 * as it went in the rehearsal. Pure.
 */
import type { Forecast, StatusDocument, StepStatus } from '../../workflows/status-document';
import { planMsIn } from './time-scale';

type Run = { doc: Pick<StatusDocument, 'startedAt' | 'endedAt' | 'timeScale'> & { steps: readonly StepStatus[] } };

const since = (run: Run, at: string) => planMsIn(run.doc, Date.parse(at) - Date.parse(run.doc.startedAt));

/** null when the rehearsal has no end to forecast from. */
export function forecastOf(live: Run, rehearsal: Run & { id: string }): Forecast | null {
  if (!rehearsal.doc.endedAt) return null;
  const rehearsed = new Map(rehearsal.doc.steps.filter((s) => s.startedAt).map((s) => [s.id, s]));
  const latest = live.doc.steps
    .filter((s): s is StepStatus & { startedAt: string } => s.startedAt !== null && rehearsed.has(s.id))
    .reduce<(StepStatus & { startedAt: string }) | null>((best, s) => (!best || s.startedAt > best.startedAt ? s : best), null);
  const liveMs = latest ? since(live, latest.startedAt) : 0;
  const rehearsalMs = latest ? since(rehearsal, rehearsed.get(latest.id)!.startedAt!) : 0;
  const remainingMs = since(rehearsal, rehearsal.doc.endedAt) - rehearsalMs;
  const anchor = Date.parse(latest?.startedAt ?? live.doc.startedAt);
  return {
    rehearsalId: rehearsal.id,
    step: latest?.id ?? null,
    aheadMs: rehearsalMs - liveMs,
    forecastEnd: new Date(anchor + Math.round(remainingMs / (live.doc.timeScale ?? 1))).toISOString(),
  };
}
