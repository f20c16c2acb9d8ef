#!/usr/bin/env node
/** `ca-residency <command>`: dispatch only; the subcommands are the table in lib/cli/commands.ts. */
import { runAsProcess } from '../lib/cli/process-io';

export { main, run } from '../lib/cli/dispatch';

if (require.main === module) runAsProcess(process.argv.slice(2));
