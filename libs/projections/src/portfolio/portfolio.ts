import {
  currencyExponent,
  DEFAULT_METRICS_CONFIG,
  type IsoInstant,
  type MetricsConfig,
  type RiskLevel,
  type TrendDirection,
  type BehaviourFacts,
} from '@settle/domain';
import { type DateTime } from 'luxon';
import { type ClientFigures, clientFigures } from './client-figures';

export const PORTFOLIO_SORT_KEYS = ['clientId', 'name', 'balance', 'overdue', 'riskScore', 'oldestOverdueDays', 'paydex'] as const;
export type PortfolioSortKey = (typeof PORTFOLIO_SORT_KEYS)[number];

/** SPEC 4.4 `GET /clients`: filters are and-ed; a list filter matches any of its values. */
export interface PortfolioQuery {
  riskLevels?: readonly RiskLevel[];
  trends?: readonly TrendDirection[];
  /** true: something is overdue; false: nothing is. */
  overdue?: boolean;
  currency?: string;
  /** Default: client id, ascending. Ties are broken by client id. */
  sort?: { key: PortfolioSortKey; descending: boolean };
  limit?: number;
  offset?: number;
}

export interface CurrencyTotals {
  currency: string;
  clients: number;
  outstanding: bigint;
  balance: bigint;
  overdue: bigint;
}

export interface Portfolio {
  asOf: IsoInstant;
  /** Clients matching the filters, before paging. */
  total: number;
  clients: ClientFigures[];
  /** Over every matching client, by currency (amounts of different currencies are never added). */
  totals: CurrencyTotals[];
}

/** A sort value; amounts carry their currency so that they compare in major units. */
type SortValue = string | number | null | { minor: bigint; currency: string };

const sortValue = (figures: ClientFigures, key: PortfolioSortKey): SortValue => {
  switch (key) {
    case 'clientId':
      return figures.facts.clientId;
    case 'name':
      return figures.facts.name;
    case 'balance':
      return { minor: figures.balance, currency: figures.facts.currency };
    case 'overdue':
      return { minor: figures.behaviour.overdue, currency: figures.facts.currency };
    case 'riskScore':
      return figures.solvency.riskScore;
    case 'oldestOverdueDays':
      return figures.behaviour.oldestOverdueDays;
    case 'paydex':
      return figures.behaviour.paydex;
    default: {
      const unknown: never = key;
      throw new Error(`Unknown sort key ${String(unknown)}`);
    }
  }
};

/** a ÷ 10^ea against b ÷ 10^eb, exactly. */
const compareMoney = (a: { minor: bigint; currency: string }, b: { minor: bigint; currency: string }): number => {
  const left = a.minor * 10n ** BigInt(currencyExponent(b.currency));
  const right = b.minor * 10n ** BigInt(currencyExponent(a.currency));
  return left === right ? 0 : left < right ? -1 : 1;
};

const compareValues = (a: Exclude<SortValue, null>, b: Exclude<SortValue, null>): number => {
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return compareMoney(a as { minor: bigint; currency: string }, b as { minor: bigint; currency: string });
};

/** Missing values (no PAYDEX yet) go last in either direction. */
const compareSortValues = (left: SortValue, right: SortValue, descending: boolean): number =>
  left === null || right === null ? (left === right ? 0 : left === null ? 1 : -1) : (descending ? -1 : 1) * compareValues(left, right);

const matches = (query: PortfolioQuery) => (figures: ClientFigures) =>
  (query.currency === undefined || figures.facts.currency === query.currency) &&
  (query.riskLevels === undefined || query.riskLevels.includes(figures.solvency.riskLevel)) &&
  (query.trends === undefined || query.trends.includes(figures.behaviour.trend.direction)) &&
  (query.overdue === undefined || query.overdue === figures.behaviour.overdue > 0n);

/**
 * What filtering, sorting and the totals need of a matching client. Only these are kept while every
 * client is evaluated: holding 10,000 clients' whole figures until the sort cost more in garbage
 * collection than computing the page's figures again.
 */
interface Ranked {
  facts: BehaviourFacts;
  sortValue: SortValue;
  outstanding: bigint;
  overdue: bigint;
  balance: bigint;
}

const rank = (figures: ClientFigures, key: PortfolioSortKey): Ranked => ({
  facts: figures.facts,
  sortValue: sortValue(figures, key),
  outstanding: figures.behaviour.outstanding,
  overdue: figures.behaviour.overdue,
  balance: figures.balance,
});

/** Ties broken by client id. */
const byRank =
  (descending: boolean) =>
  (a: Ranked, b: Ranked): number =>
    compareSortValues(a.sortValue, b.sortValue, descending) ||
    (a.facts.clientId < b.facts.clientId ? -1 : a.facts.clientId > b.facts.clientId ? 1 : 0);

const totalsByCurrency = (clients: readonly Ranked[]): CurrencyTotals[] => {
  const totals = new Map<string, CurrencyTotals>();
  for (const { facts, outstanding, overdue, balance } of clients) {
    let current = totals.get(facts.currency);
    if (current === undefined) {
      current = { currency: facts.currency, clients: 0, outstanding: 0n, balance: 0n, overdue: 0n };
      totals.set(facts.currency, current);
    }
    current.clients += 1;
    current.outstanding += outstanding;
    current.balance += balance;
    current.overdue += overdue;
  }
  return [...totals.values()].sort((a, b) => (a.currency < b.currency ? -1 : 1));
};

/** The clients' headline figures at `now`, filtered, sorted and paged. */
export const portfolio = (
  accounts: readonly BehaviourFacts[],
  query: PortfolioQuery,
  now: DateTime,
  config: MetricsConfig = DEFAULT_METRICS_CONFIG,
): Portfolio => {
  const { key, descending } = query.sort ?? { key: 'clientId', descending: false };
  const isMatch = matches(query);
  const matching: Ranked[] = [];
  for (const facts of accounts) {
    const figures = clientFigures(facts, now, config);
    if (isMatch(figures)) matching.push(rank(figures, key));
  }
  matching.sort(byRank(descending));
  const offset = query.offset ?? 0;
  return {
    asOf: now.toUTC().toISO() as IsoInstant,
    total: matching.length,
    // The same facts at the same instant: the very figures the ranking saw.
    clients: matching
      .slice(offset, query.limit === undefined ? undefined : offset + query.limit)
      .map(({ facts }) => clientFigures(facts, now, config)),
    totals: totalsByCurrency(matching),
  };
};
