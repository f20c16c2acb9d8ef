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

# The README's "Use the checks in your own CDK app" example, verbatim, as a user's app: compiled against the
# package's type declarations and synthesized from its JavaScript, with cdk-ca-residency resolved from the tarball.
consumer="$work/consumer"
mkdir -p "$consumer/node_modules"
ln -s "$PWD/node_modules" "$work/node_modules"
ln -s "$work/package" "$consumer/node_modules/cdk-ca-residency"
awk '/^<!-- The block below is compiled and synthesized/ { armed = 1; next }
     armed && /^```ts$/ { inside = 1; next }
     inside && /^```$/ { exit }
     inside { print }' README.md > "$consumer/app.ts"
grep -q "CanadianResidencyChecks" "$consumer/app.ts" || { echo "README example not found" >&2; exit 1; }
npx tsc --strict --target es2022 --module commonjs --esModuleInterop --skipLibCheck --types node --outDir "$consumer/out" "$consumer/app.ts"
synth_log="$consumer/synth.log"
(cd "$consumer" && CDK_OUTDIR="$consumer/cdk.out" node out/app.js) 2> "$synth_log" || { cat "$synth_log" >&2; echo "the README example does not synthesize" >&2; exit 1; }
grep -q "^CaResidency: 0 findings (1 exempted) in" "$synth_log" || { cat "$synth_log" >&2; echo "the README example printed no summary line" >&2; exit 1; }
# What fails synth: the same app moved to a region outside Canada must not synthesize.
sed "s/region: 'ca-central-1'/region: 'us-east-1'/" "$consumer/out/app.js" > "$consumer/out/app-us.js"
if (cd "$consumer" && CDK_OUTDIR="$consumer/cdk.out.us" node out/app-us.js) > "$consumer/us.log" 2>&1; then
  echo "the README example synthesized in us-east-1: the pack did not block it" >&2; exit 1
fi
grep -q "CaResidency-StackRegion" "$consumer/us.log" || { cat "$consumer/us.log" >&2; echo "no CaResidency region finding in us-east-1" >&2; exit 1; }
echo "package smoke test: the README example compiles and synthesizes from the tarball; moved to us-east-1 it fails synth"

node "$work/package/dist/bin/ca-residency.js" check cdk.out
