// Preloaded by bench/run.mjs (node --require): when the process exits, appends its peak RSS in kB
// to the file named by KMSW_BENCH_RSS.
'use strict';
process.on('exit', () => {
  if (process.env.KMSW_BENCH_RSS)
    require('node:fs').appendFileSync(process.env.KMSW_BENCH_RSS, `${process.resourceUsage().maxRSS}\n`);
});
