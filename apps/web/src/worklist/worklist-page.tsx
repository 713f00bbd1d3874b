import { Link } from 'react-router';
import { useApiQuery } from '../api/hooks';
import { type Worklist, type WorklistEntry } from '../api/types';
import { formatInstant, money, words } from '../format';
import { OutcomePanel } from '../outcomes/outcome-panel';
import { QueryState, RiskBadge } from '../ui/field';

/** Collectors' landing page: today's actions, most urgent first, each with why and whom to call. */
export function WorklistPage() {
  const worklist = useApiQuery<Worklist>('/v1/collections/worklist?limit=50');
  return (
    <main>
      <h1>Worklist</h1>
      <QueryState error={worklist.error} loading={worklist.isPending} />
      {worklist.data && (
        <>
          <p className="muted">
            {worklist.data.items.length === 0
              ? 'Nothing to do today.'
              : `${worklist.data.items.length} ${worklist.data.items.length === 1 ? 'client needs' : 'clients need'} action`}{' '}
            · as of {formatInstant(worklist.data.asOf)}
          </p>
          <ol className="worklist">
            {worklist.data.items.map((entry) => (
              <WorklistItem key={entry.clientId} entry={entry} />
            ))}
          </ol>
        </>
      )}
    </main>
  );
}

function WorklistItem({ entry }: { entry: WorklistEntry }) {
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
      <OutcomePanel clientId={entry.clientId} currency={entry.currency} name={entry.name} />
      <p>
        <Link to={`/clients/${encodeURIComponent(entry.clientId)}#timeline`}>Timeline</Link>
      </p>
    </li>
  );
}
