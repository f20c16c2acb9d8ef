/**
 * Median wall time (ms) of `runs` calls. `warmup` calls run first and are discarded: the first calls pay for
 * module loading and JIT compilation, which a long-running process (a synth, a CI job) pays once.
 */
export function medianMs(runs: number, fn: () => void, options: { warmup?: number } = {}): number {
  for (let i = 0; i < (options.warmup ?? 0); i++) fn();
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
