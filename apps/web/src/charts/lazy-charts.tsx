import { type ComponentProps, type ComponentType, lazy, Suspense } from 'react';

/** Recharts is most of the bundle: its chunk loads only when a page first draws a chart. */
const charts = () => import('./charts');

function deferred<P extends object>(load: () => Promise<ComponentType<P>>, chart: string) {
  const Chart = lazy(async () => ({ default: await load() }));
  return function DeferredChart(props: P) {
    return (
      <Suspense
        fallback={
          <p className="chart-loading" data-chart-loading={chart}>
            Loading the chart…
          </p>
        }
      >
        <Chart {...(props as ComponentProps<typeof Chart>)} />
      </Suspense>
    );
  };
}

export const AgingChart = deferred(() => charts().then((module) => module.AgingChart), 'aging');
export const DsoChart = deferred(() => charts().then((module) => module.DsoChart), 'dso');
export const TrendChart = deferred(() => charts().then((module) => module.TrendChart), 'trend');
