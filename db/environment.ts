// The only module that reads process.env. Everything else receives the environment (or what was
// parsed from it) as an argument, so that every setting can be tested without touching the process.
// It sits in db/, the lowest layer, because every program needs DATABASE_URL: the server
// (server/config.ts), the seed step and the operator CLIs.

export type Environment = Readonly<Record<string, string | undefined>>;

/** This process's environment variables. */
export function processEnvironment(): Environment {
  return process.env;
}
