// Preloaded (`node --import`) into a benchmarked process when GNU time is missing: writes the process's own
// resource usage (CPU times in µs, maxRSS in KB) to $PLAN_LINT_BENCH_RUSAGE when it exits.
import { writeFileSync } from 'node:fs';

const file = process.env.PLAN_LINT_BENCH_RUSAGE;
if (file) {
  process.on('exit', () => {
    try {
      writeFileSync(file, JSON.stringify(process.resourceUsage()));
    } catch {
      /* nothing useful to do */
    }
  });
}
