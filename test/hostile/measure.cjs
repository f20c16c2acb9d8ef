// Preloaded into the CLI process by run-cli.ts: at exit, write the process's own CPU time and peak memory to the
// file named by HOSTILE_USAGE_FILE (stdout and stderr stay exactly what the CLI wrote).
const fs = require('fs');
process.on('exit', () => {
  const u = process.resourceUsage();
  fs.writeFileSync(process.env.HOSTILE_USAGE_FILE, JSON.stringify({ cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000, maxRssMb: u.maxRSS / 1024 }));
});
