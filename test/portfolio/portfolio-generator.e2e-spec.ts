import {
  assessSolvency,
  type BehaviourFacts,
  type ClientAccountEvent,
  computePaymentBehaviour,
  daysBetween,
  engagementOf,
  evolveBehaviourFacts,
  initialBehaviourFacts,
  type IsoDate,
  type PaymentBehaviour,
  type Solvency,
} from '@settle/domain';
import { DateTime } from 'luxon';
import { type GeneratedClient, generatePortfolio, type Personality, PERSONALITIES, PortfolioRecorder } from '../../scripts/portfolio';

const NOW = DateTime.fromISO('2026-03-02T10:00:00Z', { zone: 'utc' });

interface Assessed {
  client: GeneratedClient;
  facts: BehaviourFacts;
  behaviour: PaymentBehaviour;
  solvency: Solvency;
}

/** Records the client's commands through the real write side (a rejected command throws) and folds the events as the views do. */
async function assess(client: GeneratedClient, recorder: PortfolioRecorder): Promise<Assessed> {
  for (const command of client.commands) await recorder.record(command);
  const events = recorder.drain().flatMap((append) => append.events);
  const facts = events.reduce(
    (current, { type, data }) => evolveBehaviourFacts(current, { type, data } as ClientAccountEvent),
    initialBehaviourFacts(),
  );
  return { client, facts, behaviour: computePaymentBehaviour(facts, NOW), solvency: assessSolvency(facts, NOW) };
}

describe('portfolio generator', () => {
  it('gives the same portfolio for the same seed, and another for another seed', () => {
    const first = generatePortfolio({ clients: 12, now: NOW, seed: 'alpha' });
    const again = generatePortfolio({ clients: 12, now: NOW.toISO()!, seed: 'alpha' });
    const other = generatePortfolio({ clients: 12, now: NOW, seed: 'beta' });
    expect(again).toEqual(first);
    expect(JSON.stringify(other.clients)).not.toEqual(JSON.stringify(first.clients));
  });

  it('deals out the personalities in the proportions of the mix', () => {
    const { clients } = generatePortfolio({ clients: 100, now: NOW });
    const count = (personality: Personality) => clients.filter((client) => client.personality === personality).length;
    // DEFAULT_MIX: 45% / 20% / 10% / 10% / 15%
    expect(PERSONALITIES.map(count)).toEqual([45, 20, 10, 10, 15]);
    expect(new Set(clients.map((client) => client.clientId)).size).toBe(100);
    expect(clients[0].clientId).toBe('client-00001');
  });

  it('gives a new client going south less than a year of history before it defaults (the backtest prices the new-client rules on it)', () => {
    const { clients } = generatePortfolio({ clients: 12, now: NOW, seed: 'new-clients', mix: { new_client_going_south: 1 } });
    for (const { commands, defaultsOn } of clients) {
      const [first] = commands.flatMap(({ command }) => (command.type === 'IssueInvoice' ? [command.data.issuedOn as IsoDate] : []));
      // Signed 3–6 months before a decline of 7–10 months towards now: its first invoice is 10–16 months old…
      expect(daysBetween(first, NOW.toISODate() as IsoDate)).toBeLessThan(17 * 31);
      // …and it stops paying within its first year, as a new client with no year of payments to compare with.
      expect(defaultsOn).toBeDefined();
      expect(daysBetween(first, defaultsOn!)).toBeLessThan(365);
    }
  });

  it('tells each history in time order, from registration to now, over 24 months', () => {
    const { clients } = generatePortfolio({ clients: 20, now: NOW, prefix: 'acme' });
    for (const { commands, clientId } of clients) {
      expect(commands[0].command).toMatchObject({ type: 'RegisterClient', data: { clientId } });
      expect(commands.every(({ command }) => command.data.clientId === clientId)).toBe(true);
      expect(commands.map(({ at }) => at)).toEqual(commands.map(({ at }) => at).sort());
      expect(commands[commands.length - 1].at <= NOW.toISO()!).toBe(true);
      // Registered two weeks before the first invoice, at most 24 months ago.
      expect(DateTime.fromISO(commands[0].at) >= NOW.minus({ months: 24, days: 16 })).toBe(true);
    }
    const registeredAtStart = clients.filter(({ commands }) => DateTime.fromISO(commands[0].at) < NOW.minus({ months: 23 })).length;
    expect(registeredAtStart).toBeGreaterThan(10);
  });

  it('keeps a short history (6 months) just as valid: the write side accepts every command', async () => {
    const { clients } = generatePortfolio({ clients: 20, now: NOW, months: 6, seed: 'short' });
    const recorder = new PortfolioRecorder(clients.length);
    for (const client of clients) {
      expect(DateTime.fromISO(client.commands[0].at) >= NOW.minus({ months: 6, days: 16 })).toBe(true);
      for (const command of client.commands) await recorder.record(command);
    }
    expect(recorder.drain().length).toBeGreaterThan(20 * 20);
  });

  describe('personalities, assessed at now by the domain metrics', () => {
    const assessed = new Map<Personality, Assessed[]>();

    beforeAll(async () => {
      const { clients } = generatePortfolio({ clients: 60, now: NOW, seed: 'personalities' });
      const recorder = new PortfolioRecorder(clients.length);
      for (const client of clients) {
        const result = await assess(client, recorder);
        assessed.set(client.personality, [...(assessed.get(client.personality) ?? []), result]);
      }
    }, 120_000);

    const of = (personality: Personality) => assessed.get(personality) ?? [];

    it('records every generated command without a rejection, with invoices, payments, partial payments and interactions', () => {
      const all = [...assessed.values()].flat();
      expect(all).toHaveLength(60);
      const invoices = all.flatMap(({ facts }) => facts.invoices);
      expect(invoices.length).toBeGreaterThan(60 * 20);
      expect(invoices.some((invoice) => invoice.settlements.filter((settlement) => settlement.kind === 'payment').length > 1)).toBe(true);
      expect(invoices.some((invoice) => invoice.settlements.some((settlement) => settlement.kind === 'reversal'))).toBe(true);
      expect(invoices.some((invoice) => invoice.settlements.some((settlement) => settlement.kind === 'credit_note'))).toBe(true);
      expect(all.every(({ facts }) => facts.outboundContacts.length > 0 && facts.clientResponses.length > 0)).toBe(true);
    });

    it('good payers pay on time and stay at low risk', () => {
      expect(of('good_payer')).toHaveLength(27);
      for (const { behaviour, solvency } of of('good_payer')) {
        expect(behaviour.onTimeRate).toBeGreaterThanOrEqual(0.75);
        expect(solvency.riskLevel).toBe('low');
      }
      const paid = of('good_payer').flatMap(({ facts }) => facts.invoices.filter((invoice) => invoice.paidOn !== undefined));
      expect(paid.filter((invoice) => invoice.paidOn! <= invoice.dueOn).length / paid.length).toBeGreaterThan(0.9);
    });

    it('steady late payers pay 16–22 days late, every time: a stable trend, not a deteriorating one', () => {
      for (const { behaviour, solvency } of of('steady_late_payer')) {
        expect(behaviour.weightedAverageDaysLate).toBeGreaterThanOrEqual(14);
        expect(behaviour.weightedAverageDaysLate).toBeLessThanOrEqual(24);
        expect(behaviour.trend.direction).toBe('stable');
        expect(['low', 'medium']).toContain(solvency.riskLevel);
        expect(behaviour.promises.kept).toBeGreaterThan(behaviour.promises.broken);
      }
    });

    it('clients going south pay later and later, then not at all, stop answering and coming to meetings: deteriorating, high or critical', () => {
      expect(of('going_south')).toHaveLength(6);
      for (const { facts, behaviour, solvency } of of('going_south')) {
        expect(behaviour.trend.direction).toBe('deteriorating');
        expect(['high', 'critical']).toContain(solvency.riskLevel);
        // A year ago they paid about on time.
        const yearAgo = NOW.minus({ months: 12 }).toISODate()!;
        const paidEarly = facts.invoices.filter((invoice) => invoice.paidOn !== undefined && invoice.dueOn < yearAgo);
        const averageLate =
          paidEarly.reduce((sum, invoice) => sum + Math.max(0, daysBetween(invoice.dueOn, invoice.paidOn!)), 0) / paidEarly.length;
        expect(averageLate).toBeLessThan(6);
        expect(behaviour.oldestOverdueDays).toBeGreaterThan(45);
        expect(behaviour.engagement.unansweredLast90Days).toBeGreaterThanOrEqual(3);
        expect(behaviour.engagement.meetingsMissedLast90Days).toBeGreaterThanOrEqual(1);
        expect(behaviour.promises.broken).toBeGreaterThanOrEqual(1);
      }
    });

    it('disengaged decision makers leave most contacts unanswered, miss meetings, and change', () => {
      for (const { facts, behaviour } of of('disengaged')) {
        const everything = engagementOf(facts, NOW, 3650);
        expect(everything.unansweredLast90Days / facts.outboundContacts.length).toBeGreaterThan(0.5);
        expect(facts.meetingsMissed.length).toBeGreaterThan(facts.meetingsHeld.length / 2);
        expect(facts.decisionMakerChanges.length).toBeGreaterThanOrEqual(1);
        expect(behaviour.engagement.unansweredLast90Days).toBeGreaterThanOrEqual(2);
      }
    });

    it('hagglers push back on price (also within the last year), dispute invoices and get some credited', () => {
      for (const { facts, solvency } of of('haggler')) {
        expect(facts.pricePushbacks.length).toBeGreaterThanOrEqual(3);
        expect(solvency.factors.map((factor) => factor.code)).toContain('negotiation_red_flags');
      }
      const invoices = of('haggler').flatMap(({ facts }) => facts.invoices);
      const disputed = invoices.filter(
        (invoice) => invoice.disputed || invoice.settlements.some((settlement) => settlement.kind === 'credit_note'),
      );
      expect(disputed.length).toBeGreaterThanOrEqual(invoices.length / 10);
    });

    it('ranks the going-south clients above everyone else by risk', () => {
      const lowestGoingSouth = Math.min(...of('going_south').map(({ solvency }) => solvency.riskScore));
      const others = PERSONALITIES.filter((personality) => personality !== 'going_south').flatMap(of);
      expect(others.filter(({ solvency }) => solvency.riskScore >= lowestGoingSouth)).toEqual([]);
    });
  });
});
