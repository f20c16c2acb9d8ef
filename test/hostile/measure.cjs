// Preloaded into the CLI process by run-cli.ts: at exit, write the process's own CPU time, peak memory and the npm
// packages it loaded to the file named by HOSTILE_USAGE_FILE (stdout and stderr stay exactly what the CLI wrote).
const fs = require('fs');
const Module = require('module');
const packages = new Set();
const load = Module._load;
Module._load = function (request, ...rest) {
  const m = /^((@[^/]+\/)?[^./][^/]*)/.exec(request);
  if (m && !Module.isBuiltin(request)) packages.add(m[1]);
  return load.call(this, request, ...rest);
};
process.on('exit', () => {
  const u = process.resourceUsage();
  fs.writeFileSync(
    process.env.HOSTILE_USAGE_FILE,
    JSON.stringify({
      cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000,
      maxRssMb: u.maxRSS / 1024,
      packages: [...packages].sort(),
    }),
  );
});
