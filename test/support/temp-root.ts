import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Every temporary file of a test run, the tests' own and those of the CLI processes they start, lands in one
 * folder that is removed when the run ends, so the suite leaves nothing behind in the temp directory.
 */
export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), 'eduduty-test-run-'));
  process.env.TMPDIR = root;
  return () => rmSync(root, { recursive: true, force: true });
}
