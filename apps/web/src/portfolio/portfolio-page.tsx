import { Link, useSearchParams } from 'react-router';
import { useApiQuery } from '../api/hooks';
import { type AgingReport, type DsoReport, type Portfolio } from '../api/types';
import { AgingChart, DsoChart } from '../charts/lazy-charts';
import { formatAmount, orDash, percent, words } from '../format';
import { RegisterClientForm } from '../forms/register-client-form';
import { may, useSignedIn } from '../session/session';
import { QueryState, RiskBadge } from '../ui/field';

const PAGE_SIZE = 25;

/** Filters and sort keys as `GET /v1/clients` has them; the page is fetched from the server, never all at once. */
const RISK_LEVELS = ['', 'critical', 'high,critical', 'medium', 'low'];
const TRENDS = ['', 'deteriorating', 'stable', 'improving', 'insufficient_data'];
const SORTS = [
  ['-riskScore', 'Risk, highest first'],
  ['-overdue', 'Overdue, largest first'],
  ['-oldestOverdueDays', 'Days past due, most first'],
  ['paydex', 'PAYDEX, lowest first'],
  ['name', 'Name'],
] as const;

export function PortfolioPage() {
  const { me } = useSignedIn();
  const [params, setParams] = useSearchParams();
  const offset = Number(params.get('offset') ?? 0);
  const query = new URLSearchParams({ limit: String(PAGE_SIZE), offset: String(offset), sort: params.get('sort') ?? '-riskScore' });
  for (const name of ['riskLevel', 'trend', 'overdue']) if (params.get(name)) query.set(name, params.get(name)!);
  const portfolio = useApiQuery<Portfolio>(`/v1/clients?${query.toString()}`);

  const choose = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    next.delete('offset');
    setParams(next);
  };
  const page = (to: number) => {
    const next = new URLSearchParams(params);
    next.set('offset', String(to));
    setParams(next);
  };

  return (
    <main>
      <h1>Portfolio</h1>
      {may.registerClient(me.role) && <RegisterClientForm />}
      <form className="filters" aria-label="Filters" onSubmit={(event) => event.preventDefault()}>
        <label>
          Risk
          <select value={params.get('riskLevel') ?? ''} onChange={(e) => choose('riskLevel', e.target.value)}>
            {RISK_LEVELS.map((level) => (
              <option key={level} value={level}>
                {level ? words(level.replace(',', ' and ')) : 'any'}
              </option>
            ))}
          </select>
        </label>
        <label>
          Trend
          <select value={params.get('trend') ?? ''} onChange={(e) => choose('trend', e.target.value)}>
            {TRENDS.map((trend) => (
              <option key={trend} value={trend}>
                {trend ? words(trend) : 'any'}
              </option>
            ))}
          </select>
        </label>
        <label>
          Overdue
          <select value={params.get('overdue') ?? ''} onChange={(e) => choose('overdue', e.target.value)}>
            <option value="">any</option>
            <option value="true">something overdue</option>
            <option value="false">nothing overdue</option>
          </select>
        </label>
        <label>
          Sort
          <select value={params.get('sort') ?? '-riskScore'} onChange={(e) => choose('sort', e.target.value)}>
            {SORTS.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
      </form>
      <QueryState error={portfolio.error} loading={portfolio.isPending} />
      {portfolio.data && (
        <>
          <p className="muted">
            {portfolio.data.total} clients
            {portfolio.data.totalsByCurrency.map((totals) => ` · ${totals.currency} ${formatAmount(totals.overdue)} overdue`).join('')}
          </p>
          <table className="stack">
            <thead>
              <tr>
                <th scope="col">Client</th>
                <th scope="col">Risk</th>
                <th scope="col">Trend</th>
                <th scope="col">Overdue</th>
                <th scope="col">Days past due</th>
                <th scope="col">DSO</th>
                <th scope="col">PAYDEX</th>
                <th scope="col">On time</th>
              </tr>
            </thead>
            <tbody>
              {portfolio.data.clients.map((client) => (
                <tr key={client.clientId}>
                  <td data-label="Client">
                    <Link to={`/clients/${encodeURIComponent(client.clientId)}`}>{client.name}</Link>
                  </td>
                  <td data-label="Risk">
                    <RiskBadge level={client.riskLevel} score={client.riskScore} />
                  </td>
                  <td data-label="Trend">{words(client.trend.direction)}</td>
                  <td data-label="Overdue" className="amount">
                    {client.currency} {formatAmount(client.overdue)}
                  </td>
                  <td data-label="Days past due">{client.oldestOverdueDays}</td>
                  <td data-label="DSO">{orDash(client.dso)}</td>
                  <td data-label="PAYDEX">{orDash(client.paydex)}</td>
                  <td data-label="On time">{percent(client.onTimeRate)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <nav className="pager" aria-label="Pages">
            <button type="button" disabled={offset === 0} onClick={() => page(Math.max(0, offset - PAGE_SIZE))}>
              Previous
            </button>
            <span>
              {portfolio.data.total === 0 ? 0 : offset + 1}–{Math.min(offset + PAGE_SIZE, portfolio.data.total)} of {portfolio.data.total}
            </span>
            <button type="button" disabled={offset + PAGE_SIZE >= portfolio.data.total} onClick={() => page(offset + PAGE_SIZE)}>
              Next
            </button>
          </nav>
          {portfolio.data.totalsByCurrency.map((totals) => (
            <Reports key={totals.currency} currency={totals.currency} />
          ))}
        </>
      )}
    </main>
  );
}

/** The portfolio's aging and its monthly DSO / countback DSO / CEI, per currency (`/v1/reports`). */
function Reports({ currency }: { currency: string }) {
  const aging = useApiQuery<AgingReport>(`/v1/reports/aging?currency=${encodeURIComponent(currency)}`);
  const dso = useApiQuery<DsoReport>(`/v1/reports/dso?currency=${encodeURIComponent(currency)}&months=12`);
  return (
    <section aria-labelledby={`reports-${currency}`} className="reports">
      <h2 id={`reports-${currency}`}>Receivables in {currency}</h2>
      <QueryState error={aging.error ?? dso.error} loading={aging.isPending || dso.isPending} />
      <div className="chart-row">
        {aging.data && (
          <AgingChart
            buckets={aging.data.totals.buckets}
            currency={currency}
            title={`Aging of the portfolio: ${currency} ${formatAmount(aging.data.totals.total)} outstanding`}
          />
        )}
        {dso.data && <DsoChart report={dso.data} />}
      </div>
    </section>
  );
}
