import { useState } from 'react';
import { Link } from 'react-router';
import { useApiQuery } from '../api/hooks';
import { type Worklist, type WorklistEntry } from '../api/types';
import { formatInstant, money, words } from '../format';
import { OutcomePanel } from '../outcomes/outcome-panel';
import { may, useSignedIn } from '../session/session';
import { QueryState, RiskBadge } from '../ui/field';
import { AgencyHandoverDecision } from './agency-handover-decision';

/** Collectors' landing page: today's actions, most urgent first, each with why and whom to call. */
export function WorklistPage() {
  const worklist = useApiQuery<Worklist>('/v1/collections/worklist?limit=50');
  const awaiting = worklist.data?.items.filter((entry) => entry.awaitingApproval).length ?? 0;
  const [decided, setDecided] = useState<string | null>(null);
  return (
    <main>
      <h1>Worklist</h1>
      <QueryState error={worklist.error} loading={worklist.isPending} />
      {decided && (
        <p className="done" role="status">
          {decided}
        </p>
      )}
      {worklist.data && (
        <>
          {awaiting > 0 && (
            <p className="approval" data-pending-approvals={awaiting}>
              {awaiting} agency {awaiting === 1 ? 'handover awaits' : 'handovers await'} an admin&apos;s approval (at the top of the list)
            </p>
          )}
          <p className="muted">
            {worklist.data.items.length === 0
              ? 'Nothing to do today.'
              : `${worklist.data.items.length} ${worklist.data.items.length === 1 ? 'client needs' : 'clients need'} action`}{' '}
            · as of {formatInstant(worklist.data.asOf)}
          </p>
          <ol className="worklist">
            {worklist.data.items.map((entry) => (
              <WorklistItem key={entry.clientId} entry={entry} onDecided={setDecided} />
            ))}
          </ol>
        </>
      )}
    </main>
  );
}

function WorklistItem({ entry, onDecided }: { entry: WorklistEntry; onDecided(what: string): void }) {
  const { me } = useSignedIn();
  const { contact } = entry;
  return (
    <li className="card worklist-item" data-client={entry.clientId}>
      <header>
        <h2>
          <Link to={`/clients/${encodeURIComponent(entry.clientId)}`}>{entry.name}</Link>
        </h2>
        <RiskBadge level={entry.riskLevel} score={entry.riskScore} />
        {entry.goingSouth && <span className="badge going-south">going south</span>}
        {entry.creditHold && <span className="badge hold">credit hold</span>}
        {entry.awaitingApproval && <span className="badge hold">handover awaits approval</span>}
      </header>
      <p className="figures">
        {money(entry.overdue, entry.currency)} overdue · oldest {entry.oldestOverdueDays} days past due · level {words(entry.level)} · trend{' '}
        {words(entry.trend)}
      </p>
      <ul className="actions" aria-label="Why">
        {entry.actions.map((action, index) => (
          <li key={`${action.code}-${index}`} data-action={action.code}>
            <strong>{words(action.code)}</strong>: {action.detail}
          </li>
        ))}
      </ul>
      {entry.nextStep && (
        <p className="next-step">
          Next: {words(entry.nextStep.level)} on {entry.nextStep.on}
          {entry.nextStep.waitingFor && ` (held by the ${entry.nextStep.waitingFor})`}
        </p>
      )}
      <p className="contact">
        Contact: {contact.name}
        {contact.phone && (
          <>
            {' · '}
            <a href={`tel:${contact.phone}`}>{contact.phone}</a>
          </>
        )}
        {contact.email && (
          <>
            {' · '}
            <a href={`mailto:${contact.email}`}>{contact.email}</a>
          </>
        )}
        {contact.preferredChannel && ` · prefers ${words(contact.preferredChannel)}`}
      </p>
      {entry.awaitingApproval && may.decideAgencyHandover(me.role) && (
        <AgencyHandoverDecision clientId={entry.clientId} name={entry.name} onDecided={onDecided} />
      )}
      <OutcomePanel clientId={entry.clientId} currency={entry.currency} name={entry.name} onRecorded={onDecided} />
      <p>
        <Link to={`/clients/${encodeURIComponent(entry.clientId)}#timeline`}>Timeline</Link>
      </p>
    </li>
  );
}
