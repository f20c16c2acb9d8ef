/**
 * Prints one plain closing line ("jest: N passed, N failed") after jest's own summary, so CI
 * systems that read the last line of a run see how many tests ran.
 */
class ClosingLineReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    const tail = skipped > 0 ? `, ${skipped} skipped` : '';
    process.stdout.write(`jest: ${results.numPassedTests} passed, ${results.numFailedTests} failed${tail}\n`);
  }
}
module.exports = ClosingLineReporter;
