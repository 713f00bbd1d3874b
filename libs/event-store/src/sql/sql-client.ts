/**
 * The few things the SQL adapters need from a database driver, so the same SQL runs on
 * PostgreSQL (`pg`) and on PGlite. General-purpose on purpose: the projection runner writes a
 * view change and its checkpoint through `transaction`.
 */

export interface SqlResult<Row> {
  rows: Row[];
  /** Rows inserted, updated or deleted by the statement (0 for a plain select). */
  rowCount: number;
}

/** Runs one statement with positional parameters (`$1`, `$2`, …). */
export interface SqlExecutor {
  query<Row = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<SqlResult<Row>>;
}

/** Told when a LISTEN channel is notified, or when the listening connection is gone for good. */
export interface NotificationHandlers {
  notify(): void;
  lost(error: unknown): void;
}

export interface SqlClient extends SqlExecutor {
  /**
   * Runs `work` in one transaction (read committed): committed when it resolves, rolled back when
   * it rejects. Queries inside must go through the executor it is given.
   */
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /** LISTENs on `channel` until the returned function is called. */
  listen(channel: string, handlers: NotificationHandlers): Promise<() => Promise<void>>;
}

/** Channel names are spliced into LISTEN, which takes no parameters: only plain identifiers. */
export function assertChannelName(channel: string): void {
  if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`Invalid notification channel name: ${channel}`);
}
