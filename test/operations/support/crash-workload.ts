import { type ApiChild } from './api-child';

/** One command of the workload: where it goes, what it says, and the command id the stream records it under. */
export interface PlannedCommand {
  clientId: string;
  path: string;
  body: Record<string, unknown>;
  commandId: string;
  /** The id the answer names (the invoice, payment, … the command is about). */
  id: { field: string; value: string };
}

/** A client's commands in stages: each stage's commands go in parallel once every command of the previous stage was answered 2xx. */
export type ClientPlan = PlannedCommand[][];

/** What became of a command sent to a process that was then killed. */
export type Outcome =
  | { kind: 'answered'; status: number; body: string }
  /** Sent, and the connection died before an answer: it may or may not be recorded. */
  | { kind: 'in_flight'; error: string }
  /** Never sent: an earlier stage of its client was not acknowledged. */
  | { kind: 'unsent' };

/** Business dates of the workload: all on or before 2026-03-02, the first clock's today. */
const ISSUED_ON = ['2026-02-09', '2026-02-10', '2026-02-11', '2026-02-12', '2026-02-13'];

/**
 * A client with a late-fee policy, five invoices, two interactions and two payments allocated to
 * the invoices (exactly, so no credit is left over for a later invoice to absorb: resending any
 * subset in any order stays valid); or, `invoicesOnly`, the registration and the invoices. Due net
 * 30, nothing is overdue on 2026-03-02; on the later clock every invoice is months overdue, so a
 * collections run has something to decide for each client.
 */
export function planClient(clientId: string, { invoicesOnly = false } = {}): ClientPlan {
  const command = (path: string, body: Record<string, unknown>, commandId: string, field: string): PlannedCommand => ({
    clientId,
    path,
    body,
    commandId,
    id: { field, value: String(body[field]) },
  });
  const invoiceId = (index: number) => `${clientId}-INV-${index}`;
  const register = command(
    '/v1/clients',
    {
      clientId,
      name: `Crash client ${clientId}`,
      currency: 'EUR',
      agreement: {
        paymentTerms: { type: 'net', days: 30 },
        contact: { name: 'Robin', email: 'robin@client.example', preferredChannel: 'email' },
        lateFeePolicy: { fixedFee: '40.00', annualInterestRate: '8.00' },
      },
    },
    `RegisterClient:${clientId}`,
    'clientId',
  );
  const invoices = ISSUED_ON.map((issuedOn, index) =>
    command(
      `/v1/clients/${clientId}/invoices`,
      { invoiceId: invoiceId(index), amount: `${200 + 25 * index}.00`, currency: 'EUR', issuedOn },
      `IssueInvoice:${invoiceId(index)}`,
      'invoiceId',
    ),
  );
  const interactions = [
    { interactionId: `${clientId}-INT-0`, kind: 'note', occurredAt: '2026-02-20T10:00:00Z', summary: 'Asked for a copy of the invoices' },
    { interactionId: `${clientId}-INT-1`, kind: 'client_response', channel: 'email', occurredAt: '2026-02-24T15:30:00Z' },
  ].map((body) => command(`/v1/clients/${clientId}/interactions`, body, `LogInteraction:${body.interactionId}`, 'interactionId'));
  const payments = [
    {
      paymentId: `${clientId}-PAY-0`,
      amount: '150.00',
      allocations: [
        { invoiceId: invoiceId(0), amount: '100.00' },
        { invoiceId: invoiceId(1), amount: '50.00' },
      ],
    },
    { paymentId: `${clientId}-PAY-1`, amount: '75.00', allocations: [{ invoiceId: invoiceId(2), amount: '75.00' }] },
  ].map((payment) =>
    command(
      `/v1/clients/${clientId}/payments`,
      { ...payment, currency: 'EUR', receivedOn: '2026-03-01' },
      `RecordPayment:${payment.paymentId}`,
      'paymentId',
    ),
  );
  return invoicesOnly ? [[register], invoices] : [[register], [...invoices, ...interactions], payments];
}

export const commandsOf = (plans: readonly ClientPlan[]): PlannedCommand[] => plans.flat(2);

export async function send(api: ApiChild, command: PlannedCommand): Promise<Outcome> {
  try {
    const response = await api.fetch(command.path, { method: 'POST', body: JSON.stringify(command.body) });
    return { kind: 'answered', status: response.status, body: await response.text() };
  } catch (error) {
    return { kind: 'in_flight', error: String((error as { cause?: unknown }).cause ?? error) };
  }
}

export const acknowledged = (outcome: Outcome | undefined): boolean =>
  outcome?.kind === 'answered' && outcome.status >= 200 && outcome.status < 300;

/**
 * Sends every client's plan at once (clients in parallel, each stage in parallel): the burst.
 * `outcomes` fills in as answers come, so a test can kill the process in the middle and then look.
 */
export function burst(api: ApiChild, plans: readonly ClientPlan[], outcomes: Map<PlannedCommand, Outcome>): Promise<void> {
  for (const command of commandsOf(plans)) outcomes.set(command, { kind: 'unsent' });
  return Promise.all(
    plans.map(async (stages) => {
      for (const stage of stages) {
        const answered = await Promise.all(
          stage.map(async (command) => {
            const outcome = await send(api, command);
            outcomes.set(command, outcome);
            return acknowledged(outcome);
          }),
        );
        if (!answered.every(Boolean)) return;
      }
    }),
  ).then(() => undefined);
}

/** An event as `GET /v1/clients/{id}/history` shows it. */
export interface HistoryEvent {
  revision: string;
  eventId: string;
  type: string;
  data: Record<string, unknown>;
  metadata: { commandId?: string; source?: string; hash?: string };
}

/** A client's whole stream, page by page. */
export async function historyOf(api: ApiChild, clientId: string): Promise<HistoryEvent[]> {
  const events: HistoryEvent[] = [];
  for (let after: string | undefined; ;) {
    const response = await api.fetch(`/v1/clients/${clientId}/history?limit=1000${after === undefined ? '' : `&after=${after}`}`);
    if (response.status === 404) return events;
    if (response.status !== 200) throw new Error(`history of ${clientId}: ${response.status} ${await response.text()}`);
    const page = (await response.json()) as { events: HistoryEvent[]; next: { after: string } | null };
    events.push(...page.events);
    if (!page.next) return events;
    after = page.next.after;
  }
}

export async function getJson<T>(api: ApiChild, path: string, init?: RequestInit): Promise<T> {
  const response = await api.fetch(path, init);
  const text = await response.text();
  if (response.status !== 200) throw new Error(`${init?.method ?? 'GET'} ${path}: ${response.status} ${text}`);
  return JSON.parse(text) as T;
}
