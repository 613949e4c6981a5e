import { afterEach } from 'vitest';
import { removeTempDirs } from './temp.js';

// A setup file runs before every test file, also when test files share a worker and its loaded modules
// (isolate: false): the hook is registered for each file, not only for the first to import the temp helper.
afterEach(removeTempDirs);
