import { DateTime } from 'luxon';
import { addDays, daysBetween, type IsoDate, localDate } from '@settle/domain';
import { BACKTEST_MIX, type GeneratedClient, generateClients } from '../../scripts/portfolio';
import { EARLY_WARNING_DAYS } from './backtest';
import { BACKTEST_FULL } from './sizes';
import { percent } from './weekly-rows';

/**
 * How many defaulters are predictable at all 60 days before their default? Read from the generator's ground truth
 * (for the analysis only; no model sees it): the day its decline started (`declinesFrom`), and
 * every generated fact. An ideal observer compares what happened between the decline's start and 60 days before the
 * default with the client's own past before the decline: payments later than any before, and more unanswered
 * contacts, missed meetings, part payments or bounced payments than its own rate. The same observer, given the same
 * length of window, is run over every client that never defaults (each 4-week step of its history) for its false alarms.
 */

/** A client's facts as the comparisons need them. */
interface Facts {
  /** Per invoice: issued on, and settled on (the last payment not reversed; absent while it is not paid). */
  invoices: { issuedOn: IsoDate; settledOn?: IsoDate; parts: number }[];
  /** Outbound contacts that expect an answer: sent on, answered within two days. */
  contacts: { on: IsoDate; answered: boolean }[];
  meetings: { on: IsoDate; missed: boolean }[];
  reversals: IsoDate[];
}

function factsOf(client: GeneratedClient): Facts & { timezone: string } {
  let timezone = 'UTC';
  const invoices = new Map<string, { issuedOn: IsoDate; payments: Map<string, IsoDate> }>();
  const paymentInvoice = new Map<string, string>();
  const sent = new Map<string, { on: IsoDate; at: string }>();
  const answeredAt = new Map<string, string>();
  const meetings: Facts['meetings'] = [];
  const reversals: IsoDate[] = [];
  for (const { at, command } of client.commands) {
    // The generator dates every fact; a missing date would be the instant it was recorded.
    const day = at.slice(0, 10) as IsoDate;
    if (command.type === 'RegisterClient') timezone = command.data.agreement.timezone ?? timezone;
    else if (command.type === 'IssueInvoice')
      invoices.set(command.data.invoiceId, { issuedOn: command.data.issuedOn ?? day, payments: new Map() });
    else if (command.type === 'RecordPayment')
      for (const allocation of command.data.allocations ?? []) {
        invoices.get(allocation.invoiceId)?.payments.set(command.data.paymentId, command.data.receivedOn ?? day);
        paymentInvoice.set(command.data.paymentId, allocation.invoiceId);
      }
    else if (command.type === 'ReversePayment') {
      reversals.push(command.data.reversedOn ?? day);
      invoices.get(paymentInvoice.get(command.data.paymentId) ?? '')?.payments.delete(command.data.paymentId);
    } else if (command.type === 'LogInteraction') {
      const { kind, occurredAt, interactionId, respondsTo } = command.data;
      const on = occurredAt.slice(0, 10) as IsoDate;
      if (kind === 'outbound_contact') sent.set(interactionId, { on, at: occurredAt });
      if (kind === 'client_response' && respondsTo) answeredAt.set(respondsTo, occurredAt);
      if (kind === 'meeting_missed' || kind === 'meeting_held') meetings.push({ on, missed: kind === 'meeting_missed' });
    }
  }
  const twoDays = 2 * 24 * 3_600_000;
  return {
    timezone,
    invoices: [...invoices.values()].map(({ issuedOn, payments }) => {
      const days = [...payments.values()].sort();
      return { issuedOn, parts: days.length, ...(days.length > 0 && { settledOn: days.at(-1) }) };
    }),
    contacts: [...sent].map(([id, { on, at }]) => {
      const answer = answeredAt.get(id);
      return { on, answered: answer !== undefined && Date.parse(answer) - Date.parse(at) <= twoDays };
    }),
    meetings,
    reversals,
  };
}

/** P(X ≥ k) for X ~ Binomial(n, p). */
function atLeast(k: number, n: number, p: number): number {
  let below = 0;
  let term = (1 - p) ** n;
  for (let i = 0; i < k; i++) {
    below += term;
    term *= ((n - i) / (i + 1)) * (p / (1 - p));
  }
  return Math.max(0, 1 - below);
}

interface Change {
  kind: string;
  /** Any rise over the client's own rate (for payments: one later than any before). */
  any: boolean;
  /** The chance of at least this many at the client's own rate (one-sided binomial); 1 without a rise. */
  p: number;
}

/** What the window `(from, to]` shows against the client's past before `from`, with only what is known on `to`. */
function changes(facts: Facts, from: IsoDate, to: IsoDate): Change[] {
  const rate = (kind: string, past: boolean[], recent: boolean[]): Change => {
    const count = recent.filter(Boolean).length;
    const risen = count > 0 && count / recent.length > past.filter(Boolean).length / Math.max(1, past.length);
    // The client's own rate, with one event and one non-event added so a clean past is not a rate of zero.
    return { kind, any: risen, p: risen ? atLeast(count, recent.length, (past.filter(Boolean).length + 1) / (past.length + 2)) : 1 };
  };
  const split = <T extends { on: IsoDate }>(items: T[], flag: (item: T) => boolean) => ({
    past: items.filter((item) => item.on < from).map(flag),
    recent: items.filter((item) => item.on >= from && item.on <= to).map(flag),
  });
  const known = facts.invoices.map((invoice) => ({
    on: invoice.issuedOn,
    parts: invoice.parts,
    settledOn: invoice.settledOn && invoice.settledOn <= to ? invoice.settledOn : undefined,
  }));
  const settledBefore = known.filter((invoice) => invoice.settledOn !== undefined && invoice.settledOn < from);
  const slowest = Math.max(...settledBefore.map((invoice) => daysBetween(invoice.on, invoice.settledOn!)));
  // Later than any of n earlier invoices: a chance of 1 in n + 1 for each invoice at the client's own pace.
  const laterThanAny = (recent: boolean[]): Change => {
    const count = recent.filter(Boolean).length;
    return {
      kind: 'payment later than any before',
      any: count > 0,
      p: count > 0 ? atLeast(count, recent.length, 1 / (settledBefore.length + 1)) : 1,
    };
  };
  const contacts = split(
    facts.contacts.filter((contact) => contact.on <= addDays(to, -3)),
    (contact) => !contact.answered,
  );
  const meetings = split(facts.meetings, (meeting) => meeting.missed);
  const parts = split(known, (invoice) => invoice.parts > 1);
  const bounces = split(
    facts.reversals.map((on) => ({ on })),
    () => true,
  );
  const payments = known.filter((invoice) => invoice.on >= from && invoice.on <= to);
  return [
    settledBefore.length === 0
      ? { kind: 'payment later than any before', any: false, p: 1 }
      : laterThanAny(payments.map((invoice) => daysBetween(invoice.on, invoice.settledOn ?? to) > slowest)),
    rate('unanswered contacts', contacts.past, contacts.recent),
    rate('missed meetings', meetings.past, meetings.recent),
    rate('part payments', parts.past, parts.recent),
    // Bounces per invoice issued.
    rate('bounced payments', [...settledBefore.map(() => false), ...bounces.past], [...payments.map(() => false), ...bounces.recent]),
  ];
}

/** False-alarm shares at which the observer's threshold is set (on the clients that never default). */
const FALSE_ALARM_SHARES = [0.05, 0.1, 0.2];

/** How surprising a window is at the client's own rates: the strongest single change, and all of them together (Fisher). */
const evidence = (seen: Change[]) => ({
  any: seen.some((change) => change.any),
  strongest: Math.max(...seen.map((change) => -Math.log(change.p))),
  together: seen.reduce((sum, change) => sum - Math.log(change.p), 0),
});
type Evidence = ReturnType<typeof evidence>;

export function printGroundTruth(seeds: readonly string[], clients: number): void {
  const now = DateTime.fromISO(BACKTEST_FULL.now, { zone: 'utc' });
  const defaulters: { personality: string; decline: number; window: number; changes: Change[] }[] = [];
  const others: Evidence[] = [];
  let withoutDecline = 0;
  const clientsOf = (seed: string) => generateClients({ clients, now, seed, months: BACKTEST_FULL.months, mix: BACKTEST_MIX });
  for (const seed of seeds)
    for (const client of clientsOf(seed)) {
      if (client.defaultsOn === undefined) continue;
      const start = client.declinesFrom;
      if (start === undefined) {
        withoutDecline++;
        continue;
      }
      const facts = factsOf(client);
      const today = localDate(now, facts.timezone);
      const decline = (day: IsoDate) => Math.min(1, Math.max(0, daysBetween(start, day) / daysBetween(start, today)));
      const cutoff = addDays(client.defaultsOn, -EARLY_WARNING_DAYS);
      defaulters.push({
        personality: client.personality,
        decline: decline(cutoff),
        window: daysBetween(start, cutoff),
        changes: changes(facts, start, cutoff),
      });
    }
  const windowDays = median(defaulters.map((row) => row.window));
  for (const seed of seeds)
    for (const client of clientsOf(seed)) {
      if (client.defaultsOn !== undefined) continue;
      const facts = factsOf(client);
      const firstInvoice = facts.invoices.map((invoice) => invoice.issuedOn).sort()[0];
      const today = localDate(now, facts.timezone);
      const found: Evidence = { any: false, strongest: 0, together: 0 };
      for (let from = addDays(firstInvoice, 180); addDays(from, windowDays) <= today; from = addDays(from, 28)) {
        const seen = evidence(changes(facts, from, addDays(from, windowDays)));
        found.any ||= seen.any;
        found.strongest = Math.max(found.strongest, seen.strongest);
        found.together = Math.max(found.together, seen.together);
      }
      others.push(found);
    }
  const summary = defaulters.map((row) => evidence(row.changes));
  const count = (list: Evidence[], alarm: (item: Evidence) => boolean) => list.filter(alarm).length;
  // Alarm above the threshold that lets `falseAlarmShare` of the clients that never default through.
  const thresholdAt = (falseAlarmShare: number, score: (item: Evidence) => number) =>
    others.map(score).sort((a, b) => b - a)[Math.floor(falseAlarmShare * others.length)];
  const together = (item: Evidence) => item.together;
  const byPersonality = [...new Set(defaulters.map((row) => row.personality))].sort().map((personality) => {
    const group = defaulters.filter((row) => row.personality === personality);
    const flagged = group.filter((row) => together(evidence(row.changes)) > thresholdAt(0.1, together)).length;
    return `${personality} ${flagged}/${group.length} (decline ${median(group.map((row) => row.decline)).toFixed(2)})`;
  });
  const row = (name: string, score: (item: Evidence) => number) =>
    `| ${name} | ${FALSE_ALARM_SHARES.map((falseAlarmShare) => {
      const threshold = thresholdAt(falseAlarmShare, score);
      return `${percent(
        count(summary, (item) => score(item) > threshold),
        summary.length,
      )} at ${percent(
        count(others, (item) => score(item) > threshold),
        others.length,
      )}`;
    }).join(' | ')} |`;
  const kinds = defaulters[0].changes.map(
    (change, k) =>
      `${change.kind} ${defaulters.filter((row) => row.changes[k].any).length}/${defaulters.filter((row) => row.changes[k].p < 0.01).length}`,
  );
  const lines = [
    `Ground truth (${seeds.join(', ')}, ${clients} clients a seed; ${defaulters.length} defaulters, ${others.length} that never default; ${withoutDecline} defaulters without a decline left out):`,
    `  an ideal observer that knows when each decline began compares, ${EARLY_WARNING_DAYS} days before the default (a median ${windowDays} days into the decline), the decline so far with the client's own past before it;`,
    `  the same observer runs over every ${windowDays}-day window of the clients that never default (4-week steps, from 180 days after their first invoice): an alarm in any is a false alarm.`,
    `  any rise (one payment later than any before, one more unanswered contact, …): defaulters ${percent(
      count(summary, (item) => item.any),
      summary.length,
    )}, false alarms ${percent(
      count(others, (item) => item.any),
      others.length,
    )}`,
    `| change against the client's own past (binomial chance at its own rate) | ${FALSE_ALARM_SHARES.map((share) => `defaulters flagged at ≤ ${100 * share} % false alarms`).join(' | ')} |`,
    `| --- | ${FALSE_ALARM_SHARES.map(() => '---:').join(' | ')} |`,
    row('the strongest single change', (item) => item.strongest),
    row('all changes together (Fisher)', together),
    `  by kind (defaulters, any rise / p < 0.01): ${kinds.join(', ')}`,
    `  all changes together at 10 %, by personality (median decline reached 60 days before default): ${byPersonality.join(', ')}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
