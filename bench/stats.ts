/** Median wall time (ms) of `runs` calls; the first call may include a warm-up, so callers pass warm: true to discard it. */
export function medianMs(runs: number, fn: () => void, options: { warm?: boolean } = {}): number {
  if (options.warm) fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    fn();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return median(samples);
}

export function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export const round = (value: number, digits = 2): number => Number(value.toFixed(digits));
