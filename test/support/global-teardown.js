const fs = require('fs');

module.exports = async () => {
  const dir = process.env.CA_RESIDENCY_TEST_SHARED_DIR;
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
};
