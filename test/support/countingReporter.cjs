// Mocha's spec output, plus the pass/fail counts written to a file so scripts/test.mjs can sum every layer.
const fs = require('node:fs');
const Mocha = require('mocha');

class CountingReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      const file = process.env.DHIS2_PAT_COUNTS_FILE;
      if (file) {
        fs.writeFileSync(file, JSON.stringify({ passed: this.stats.passes, failed: this.stats.failures }));
      }
    });
  }
}
module.exports = CountingReporter;
