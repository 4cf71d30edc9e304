// CI reads a plain closing line, not Jest's own summary. Under scripts/test.sh the line goes to
// RS_TEST_SUMMARY_FILE and the script prints it last, after everything Jest wrote to stderr.
const { writeFileSync } = require('node:fs');

class SummaryReporter {
  onRunComplete(_contexts, results) {
    const { numPassedTests, numFailedTests, numPendingTests, numTodoTests, numRuntimeErrorTestSuites } = results;
    const line = `${numPassedTests} passed, ${numFailedTests + numRuntimeErrorTestSuites} failed, ${numPendingTests + numTodoTests} skipped`;
    if (process.env.RS_TEST_SUMMARY_FILE) writeFileSync(process.env.RS_TEST_SUMMARY_FILE, `${line}\n`);
    else process.stdout.write(`\n${line}\n`);
  }
}
module.exports = SummaryReporter;
