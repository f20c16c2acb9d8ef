/**
 * `node check-throughput-process.js <cdk.out> <size> <runs>`: prints checkThroughput's result as JSON. Run from the
 * CLI compiled by compileCli, where `../lib/check` is the compiled library (see checkThroughputInFreshProcess).
 */
import { checkThroughput } from './check-throughput';

const [assemblyDir, size, runs] = process.argv.slice(2);
process.stdout.write(JSON.stringify(checkThroughput(assemblyDir, Number(size), Number(runs))));
