// One folder per jest run for the shared reference assembly (test/support/reference-assembly.ts). Workers inherit
// the environment of this process, so every test file of the run sees the same folder.
const fs = require('fs');
const os = require('os');
const path = require('path');

module.exports = async () => {
  process.env.CA_RESIDENCY_TEST_SHARED_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'ca-residency-run-'));
};
