import { EVENTS_CHANNEL } from './schema';
import type { SqlExecutor } from './sql-client';

/**
 * Tells subscriptions in other processes that events were appended: a NOTIFY sent right after the
 * append commits, one at a time, appends made meanwhile folded into the next one. Not inside the
 * append transaction: PostgreSQL serialises the commits of notifying transactions, fsync included,
 * which cost three quarters of the throughput of concurrent appends. A notification lost to a
 * crash in between is covered by the subscriptions' polling.
 */
export class AppendNotifier {
  private sending: Promise<void> | undefined;
  private again = false;

  constructor(private readonly sql: SqlExecutor) {}

  notify(): void {
    if (this.sending) {
      this.again = true;
      return;
    }
    this.sending = this.sql
      .query('select pg_notify($1, $2)', [EVENTS_CHANNEL, ''])
      .then(
        () => undefined,
        () => undefined, // polling delivers what a lost notification would have announced
      )
      .finally(() => {
        this.sending = undefined;
        if (this.again) {
          this.again = false;
          this.notify();
        }
      });
  }

  /** Resolves once nothing is being sent, so the connection can be closed. */
  async settled(): Promise<void> {
    while (this.sending) await this.sending;
  }
}
