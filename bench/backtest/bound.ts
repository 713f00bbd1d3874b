import { RandomForestRegression } from 'ml-random-forest';
import { SeededRandom } from '../../scripts/portfolio';
import { EARLY_WARNING_DAYS } from './backtest';
import { printGroundTruth } from './ground-truth';
import { BACKTEST_FULL } from './sizes';
import {
  at,
  auc,
  clientScores,
  collect,
  FEATURES,
  GENERATOR_ARTEFACTS,
  isTraining,
  percent,
  type Scored,
  thresholdAt,
  type Week,
  readWeeks,
} from './weekly-rows';

/**
 * Is the 90 %-at-10 % goal out of reach of today's figures, or only of a linear fit of them? (issue 14, sixth round;
 * a dev tool, not part of `npm test`.)
 *
 *   npm run backtest:bound -- [--fit=cal1,cal2,cal3,cal4] [--test=north,south,west] [--clients=150]
 *                             [--weeks=weeks.csv] [--trees=25] [--negatives=2000] [--seed=14] [--models=own,window]
 *                             [--without=figure,…] [--ground-truth-only]
 *
 * The same weekly rows and labels as `backtest:scorecard` (`weekly-rows.ts`; `--weeks=` reads its `--export=` instead of
 * replaying), fitted by a random forest (`ml-random-forest`, regression trees on the 0/1 label, so a week's score is the
 * share of trees' leaves that were "defaults in 60–120 days"): once on a week's own figures, once on a window of the
 * last 12 weeks (the figures now, 4, 8 and 12 weeks ago and the highest of the 12), so a tree sees trends across weeks.
 * Its CART trees try every split of every row (quadratic), so every labelled week is kept and `--negatives` weeks of
 * clients that never default are drawn at random. Scored as the scorecard scores: the alarm "score ≥ threshold in some
 * week" on the held-out seeds; the fitting seeds' threshold comes from out-of-fold scores (two forests, each fitted on
 * half of the fitting seeds and scoring the other half), since a forest scores its own training weeks too well.
 * Then, from the generator's ground truth (never in a model): how many defaulters show any change at all 60 days
 * before their default.
 */

const LAGS = [4, 8, 12];
const WINDOW_WEEKS = 12;
const PRE_DECLINE_DAYS = 270;

interface ForestSettings {
  trees: number;
  negatives: number;
  /** Share of the columns each tree sees. */
  maxFeatures: number;
  /** Draws the weeks of clients that never default and each tree's rows and columns. */
  seed: number;
}

/** Today's figures without the generator's artefacts (as the scorecard's bound) and without those named (`--without=`). */
const columnsWithout = (names: readonly string[]) =>
  FEATURES.flatMap((feature, j) => ([...GENERATOR_ARTEFACTS, ...names].some((name) => feature.startsWith(name)) ? [] : [j]));

const ownFigures =
  (columns: number[]) =>
  (weeks: readonly Week[]): number[][] =>
    weeks.map((week) => columns.map((j) => week.figures[j]));

/** Per week: its figures, those 4, 8 and 12 weeks before (the client's first week when it is newer) and the highest of the last 12. */
const windowFigures =
  (columns: number[]) =>
  (weeks: readonly Week[]): number[][] => {
    const first = new Map<string, number>();
    return weeks.map((week, index) => {
      const key = `${week.seed}/${week.clientId}`;
      if (!first.has(key)) first.set(key, index);
      const start = first.get(key)!;
      const back = (lag: number) => weeks[Math.max(start, index - lag)];
      const recent = weeks.slice(Math.max(start, index - WINDOW_WEEKS + 1), index + 1);
      return [
        ...columns.map((j) => week.figures[j]),
        ...LAGS.flatMap((lag) => columns.map((j) => back(lag).figures[j])),
        ...columns.map((j) => Math.max(...recent.map((w) => w.figures[j]))),
      ];
    });
  };

const windowNames = (columns: number[]): string[] => {
  const names = columns.map((j) => FEATURES[j]);
  return [
    ...names,
    ...LAGS.flatMap((lag) => names.map((name) => `${name} ${lag} weeks ago`)),
    ...names.map((name) => `${name}, highest of 12 weeks`),
  ];
};

/** A forest fitted on the labelled weeks among `rows` (every defaulter's week 60–120 days before default, sampled others). */
function fitForest(weeks: readonly Week[], rows: readonly number[][], settings: ForestSettings, negativeShare: number) {
  const random = new SeededRandom(`bound/${settings.seed}`);
  const chosen = weeks.flatMap((week, i) => (isTraining(week) && (week.leadDays !== null || random.chance(negativeShare)) ? [i] : []));
  const forest = new RandomForestRegression({
    nEstimators: settings.trees,
    maxFeatures: settings.maxFeatures,
    seed: settings.seed,
    noOOB: true,
    treeOptions: { maxDepth: 8, minNumSamples: 10 },
  });
  forest.train(
    chosen.map((i) => rows[i]),
    chosen.map((i) => (weeks[i].leadDays === null ? 0 : 1)),
  );
  return { forest, rows: chosen.length, labelled: chosen.filter((i) => weeks[i].leadDays !== null).length };
}

const scoreWith = (weeks: readonly Week[], scores: readonly number[]) => {
  const byWeek = new Map(weeks.map((week, i) => [week, scores[i]]));
  return (list: Week[]) => clientScores(list, (week) => byWeek.get(week)!);
};

interface Data {
  fitting: Week[];
  heldOut: Week[];
}

function evaluate(name: string, data: Data, features: (weeks: readonly Week[]) => number[][], names: string[], settings: ForestSettings) {
  const started = performance.now();
  const negatives = data.fitting.filter((week) => week.leadDays === null).length;
  const negativeShare = Math.min(1, settings.negatives / negatives);
  const fitRows = features(data.fitting);
  const full = fitForest(data.fitting, fitRows, settings, negativeShare);
  const heldPredictions = full.forest.predict(features(data.heldOut));
  const heldScores = scoreWith(data.heldOut, heldPredictions)(data.heldOut);
  // Before any decline (the generator's declines start at most 269 days before a default on the seven seeds): an alarm there knows the
  // kind of client, not its change.
  const earlyOnly = data.heldOut.map((week, i) =>
    week.leadDays === null || week.leadDays >= PRE_DECLINE_DAYS ? heldPredictions[i] : -Infinity,
  );
  const beforeDecline = at(scoreWith(data.heldOut, earlyOnly)(data.heldOut), thresholdAt(heldScores, 0.1));
  // Out-of-fold scores of the fitting seeds for the threshold: halves of the seeds, each scored by a forest of the other.
  const seeds = [...new Set(data.fitting.map((week) => week.seed))];
  const outOfFold = new Array<number>(data.fitting.length);
  for (const half of [seeds.filter((_, i) => i % 2 === 0), seeds.filter((_, i) => i % 2 === 1)]) {
    const inHalf = (week: Week) => half.includes(week.seed);
    const trainIdx = data.fitting.flatMap((week, i) => (inHalf(week) ? [] : [i]));
    const scoreIdx = data.fitting.flatMap((week, i) => (inHalf(week) ? [i] : []));
    const { forest } = fitForest(
      trainIdx.map((i) => data.fitting[i]),
      trainIdx.map((i) => fitRows[i]),
      settings,
      negativeShare,
    );
    forest.predict(scoreIdx.map((i) => fitRows[i])).forEach((score, k) => (outOfFold[scoreIdx[k]] = score));
  }
  const fittingScores = scoreWith(data.fitting, outOfFold)(data.fitting);
  // `featureImportance` (mean impurity decrease per column) is in the package but missing from its type declarations.
  const importance = (full.forest as unknown as { featureImportance(): number[] }).featureImportance();
  const top = names
    .map((feature, j) => ({ feature, weight: importance[j] }))
    .sort((a, b) => b.weight - a.weight)
    .slice(0, 12);
  return {
    name,
    held: heldScores,
    beforeDecline,
    chosen: at(heldScores, thresholdAt(fittingScores, 0.1)),
    fitted: `${full.rows} weeks (${full.labelled} labelled 1), ${names.length} figures, ${settings.trees} trees`,
    importance: top.map(({ feature, weight }) => `${feature} ${(100 * weight).toFixed(1)} %`).join(', '),
    seconds: (performance.now() - started) / 1000,
  };
}

function perPersonality(held: Scored, falseAlarmShare: number): string {
  const threshold = thresholdAt(held, falseAlarmShare);
  const counts = new Map<string, { flagged: number; of: number }>();
  for (const client of held) {
    const entry = counts.get(client.personality) ?? { flagged: 0, of: 0 };
    entry.of++;
    if (client.score >= threshold) entry.flagged++;
    counts.set(client.personality, entry);
  }
  return [...counts]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([personality, { flagged, of }]) => `${personality} ${flagged}/${of}`)
    .join(', ');
}

function main(argv: readonly string[]): void {
  const flag = (name: string) => argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
  const clients = Number(flag('clients') ?? BACKTEST_FULL.clients);
  const fitSeeds = flag('fit')?.split(',') ?? ['cal1', 'cal2', 'cal3', 'cal4'];
  const testSeeds = flag('test')?.split(',') ?? BACKTEST_FULL.seeds;
  const settings = { trees: Number(flag('trees') ?? 25), negatives: Number(flag('negatives') ?? 2000), seed: Number(flag('seed') ?? 14) };
  const columns = columnsWithout(flag('without')?.split(',') ?? []);
  const chosenModels = flag('models')?.split(',') ?? ['own', 'window'];
  if (argv.includes('--ground-truth-only')) return printGroundTruth(testSeeds, clients);
  const exported = flag('weeks');
  const started = performance.now();
  const data: Data = exported
    ? (() => {
        const weeks = readWeeks(exported);
        return { fitting: weeks.filter((w) => fitSeeds.includes(w.seed)), heldOut: weeks.filter((w) => testSeeds.includes(w.seed)) };
      })()
    : { fitting: collect(fitSeeds, clients).weeks, heldOut: collect(testSeeds, clients).weeks };
  const out = [
    `weeks: ${data.fitting.length} on ${fitSeeds.join(', ')}, ${data.heldOut.length} on ${testSeeds.join(', ')} (${exported ? `read from ${exported}` : `${clients} clients a seed, replayed`} in ${((performance.now() - started) / 1000).toFixed(1)} s)${flag('without') ? `; left out: ${flag('without')}` : ''}; forest seed ${settings.seed}`,
  ];
  const models = [
    ...(chosenModels.includes('own')
      ? [
          evaluate(
            'random forest, a week’s own figures',
            data,
            ownFigures(columns),
            columns.map((j) => FEATURES[j]),
            { ...settings, maxFeatures: 0.5 },
          ),
        ]
      : []),
    ...(chosenModels.includes('window')
      ? [
          evaluate('random forest, the last 12 weeks’ figures', data, windowFigures(columns), windowNames(columns), {
            ...settings,
            maxFeatures: 0.2,
          }),
        ]
      : []),
  ];
  const shares = [0.05, 0.1, 0.2, 0.31];
  out.push(
    '',
    `Held-out seeds: defaulters flagged ≥ ${EARLY_WARNING_DAYS} days before default at the fitting seeds' (out-of-fold) threshold for 10 % false alarms, and at the best threshold on the held-out seeds for each false-alarm share.`,
    `| score | AUC | at 10 % (fitting seeds' threshold) | false alarms then | ${shares.map((share) => `at ${Math.round(100 * share)} %`).join(' | ')} |`,
    `| --- | ---: | ---: | ---: | ${shares.map(() => '---:').join(' | ')} |`,
  );
  for (const model of models) {
    const curve = shares.map((share) => at(model.held, thresholdAt(model.held, share)));
    out.push(
      `| ${model.name} | ${auc(model.held).toFixed(3)} | ${percent(model.chosen.flagged, model.chosen.defaulters)} | ${percent(model.chosen.alarms, model.chosen.others)} | ${curve.map((c) => percent(c.flagged, c.defaulters)).join(' | ')} |`,
    );
  }
  for (const model of models) {
    out.push(
      '',
      `${model.name}: fitted on ${model.fitted}; ${model.seconds.toFixed(0)} s with the out-of-fold fits`,
      `  at 10 %: ${perPersonality(model.held, 0.1)}`,
      `  at the same threshold, counting only weeks ${PRE_DECLINE_DAYS}–365 days before the default (before any decline began): ${percent(model.beforeDecline.flagged, model.beforeDecline.defaulters)} of defaulters`,
      `  importance (impurity decrease): ${model.importance}`,
    );
  }
  process.stdout.write(`${out.join('\n')}\n\n`);
  printGroundTruth(testSeeds, clients);
}

main(process.argv.slice(2));
