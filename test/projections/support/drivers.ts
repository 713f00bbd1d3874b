import { type ClientAccounts, type ManualClock } from '@settle/command-pipeline';
import { type ClientAccountCommand } from '@settle/domain';
import { type TestApp } from '../../support/test-app';
import { type TimedCommand } from './workload';

const CONTEXT = { actor: 'workload', role: 'admin' as const, source: 'api' as const, correlationId: 'workload' };

/** Sends each command at its instant straight to the write side. */
export async function runDirectly(accounts: ClientAccounts, clock: ManualClock, commands: readonly TimedCommand[]): Promise<void> {
  for (const { at, command } of commands) {
    clock.set(at);
    await accounts.execute(command, CONTEXT);
  }
}

/** The route and body of a command (SPEC 7). */
function route(command: ClientAccountCommand): { path: string; body: object } {
  const { clientId, ...rest } = command.data;
  const client = `/v1/clients/${clientId}`;
  switch (command.type) {
    case 'RegisterClient':
      return { path: '/v1/clients', body: command.data };
    case 'IssueInvoice':
      return { path: `${client}/invoices`, body: rest };
    case 'RecordPayment':
      return { path: `${client}/payments`, body: rest };
    case 'ReversePayment': {
      const { paymentId, ...body } = command.data;
      return { path: `${client}/payments/${paymentId}/reversal`, body: { reason: body.reason, reversedOn: body.reversedOn } };
    }
    case 'IssueCreditNote': {
      const { invoiceId, clientId: _, ...body } = command.data;
      return { path: `${client}/invoices/${invoiceId}/credit-notes`, body };
    }
    case 'WriteOffInvoice': {
      const { invoiceId, clientId: _, ...body } = command.data;
      return { path: `${client}/invoices/${invoiceId}/write-off`, body };
    }
    case 'LogInteraction':
      return { path: `${client}/interactions`, body: rest };
    default:
      throw new Error(`No route for ${command.type} in the workload driver`);
  }
}

/** Sends each command at its instant through the HTTP API, as admin (every route allows it). */
export async function runOverHttp(t: TestApp, commands: readonly TimedCommand[]): Promise<void> {
  for (const { at, command } of commands) {
    t.clock.set(at);
    const { path, body } = route(command);
    const response = await t.as('admin').post(path).send(body);
    if (response.status >= 300) throw new Error(`${command.type} ${path} → ${response.status}: ${JSON.stringify(response.body)}`);
  }
}
