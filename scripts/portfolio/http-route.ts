import { type ClientAccountCommand } from '@settle/domain';

/** A command as the public API takes it (SPEC 7). */
export interface HttpRequest {
  method: 'POST' | 'PUT';
  path: string;
  body: object;
}

/** The route and body of every client-account command: ids in the path leave the body. */
export function httpRequestFor(command: ClientAccountCommand): HttpRequest {
  const client = `/v1/clients/${encodeURIComponent(command.data.clientId)}`;
  switch (command.type) {
    case 'RegisterClient':
      return { method: 'POST', path: '/v1/clients', body: command.data };
    case 'ChangeAgreement': {
      const { clientId: _, agreement, lateFeePolicyEffectiveFrom } = command.data;
      return {
        method: 'PUT',
        path: `${client}/agreement`,
        body: { ...agreement, ...(lateFeePolicyEffectiveFrom && { lateFeePolicyEffectiveFrom }) },
      };
    }
    case 'IssueInvoice': {
      const { clientId: _, ...body } = command.data;
      return { method: 'POST', path: `${client}/invoices`, body };
    }
    case 'IssueCreditNote': {
      const { clientId: _, invoiceId, ...body } = command.data;
      return { method: 'POST', path: `${client}/invoices/${encodeURIComponent(invoiceId)}/credit-notes`, body };
    }
    case 'WriteOffInvoice': {
      const { clientId: _, invoiceId, ...body } = command.data;
      return { method: 'POST', path: `${client}/invoices/${encodeURIComponent(invoiceId)}/write-off`, body };
    }
    case 'RecordPayment': {
      const { clientId: _, ...body } = command.data;
      return { method: 'POST', path: `${client}/payments`, body };
    }
    case 'ReversePayment': {
      const { clientId: _, paymentId, ...body } = command.data;
      return { method: 'POST', path: `${client}/payments/${encodeURIComponent(paymentId)}/reversal`, body };
    }
    case 'LogInteraction': {
      const { clientId: _, ...body } = command.data;
      return { method: 'POST', path: `${client}/interactions`, body };
    }
    case 'PauseCollections': {
      const { clientId: _, ...body } = command.data;
      return { method: 'POST', path: `${client}/collections/pause`, body };
    }
    case 'ResumeCollections': {
      const { clientId: _, ...body } = command.data;
      return { method: 'POST', path: `${client}/collections/resume`, body };
    }
    case 'ApproveAgencyHandover': {
      const { clientId: _, ...body } = command.data;
      return { method: 'POST', path: `${client}/collections/agency-handover`, body };
    }
    case 'WaiveFees': {
      const { clientId: _, invoiceId, ...body } = command.data;
      return { method: 'POST', path: `${client}/invoices/${encodeURIComponent(invoiceId)}/fee-waivers`, body };
    }
    default: {
      const unknown: never = command;
      throw new Error(`No route for ${JSON.stringify(unknown)}`);
    }
  }
}
