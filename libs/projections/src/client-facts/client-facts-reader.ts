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

/** The client-level facts as text (see `selectClientFacts`), the client's items as one JSON array, and the row's version. */
type AssembledRow = Record<string, string> & { items: string; version: string };

/**
 * What identifies one write of a client row: its stream revision and when it was written. The time
 * tells apart rows with the same revision written again (a stream forgotten and replayed, a rebuild).
 */
const rowVersion = (alias: string) => `${alias}.stream_revision::text || ' ' || ${alias}.updated_at::text`;

/** Reads the client facts view, as far as its runner has got (see `ProjectionHost.waitUntilCaughtUp`). */
export class ClientFactsReader {
  private readonly view: ClientFactsProjection;
  /**
   * The facts last decoded per client, with the row version they were decoded from. A list reads the
   * versions first and decodes only the clients written since, so that a list of 10,000 unchanged
   * clients costs no JSON and keeps the very same objects. The facts are never mutated.
   */
  private readonly decoded = new Map<string, { version: string; facts: BehaviourFacts }>();

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
    const { rows } = await this.sql.query<{ client_id: string; version: string }>(
      `select c.client_id, ${rowVersion('c')} as version from ${this.view.table} c
        where ($1::text is null or c.currency = $1::text)
          and ($2::text is null or exists (select 1 from ${this.view.items} d
                where d.client_id = c.client_id and d.kind = 'invoices' and d.open_due_on < $2::text::date))
        order by c.client_id`,
      [filter.currency ?? null, filter.openDueBefore ?? null],
    );
    const changed = rows.filter((row) => this.decoded.get(row.client_id)?.version !== row.version).map((row) => row.client_id);
    // Rows written again after the versions were read come newer than the list, as a moment later; a client gone since is left out.
    const fresh =
      changed.length === 0
        ? new Map<string, BehaviourFacts>()
        : new Map(
            (await this.select(`c.client_id in (select jsonb_array_elements_text($1::text::jsonb))`, [JSON.stringify(changed)])).map(
              (facts) => [facts.clientId, facts],
            ),
          );
    if (filter.currency === undefined && filter.openDueBefore === undefined) this.forgetAllBut(new Set(rows.map((row) => row.client_id)));
    return rows.flatMap((row) => {
      const known = this.decoded.get(row.client_id);
      const facts = fresh.get(row.client_id) ?? (known?.version === row.version ? known.facts : undefined);
      return facts ? [facts] : [];
    });
  }

  /** After a list of every client: the clients no longer in the view. */
  private forgetAllBut(listed: ReadonlySet<string>): void {
    for (const clientId of this.decoded.keys()) if (!listed.has(clientId)) this.decoded.delete(clientId);
  }

  /** One row per client with its items aggregated, so that a long list costs one parse per client. */
  private async select(condition: string, params: unknown[]): Promise<BehaviourFacts[]> {
    const { rows } = await this.sql.query<AssembledRow>(
      `select ${selectClientFacts('c')}, ${rowVersion('c')} as version,
              coalesce((select json_agg(json_build_object('kind', i.kind, 'data', i.data) order by i.kind, i.seq)
                          from ${this.view.items} i where i.client_id = c.client_id), '[]')::text as items
         from ${this.view.table} c where ${condition} order by c.client_id`,
      params,
    );
    return rows.map((row) => {
      const facts = assembleFacts(clientFactsOf(row), JSON.parse(row.items) as { kind: ItemKind; data: unknown }[]);
      this.decoded.set(facts.clientId, { version: row.version, facts });
      return facts;
    });
  }
}
