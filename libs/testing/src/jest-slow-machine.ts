/**
 * Integration, chaos and end-to-end specs talk to Postgres, Redis and processes: on a busy machine
 * a step that takes 50 ms idle can take seconds. Their default timeout is a minute (a spec may set
 * its own), so only a hang fails, never a slow machine. Waits inside specs use `waitFor` deadlines.
 */
jest.setTimeout(60_000);
