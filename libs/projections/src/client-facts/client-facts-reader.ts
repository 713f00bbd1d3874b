import { type BehaviourFacts, type IsoDate } from '@settle/domain';
import type { SqlExecutor } from '@settle/event-store';
import { assembleFacts, type ItemKind } from './fact-items';
import { CLIENT_FACTS_PROJECTION, ClientFactsProjection } from './client-facts.projection';
import { clientFactsOf, selectClientFacts } from './client-table';

export interface ClientFactsFilter {
  currency?: string;
  /** Only clients with an invoice still open that was due before this date (a superset of those overdue the day before). */
  openDueBefore?: IsoDate;
}

/** The client-level facts as text (see `selectClientFacts`), and the client's items as one JSON array. */
type AssembledRow = Record<string, string> & { items: string };

/** Reads the client facts view, as far as its runner has got (see `ProjectionHost.waitUntilCaughtUp`). */
export class ClientFactsReader {
  private readonly view: ClientFactsProjection;

  constructor(
    private readonly sql: SqlExecutor,
    table: string = CLIENT_FACTS_PROJECTION,
  ) {
    this.view = new ClientFactsProjection(table);
  }

  async get(clientId: string): Promise<BehaviourFacts | undefined> {
    const [facts] = await this.select('c.client_id = $1', [clientId]);
    return facts;
  }

  /** In client id order. */
  async list(filter: ClientFactsFilter = {}): Promise<BehaviourFacts[]> {
    return this.select(
      `($1::text is null or c.currency = $1::text)
       and ($2::text is null or exists (select 1 from ${this.view.items} d
             where d.client_id = c.client_id and d.kind = 'invoices' and d.open_due_on < $2::text::date))`,
      [filter.currency ?? null, filter.openDueBefore ?? null],
    );
  }

  /** One row per client with its items aggregated, so that a long list costs one parse per client. */
  private async select(condition: string, params: unknown[]): Promise<BehaviourFacts[]> {
    const { rows } = await this.sql.query<AssembledRow>(
      `select ${selectClientFacts('c')},
              coalesce((select json_agg(json_build_object('kind', i.kind, 'data', i.data) order by i.kind, i.seq)
                          from ${this.view.items} i where i.client_id = c.client_id), '[]')::text as items
         from ${this.view.table} c where ${condition} order by c.client_id`,
      params,
    );
    return rows.map((row) => assembleFacts(clientFactsOf(row), JSON.parse(row.items) as { kind: ItemKind; data: unknown }[]));
  }
}
