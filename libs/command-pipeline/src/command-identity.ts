import { randomUUID } from 'node:crypto';
import { type ClientAccountCommand } from '@settle/domain';
import { sha256Hex, canonicalJson } from './hash-chain';

/**
 * The caller-chosen identity of a command (SPEC 3.4): sending it again with the same content is a
 * no-op, with other content a 409. Commands without an id of their own are identified by content
 * (a repeated identical agreement change) or, for resume, by an optional id.
 */
export function commandIdentity(command: ClientAccountCommand): string {
  switch (command.type) {
    case 'RegisterClient':
      return `RegisterClient:${command.data.clientId}`;
    case 'ChangeAgreement':
      return `ChangeAgreement:${sha256Hex(canonicalJson(command.data)).slice(0, 32)}`;
    case 'IssueInvoice':
      return `IssueInvoice:${command.data.invoiceId}`;
    case 'RecordPayment':
      return `RecordPayment:${command.data.paymentId}`;
    case 'ReversePayment':
      return `ReversePayment:${command.data.paymentId}`;
    case 'IssueCreditNote':
      return `IssueCreditNote:${command.data.creditNoteId}`;
    case 'WriteOffInvoice':
      return `WriteOffInvoice:${command.data.invoiceId}`;
    case 'LogInteraction':
      return `LogInteraction:${command.data.interactionId}`;
    case 'PauseCollections':
      return `PauseCollections:${command.data.pauseId}`;
    case 'ResumeCollections':
      return `ResumeCollections:${command.data.resumeId ?? randomUUID()}`;
    case 'ApproveAgencyHandover':
      return `ApproveAgencyHandover:${command.data.decisionId}`;
    case 'WaiveFees':
      return `WaiveFees:${command.data.waiverId}`;
    default: {
      const exhaustive: never = command;
      throw new Error(`Unknown command ${JSON.stringify(exhaustive)}`);
    }
  }
}
