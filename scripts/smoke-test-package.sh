#!/usr/bin/env bash
# Packs the library as npm would publish it, unpacks the tarball outside the repository and uses it from there:
# the constructs, the pack and the CLI must work from the published files alone (no TypeScript sources).
set -euo pipefail
cd "$(dirname "$0")/.."

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tarball=$(npm pack --silent --pack-destination "$work" | tail -n 1)
tar -xzf "$work/$tarball" -C "$work"
# The package's own dependencies come from this checkout's node_modules.
export NODE_PATH="$PWD/node_modules"

node -e '
const lib = require(process.argv[1]);
for (const name of ["ResidentBucket", "ResidencyKey", "CanadianResidencyChecks", "resolveConfig", "ResidencyAuditor"]) {
  if (typeof lib[name] !== "function") throw new Error(`the package does not export ${name}`);
}
const { App, Stack } = require("aws-cdk-lib");
const app = new App();
const stack = new Stack(app, "Consumer", { env: { account: "111122223333", region: "ca-central-1" } });
const key = new lib.ResidencyKey(stack, "Key", { alias: "consumer", description: "consumer key", usableVia: ["s3"] });
const logs = new lib.ResidentBucket(stack, "Logs", { encryptionKey: key.key, receivesAccessLogs: true });
new lib.ResidentBucket(stack, "Data", { encryptionKey: key.key, serverAccessLogsBucket: logs.bucket });
app.synth();
const result = new lib.CanadianResidencyChecks().evaluateScope(app);
if (result.findings.length !== 0) throw new Error(`unexpected findings: ${JSON.stringify(result.findings)}`);
console.log(`package smoke test: library loads, ${result.summary.resources} resources synthesized with no CaResidency finding`);
' "$work/package"

node "$work/package/dist/bin/ca-residency.js" check cdk.out
