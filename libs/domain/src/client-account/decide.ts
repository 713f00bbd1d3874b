import { type DateTime } from 'luxon';
import { notFound } from '../shared/errors';
import { type ClientAccountCommand } from './commands';
import { approveAgencyHandover } from './decisions/approve-agency-handover';
import { changeAgreement } from './decisions/change-agreement';
import { issueCreditNote } from './decisions/issue-credit-note';
import { issueInvoice } from './decisions/issue-invoice';
import { logInteraction } from './decisions/log-interaction';
import { pauseCollections, resumeCollections } from './decisions/pause-collections';
import { recordPayment } from './decisions/record-payment';
import { registerClient } from './decisions/register-client';
import { reversePayment } from './decisions/reverse-payment';
import { waiveFees } from './decisions/waive-fees';
import { writeOffInvoice } from './decisions/write-off-invoice';
import { type ClientAccountEvent } from './events';
import { type ClientAccountState } from './state';

/**
 * Decides what a command means for one client account: the events to append, in order, or a
 * `DomainError` (kind → HTTP status: validation 400, not_found 404, conflict 409, rule 422).
 *
 * - Pure: `state` is the fold of the stream (`evolve`), `now` is the clock; local dates ("today",
 *   defaults for issuedOn/receivedOn/…) are `now` in the client's time zone.
 * - Amounts arrive as major-unit decimal strings and leave as minor-unit strings.
 * - An empty array means "nothing to record" (only ChangeAgreement with an identical agreement).
 * - A reused id (client, invoice, payment, credit note, interaction, pause) is a `conflict`;
 *   telling an identical retry from a reuse with other content is the caller's job.
 * - Every command but RegisterClient on an unregistered account is `not_found` `client_not_found`.
 */
export const decide = (command: ClientAccountCommand, state: ClientAccountState, now: DateTime): ClientAccountEvent[] => {
  if (command.type === 'RegisterClient') return registerClient(command, state, now);
  if (state.status === 'unregistered') throw notFound('client_not_found', `Client ${command.data.clientId} is not registered`);
  switch (command.type) {
    case 'ChangeAgreement':
      return changeAgreement(command, state, now);
    case 'IssueInvoice':
      return issueInvoice(command, state, now);
    case 'RecordPayment':
      return recordPayment(command, state, now);
    case 'ReversePayment':
      return reversePayment(command, state, now);
    case 'IssueCreditNote':
      return issueCreditNote(command, state, now);
    case 'WriteOffInvoice':
      return writeOffInvoice(command, state, now);
    case 'LogInteraction':
      return logInteraction(command, state, now);
    case 'PauseCollections':
      return pauseCollections(command, state, now);
    case 'ResumeCollections':
      return resumeCollections(command, state, now);
    case 'ApproveAgencyHandover':
      return approveAgencyHandover(command, state, now);
    case 'WaiveFees':
      return waiveFees(command, state, now);
    default: {
      const unknown: never = command;
      throw new Error(`Unknown command ${JSON.stringify(unknown)}`);
    }
  }
};
