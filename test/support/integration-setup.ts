import { jest } from '@jest/globals';

// `testTimeout` is a global Jest option and is ignored inside `projects`; integration tests talk to
// real services and spawn processes, so they get a longer per-test budget here.
jest.setTimeout(120_000);
