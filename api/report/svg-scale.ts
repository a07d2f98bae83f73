/** Scales and tick choices shared by the report's inline SVG charts. Pure. */

export type Scale = (value: number) => number;

/** Maps [d0, d1] onto [r0, r1]; a zero-width domain maps to the range's middle. */
export function linearScale(d0: number, d1: number, r0: number, r1: number): Scale {
  if (d1 === d0) return () => (r0 + r1) / 2;
  return (value) => r0 + ((value - d0) / (d1 - d0)) * (r1 - r0);
}

const TIME_STEPS = [1000, 5000, 15_000, 60_000, 300_000, 900_000, 1_800_000, 3_600_000, 7_200_000, 14_400_000, 21_600_000, 43_200_000, 86_400_000];

/** Tick offsets from 0 to `spanMs` at a round plan-time step, at most `most` of them. */
export function timeTicks(spanMs: number, most = 12): number[] {
  const step = TIME_STEPS.find((s) => spanMs / s <= most) ?? Math.ceil(spanMs / most / 86_400_000) * 86_400_000;
  const ticks: number[] = [];
  for (let t = 0; t <= spanMs; t += step) ticks.push(t);
  return ticks;
}

/** A value's short form for labels: at most `digits` significant digits. */
export function shortNumber(value: number, digits = 4): string {
  if (value === 0) return '0';
  return String(Number(value.toPrecision(digits)));
}

/** `x,y x,y …` for a polyline, rounded to a tenth of a pixel. */
export function points(coords: [number, number][]): string {
  return coords.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(' ');
}
