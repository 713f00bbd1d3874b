import { BehaviourFacts, IsoDate } from '@settle/domain';
import type { SqlExecutor } from '@settle/event-store';
import { assertIdentifier } from '../projection';
import { CLIENT_FACTS_PROJECTION } from './client-facts.projection';

export interface ClientFactsFilter {
  currency?: string;
  /** Only clients with an open invoice due before this date (a superset of those overdue on the day before it). */
  openDueBefore?: IsoDate;
}

/** Reads the client facts view (as far as its runner has got: see `ProjectionHost.waitUntilCaughtUp`). */
export class ClientFactsReader {
  constructor(
    private readonly sql: SqlExecutor,
    private readonly table: string = CLIENT_FACTS_PROJECTION,
  ) {
    assertIdentifier(table);
  }

  async get(clientId: string): Promise<BehaviourFacts | undefined> {
    const { rows } = await this.sql.query<{ facts: string }>(`select facts::text as facts from ${this.table} where client_id = $1`, [clientId]);
    return rows.length === 0 ? undefined : (JSON.parse(rows[0].facts) as BehaviourFacts);
  }

  /** In client id order. */
  async list(filter: ClientFactsFilter = {}): Promise<BehaviourFacts[]> {
    const { rows } = await this.sql.query<{ facts: string }>(
      `select facts::text as facts from ${this.table}
        where ($1::text is null or currency = $1::text) and ($2::text is null or earliest_open_due_on < $2::text::date)
        order by client_id`,
      [filter.currency ?? null, filter.openDueBefore ?? null],
    );
    return rows.map((row) => JSON.parse(row.facts) as BehaviourFacts);
  }
}
