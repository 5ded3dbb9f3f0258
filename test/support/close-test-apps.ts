import { afterEach } from 'vitest';
import { closeTestApps } from './test-app';

// A setup file, so the hook is registered in every test file, also when test files share a worker's
// module cache (a module's top-level hook would then only be registered in the first file).
afterEach(closeTestApps);
