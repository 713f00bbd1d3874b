import { EARLY_WARNING_DAYS } from './backtest';
import { BACKTEST_FULL } from './sizes';
import {
  at,
  auc,
  clientScores,
  collect,
  FEATURES,
  GENERATOR_ARTEFACTS,
  isTraining,
  LEAD_FROM,
  LEAD_TO,
  percent,
  POINT_FEATURES,
  thresholdAt,
  type Week,
  writeWeeks,
} from './weekly-rows';

/**
 * How far can any weighting of today's risk figures go? (issue 14, fifth round: the early warning as a scorecard
 * problem; a dev tool, not part of `npm test`.)
 *
 *   npm run backtest:scorecard -- [--fit=cal1,cal2,cal3,cal4] [--test=north,south,west] [--clients=150] [--export=weeks.csv]
 *
 * Every weekly run of the backtest (`onWeek`) becomes a row: each factor's points and the raw figures behind them
 * (`RAW_FIGURES` in `weekly-rows.ts`), labelled 1 when the client defaults 60–120 days later and 0 when it never defaults (a defaulter's
 * other weeks are left out of the fit). Logistic regressions are fitted on the fitting seeds by Newton's method (IRLS,
 * a small ridge): on the factor points (a re-weighting of today's score; once with free signs, once as a scorecard
 * whose points only add), on the figures that compare a client with its own past (only adding), and on every figure
 * (with and without each group of figures). Each is scored on the held-out seeds as the alarm "score ≥ threshold in
 * some week", by the backtest's definitions: a defaulter is flagged ≥ 60 days when a week 60–365 days before its
 * default reaches the threshold, a client that never defaults is a false alarm when any week does. Printed: the flagged share at 5–31 % false alarms, at 10 % with the threshold chosen
 * on the fitting seeds, and the false alarms at today's flagged share — against today's risk score and today's rules.
 */

/** Groups of figures left out one at a time from the every-figure fit: what each adds to the bound. */
const ABLATIONS: Record<string, string[]> = {
  'unanswered and missed shares (recent, usual)': [
    'recent_unanswered_share',
    'baseline_unanswered_share',
    'recent_missed_share',
    'unanswered_share_rise',
    'missed_share_rise',
  ],
  'part payments': ['excess_part_payments', 'recent_part_share', 'payment_change_points'],
  'lateness levels': [
    'weighted_days_late',
    'usual_days_late',
    'paydex_below_on_time',
    'latest_days_late',
    'oldest_overdue',
    'overdue_exposure',
    'payment_trend_points',
  ],
  promises: ['broken_promises', 'excess_broken_promises'],
  meetings: ['missed_meetings', 'excess_missed', 'recent_missed_share', 'missed_share_rise'],
};

/** The figures that compare a client with its own past (no level of lateness or silence on its own). */
const CHANGE_FIGURES = [
  'engagement_change_points',
  'payment_change_points',
  'decision_maker_changed_points',
  'trend_slope',
  'latest_beyond_average_late',
  'later_than_usual',
  'excess_unanswered',
  'excess_missed',
  'unanswered_share_rise',
  'missed_share_rise',
  'quiet_since_dm_change',
  'slower_responses',
  'excess_broken_promises',
  'excess_part_payments',
  'excess_reversals',
];

/** Logistic regression by Newton's method on standardised columns; returns a scorer in the original units. */
function fitLogistic(rows: number[][], labels: number[], ridge = 1): { weights: number[]; bias: number } {
  const columns = rows[0].length;
  const mean = Array.from({ length: columns }, (_, j) => rows.reduce((sum, row) => sum + row[j], 0) / rows.length);
  const sd = mean.map((m, j) => Math.sqrt(rows.reduce((sum, row) => sum + (row[j] - m) ** 2, 0) / rows.length) || 1);
  const z = rows.map((row) => [1, ...row.map((value, j) => (value - mean[j]) / sd[j])]);
  let beta = new Array<number>(columns + 1).fill(0);
  for (let iteration = 0; iteration < 25; iteration++) {
    const gradient = beta.map((b, j) => (j === 0 ? 0 : -ridge * b));
    const hessian = beta.map((_, i) => beta.map((__, j) => (i === j && i > 0 ? ridge : 0)));
    z.forEach((row, r) => {
      const p = 1 / (1 + Math.exp(-row.reduce((sum, value, j) => sum + value * beta[j], 0)));
      const w = p * (1 - p);
      for (let i = 0; i <= columns; i++) {
        gradient[i] += (labels[r] - p) * row[i];
        for (let j = i; j <= columns; j++) hessian[i][j] += w * row[i] * row[j];
      }
    });
    for (let i = 0; i <= columns; i++) for (let j = 0; j < i; j++) hessian[i][j] = hessian[j][i];
    const step = solve(hessian, gradient);
    beta = beta.map((b, j) => b + step[j]);
    if (Math.max(...step.map(Math.abs)) < 1e-6) break;
  }
  const weights = beta.slice(1).map((b, j) => b / sd[j]);
  return { weights, bias: beta[0] - weights.reduce((sum, w, j) => sum + w * mean[j], 0) };
}

/** Gaussian elimination with partial pivoting (the Hessian is small and positive definite). */
function solve(matrix: number[][], vector: number[]): number[] {
  const a = matrix.map((row, i) => [...row, vector[i]]);
  const n = vector.length;
  for (let col = 0; col < n; col++) {
    const pivot = a.slice(col).reduce((best, row, k) => (Math.abs(row[col]) > Math.abs(a[best][col]) ? col + k : best), col);
    [a[col], a[pivot]] = [a[pivot], a[col]];
    for (let row = col + 1; row < n; row++) {
      const factor = a[row][col] / a[col][col];
      for (let k = col; k <= n; k++) a[row][k] -= factor * a[col][k];
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let row = n - 1; row >= 0; row--) {
    let rest = a[row][n];
    for (let k = row + 1; k < n; k++) rest -= a[row][k] * x[k];
    x[row] = rest / a[row][row];
  }
  return x;
}

function main(argv: readonly string[]): void {
  const flag = (name: string) => argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
  const clients = Number(flag('clients') ?? BACKTEST_FULL.clients);
  const calibration = collect(flag('fit')?.split(',') ?? ['cal1', 'cal2', 'cal3', 'cal4'], clients);
  const heldOut = collect(flag('test')?.split(',') ?? BACKTEST_FULL.seeds, clients);
  const exportTo = flag('export');
  if (exportTo) writeWeeks(exportTo, [...calibration.weeks, ...heldOut.weeks]);
  const training = calibration.weeks.filter(isTraining);
  const labels = training.map((week) => (week.leadDays === null ? 0 : 1));
  const out: string[] = [
    `fitting weeks: ${training.length} (${labels.filter((l) => l === 1).length} labelled "defaults in ${LEAD_FROM}–${LEAD_TO} days")`,
  ];
  const models: Array<{ name: string; score: (week: Week) => number }> = [{ name: "today's risk score", score: (week) => week.riskScore }];
  const fitModel = (name: string, columns: number[]) => {
    const { weights, bias } = fitLogistic(
      training.map((week) => columns.map((j) => week.figures[j])),
      labels,
    );
    return {
      name,
      columns,
      weights,
      bias,
      score: (week: Week) => bias + columns.reduce((sum, j, k) => sum + weights[k] * week.figures[j], 0),
    };
  };
  const fitted = (name: string, columns: number[]) => {
    const model = fitModel(name, columns);
    out.push(
      `${name}: ${columns.map((j, k) => `${FEATURES[j]} ${model.weights[k].toFixed(3)}`).join(', ')}; bias ${model.bias.toFixed(2)}`,
    );
    return model;
  };
  models.push(
    fitted(
      're-weighted factor points',
      POINT_FEATURES.map((_, j) => j),
    ),
  );
  // A scorecard's points only add risk: refit without the figures that came out negative until none does.
  const onlyAdding = (name: string, columns: number[]) => {
    let model = fitModel(name, columns);
    while (model.weights.some((w) => w < 0))
      model = fitModel(
        name,
        model.columns.filter((_, k) => model.weights[k] > 0),
      );
    return fitted(name, model.columns);
  };
  const scorecard = onlyAdding(
    'scorecard (points ≥ 0)',
    POINT_FEATURES.map((_, j) => j),
  );
  models.push(scorecard);
  // Whole points per unit of each factor, scaled so the fitting seeds' 10 % false-alarm threshold is the `high` level (50).
  const logitAt10 = thresholdAt(clientScores(calibration.weeks, scorecard.score), 0.1);
  const perPoint = 50 / (logitAt10 - scorecard.bias);
  const multipliers = scorecard.weights.map((w) => Math.round(4 * w * perPoint) / 4);
  out.push(`scorecard multipliers at high = 50: ${scorecard.columns.map((j, k) => `${FEATURES[j]} × ${multipliers[k]}`).join(', ')}`);
  models.push({
    name: 'scorecard, multipliers rounded to ¼, alarm at 50',
    score: (week) => scorecard.columns.reduce((sum, j, k) => sum + multipliers[k] * week.figures[j], 0) - 50,
  });
  const without = (...names: string[]) => FEATURES.flatMap((feature, j) => (names.some((name) => feature.startsWith(name)) ? [] : [j]));
  models.push(fitted('every figure', without()));
  const artefacts = GENERATOR_ARTEFACTS;
  models.push(fitted('every figure but pushbacks and tenure', without(...artefacts)));
  models.push(onlyAdding('every figure but pushbacks and tenure, weights ≥ 0', without(...artefacts)));
  const changes = FEATURES.flatMap((feature, j) => (CHANGE_FIGURES.includes(feature) ? [j] : []));
  models.push(onlyAdding('changes against the client’s own level only, weights ≥ 0', changes));
  for (const [group, names] of Object.entries(ABLATIONS)) models.push(fitted(`  … without ${group}`, without(...artefacts, ...names)));
  const today = at(
    heldOut.outcomes.map((outcome) => ({
      defaulter: outcome.defaultsOn !== undefined,
      personality: outcome.personality,
      score: (outcome.leadDays ?? -1) >= EARLY_WARNING_DAYS || (outcome.defaultsOn === undefined && outcome.firstWarning) ? 1 : 0,
    })),
    1,
  );
  const shares = [0.05, 0.1, 0.15, 0.2, 0.31];
  out.push(
    '',
    `Held-out seeds: defaulters flagged ≥ ${EARLY_WARNING_DAYS} days before default, at a threshold chosen on the fitting seeds for ≤ 10 % false alarms, and at the best threshold on the held-out seeds for each false-alarm share; last: false alarms at today's flagged share (${today.flagged}).`,
    `| score | AUC | at 10 % (fitting seeds' threshold) | false alarms then | ${shares.map((share) => `at ${Math.round(100 * share)} %`).join(' | ')} | false alarms at ${today.flagged} flagged |`,
    `| --- | ---: | ---: | ---: | ${shares.map(() => '---:').join(' | ')} | ---: |`,
  );
  for (const model of models) {
    const held = clientScores(heldOut.weeks, model.score);
    const chosen = at(held, thresholdAt(clientScores(calibration.weeks, model.score), 0.1));
    const curve = shares.map((share) => at(held, thresholdAt(held, share)));
    const defaulterScores = held
      .filter((client) => client.defaulter)
      .map((client) => client.score)
      .sort((a, b) => b - a);
    const matched = at(held, defaulterScores[today.flagged - 1]);
    out.push(
      `| ${model.name} | ${auc(held).toFixed(3)} | ${percent(chosen.flagged, chosen.defaulters)} | ${percent(chosen.alarms, chosen.others)} | ${curve.map((c) => percent(c.flagged, c.defaulters)).join(' | ')} | ${percent(matched.alarms, matched.others)} |`,
    );
    const perPersonality = new Map<string, { flagged: number; of: number }>();
    const threshold = thresholdAt(held, 0.1);
    for (const client of held) {
      const entry = perPersonality.get(client.personality) ?? { flagged: 0, of: 0 };
      entry.of++;
      if (client.score >= threshold) entry.flagged++;
      perPersonality.set(client.personality, entry);
    }
    if (!model.name.startsWith(' '))
      out.push(`  at 10 %: ${[...perPersonality].map(([personality, { flagged, of }]) => `${personality} ${flagged}/${of}`).join(', ')}`);
  }
  out.push(
    `| today's rules | – | ${percent(today.flagged, today.defaulters)} | ${percent(today.alarms, today.others)} | ${shares.map(() => '–').join(' | ')} | ${percent(today.alarms, today.others)} |`,
  );
  process.stdout.write(`${out.join('\n')}\n`);
}

main(process.argv.slice(2));
