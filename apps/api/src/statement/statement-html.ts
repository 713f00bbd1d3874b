import { createHash } from 'node:crypto';
import { AGING_BUCKETS } from '@settle/domain';
import { Liquid } from 'liquidjs';
import { type StatementDocument, statementFormatting } from './statement-document';

const STYLE = `body{font-family:system-ui,sans-serif;margin:2rem;color:#111}table{border-collapse:collapse;margin:1rem 0}th,td{padding:.25rem .6rem;border-bottom:1px solid #ddd;text-align:left}td.amount,th.amount{text-align:right;font-variant-numeric:tabular-nums}tr.total td{font-weight:bold}`;

/** The statement page allows its own style block and nothing else: no script, no fetch, never framed. */
export const STATEMENT_HTML_CSP = `default-src 'none'; style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'; frame-ancestors 'none'`;

const TEMPLATE = `<!doctype html>
<html lang="{{ language }}">
<head><meta charset="utf-8"><title>{{ l.title }} — {{ name }}</title><style>${STYLE}</style></head>
<body>
<h1>{{ l.title }}</h1>
<p>{{ l.client }}: {{ name }} ({{ clientId }})<br>{{ l.period }}: {{ period }}<br>{{ l.asOf }}: {{ asOf }}</p>
<table>
<thead><tr><th>{{ l.date }}</th><th>{{ l.description }}</th><th class="amount">{{ l.debit }}</th><th class="amount">{{ l.credit }}</th><th class="amount">{{ l.balance }} ({{ currency }})</th></tr></thead>
<tbody>
<tr class="total"><td>{{ from }}</td><td>{{ l.openingBalance }}</td><td></td><td></td><td class="amount">{{ opening }}</td></tr>
{% for row in rows %}<tr><td>{{ row.date }}</td><td>{{ row.description }}</td><td class="amount">{{ row.debit }}</td><td class="amount">{{ row.credit }}</td><td class="amount">{{ row.balance }}</td></tr>
{% endfor %}<tr class="total"><td>{{ to }}</td><td>{{ l.closingBalance }}</td><td></td><td></td><td class="amount">{{ closing }}</td></tr>
</tbody>
</table>
<h2>{{ l.aging }} ({{ agingOn }})</h2>
<table>
<tbody>
{% for bucket in aging %}<tr><td>{{ bucket.label }}</td><td class="amount">{{ bucket.amount }}</td></tr>
{% endfor %}</tbody>
</table>
</body>
</html>
`;

const liquid = new Liquid({ outputEscape: 'escape', strictVariables: true });
const template = liquid.parse(TEMPLATE);

/** The rows both printable formats show: dates and amounts as the client's language writes them, zero amounts blank. */
export const printableStatement = (document: StatementDocument) => {
  const { labels, date, amount } = statementFormatting(document);
  const shown = (decimal: string) => (/^0(\.0+)?$/.test(decimal) ? '' : amount(decimal));
  return {
    labels,
    period: `${date(document.from)} – ${date(document.to)}`,
    from: date(document.from),
    to: date(document.to),
    opening: amount(document.openingBalance),
    closing: amount(document.closingBalance),
    rows: document.entries.map((entry) => ({
      date: date(entry.date),
      description: entry.description,
      debit: shown(entry.debit),
      credit: shown(entry.credit),
      balance: amount(entry.balance),
    })),
    agingOn: date(document.aging.asOn),
    aging: [
      ...AGING_BUCKETS.map((bucket) => ({ label: labels.agingBuckets[bucket], amount: amount(document.aging.principal[bucket]) })),
      { label: labels.feesAndInterest, amount: amount(document.aging.feesAndInterest) },
      { label: labels.unappliedCredit, amount: amount(document.aging.unappliedCredit) },
    ],
  };
};

/** A standalone HTML page; every value is escaped by Liquid. */
export const statementHtml = (document: StatementDocument): string => {
  const printable = printableStatement(document);
  return liquid.renderSync(template, {
    ...printable,
    l: printable.labels,
    language: document.language,
    name: document.name,
    clientId: document.clientId,
    currency: document.currency,
    asOf: document.asOf,
  }) as string;
};
