import { DateTime } from 'luxon';
import { type IsoInstant } from '@settle/domain';
import { clientHistory, type GeneratedClient } from './client-history';
import { assignPersonalities, DEFAULT_MIX, type PersonalityMix } from './personalities';
import { SeededRandom } from './seeded-random';
import { byInstant, type TimedCommand } from './timed-command';

export interface PortfolioOptions {
  clients: number;
  /** The last instant of the history (the demo's "now", a test's fixed clock). */
  now: DateTime | string;
  /** The same seed gives the same portfolio. Default `settle`. */
  seed?: string;
  /** Length of the history. Default 24 months. */
  months?: number;
  /** Client ids are `<prefix>-00001`, … Default `client`. */
  prefix?: string;
  mix?: PersonalityMix;
  /** Every client invoices this often (benchmarks); by default one to three invoices a month. */
  invoicesPerMonth?: number;
}

export interface Portfolio {
  seed: string;
  now: IsoInstant;
  months: number;
  clients: GeneratedClient[];
}

export function generatePortfolio(options: PortfolioOptions): Portfolio {
  const { seed, now, months } = resolved(options);
  return { seed, now: now.toISO() as IsoInstant, months, clients: [...generateClients(options)] };
}

/** The clients one at a time, for portfolios too large to hold (benchmarks); the same clients as `generatePortfolio`. */
export function* generateClients(options: PortfolioOptions): Generator<GeneratedClient> {
  const { seed, now, months } = resolved(options);
  const random = new SeededRandom(seed);
  const personalities = assignPersonalities(options.clients, options.mix ?? DEFAULT_MIX, random.derive('personalities'));
  const digits = Math.max(5, String(options.clients).length);
  for (const [index, personality] of personalities.entries()) {
    const clientId = `${options.prefix ?? 'client'}-${String(index + 1).padStart(digits, '0')}`;
    yield clientHistory({
      clientId,
      personality,
      random: random.derive(clientId),
      now,
      months,
      invoicesPerMonth: options.invoicesPerMonth,
    });
  }
}

/** Every client's commands merged into one time line (stable: a client's own order is kept). */
export function inTimeOrder(clients: readonly GeneratedClient[]): TimedCommand[] {
  return clients.flatMap((client) => client.commands).sort(byInstant);
}

function resolved(options: PortfolioOptions): { seed: string; now: DateTime; months: number } {
  const now = typeof options.now === 'string' ? DateTime.fromISO(options.now, { setZone: true }) : options.now;
  if (!now.isValid) throw new Error(`Invalid "now": ${String(options.now)}`);
  return { seed: options.seed ?? 'settle', now: now.toUTC(), months: options.months ?? 24 };
}
