import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  ComposedChart,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { type AgingBucket, type DsoReport, type LatenessObservation } from '../api/types';
import { formatAmount } from '../format';

export const AGING_LABELS: Record<AgingBucket, string> = {
  current: 'not yet due',
  d1_30: '1–30 days past due',
  d31_60: '31–60 days past due',
  d61_90: '61–90 days past due',
  d91_plus: '91+ days past due',
};

/** The same buckets short enough for the axis. */
const AGING_TICKS: Record<AgingBucket, string> = { current: 'not due', d1_30: '1–30', d31_60: '31–60', d61_90: '61–90', d91_plus: '91+' };

const HEIGHT = 240;
const colour = { ink: '#1f2937', accent: '#1d4ed8', warn: '#b45309', bad: '#b91c1c', grid: '#d1d5db' };

/** Amounts stay decimal strings everywhere else; only the bar's length is drawn from a number. */
const barLength = (major: string): number => Number(major);

/** Outstanding by days past due, one bar per bucket (the figures are listed beside it in words). */
export function AgingChart({ buckets, currency, title }: { buckets: Record<AgingBucket, string>; currency: string; title: string }) {
  const data = (Object.keys(AGING_LABELS) as AgingBucket[]).map((bucket) => ({
    bucket: AGING_LABELS[bucket],
    tick: AGING_TICKS[bucket],
    amount: barLength(buckets[bucket]),
    label: formatAmount(buckets[bucket]),
  }));
  return (
    <figure className="chart" data-chart="aging">
      <figcaption>{title}</figcaption>
      <ResponsiveContainer width="100%" height={HEIGHT}>
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: 8 }}>
          <CartesianGrid stroke={colour.grid} vertical={false} />
          <XAxis dataKey="tick" tick={{ fontSize: 11 }} interval={0} />
          <YAxis tick={{ fontSize: 11 }} width={64} />
          <Tooltip formatter={(_value, _name, item) => [`${currency} ${(item.payload as { label: string }).label}`, 'outstanding']} />
          <Bar dataKey="amount" name={`outstanding (${currency})`} isAnimationActive={false}>
            {data.map((entry, index) => (
              <Cell key={entry.bucket} fill={index === 0 ? colour.accent : index < 3 ? colour.warn : colour.bad} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
      <ul className="chart-figures">
        {data.map((entry) => (
          <li key={entry.bucket}>
            {entry.bucket}: {currency} {entry.label}
          </li>
        ))}
      </ul>
    </figure>
  );
}

/** Monthly DSO and countback DSO in days (left axis), CEI in percent (right axis). */
export function DsoChart({ report }: { report: DsoReport }) {
  return (
    <figure className="chart" data-chart="dso">
      <figcaption>DSO, countback DSO (days) and collection effectiveness (CEI, %), {report.currency}, by month</figcaption>
      <ResponsiveContainer width="100%" height={HEIGHT}>
        <LineChart data={report.months} margin={{ top: 8, right: 8, bottom: 8, left: 8 }}>
          <CartesianGrid stroke={colour.grid} vertical={false} />
          <XAxis dataKey="month" tick={{ fontSize: 11 }} />
          <YAxis yAxisId="days" tick={{ fontSize: 11 }} width={40} />
          <YAxis yAxisId="percent" orientation="right" domain={[0, 100]} tick={{ fontSize: 11 }} width={40} />
          <Tooltip />
          <Legend />
          <Line yAxisId="days" dataKey="dso" name="DSO (days)" stroke={colour.accent} isAnimationActive={false} connectNulls />
          <Line
            yAxisId="days"
            dataKey="countbackDso"
            name="countback DSO (days)"
            stroke={colour.warn}
            strokeDasharray="4 3"
            isAnimationActive={false}
            connectNulls
          />
          <Line yAxisId="percent" dataKey="cei" name="CEI (%)" stroke={colour.ink} isAnimationActive={false} connectNulls />
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}

/**
 * Days late per invoice, oldest first (open ones are "so far"), with the API's least-squares slope drawn
 * through the observations' mean point — where a least-squares line always passes.
 */
export function TrendChart({ observations, slope }: { observations: LatenessObservation[]; slope: number | null }) {
  const meanIndex = (observations.length - 1) / 2;
  const meanDaysLate = observations.reduce((sum, observation) => sum + observation.daysLate, 0) / Math.max(1, observations.length);
  const data = observations.map((observation, index) => ({
    invoice: observation.invoiceId,
    daysLate: observation.daysLate,
    open: observation.open,
    fitted: slope === null ? null : Math.round((meanDaysLate + slope * (index - meanIndex)) * 10) / 10,
  }));
  return (
    <figure className="chart" data-chart="trend">
      <figcaption>
        Days late per invoice, oldest first{slope === null ? '' : `; the trend line climbs ${slope} days per invoice`} (open invoices: late
        so far)
      </figcaption>
      <ResponsiveContainer width="100%" height={HEIGHT}>
        <ComposedChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: 8 }}>
          <CartesianGrid stroke={colour.grid} vertical={false} />
          <XAxis dataKey="invoice" tick={{ fontSize: 11 }} />
          <YAxis tick={{ fontSize: 11 }} width={40} />
          <Tooltip />
          <Legend />
          <Bar dataKey="daysLate" name="days late" isAnimationActive={false}>
            {data.map((entry) => (
              <Cell key={entry.invoice} fill={entry.open ? colour.bad : colour.accent} />
            ))}
          </Bar>
          {slope !== null && (
            <Line dataKey="fitted" name="trend" stroke={colour.ink} dot={false} strokeDasharray="5 4" isAnimationActive={false} />
          )}
        </ComposedChart>
      </ResponsiveContainer>
    </figure>
  );
}
