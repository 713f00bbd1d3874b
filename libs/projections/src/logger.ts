/** Where the runner reports progress; Nest's `Logger` fits, so does `console`. */
export interface ProjectionLogger {
  log(message: string): void;
  warn(message: string): void;
  error(message: string, stack?: string): void;
}

export const silentLogger: ProjectionLogger = { log: () => undefined, warn: () => undefined, error: () => undefined };
