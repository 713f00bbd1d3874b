/** The sections of BENCHMARKS.md, in the order of the brief (issue 6). */
export const SECTIONS = {
  http: '1. HTTP: recorded payments per second and latency at 64 connections',
  append: '2. Append throughput of each store adapter',
  rebuild: '3. Projection rebuild',
  history: '4. History and as-of reads of one client with 10,000 events',
  collections: '5. Collections cycle',
  rss: '6. Peak RSS of the API process under HTTP load',
  backtest: '7. Early warning backtest (issue 14): generated portfolios with known outcomes, weekly runs',
  pages: '8. First pages: the portfolio of 10,000 clients and the timeline of a 10,000-event client (API and app)',
  limits: '9. Limits of the PostgreSQL server itself: raw one-event appends and an ordered full read (issue 15)',
} as const;
export type SectionId = keyof typeof SECTIONS;

export interface Goal {
  text: string;
  reached: boolean;
}

/** One measured figure, with how to reproduce it. */
export interface Figure {
  section: SectionId;
  label: string;
  value: string;
  goal?: Goal;
  command: string;
  note?: string;
}

export const atLeast = (value: number, goal: number, unit: string): Goal => ({ text: `≥ ${count(goal)} ${unit}`, reached: value >= goal });
export const below = (value: number, goal: number, unit: string): Goal => ({ text: `< ${count(goal)} ${unit}`, reached: value < goal });

export const count = (value: number): string => Math.round(value).toLocaleString('en-US');
export const perSecond = (value: number, unit: string): string => `${count(value)} ${unit}/s`;
export const millis = (value: number): string => `${value < 10 ? value.toFixed(1) : count(value)} ms`;
export const seconds = (milliseconds: number): string => `${(milliseconds / 1000).toFixed(1)} s`;
export const megabytes = (bytes: number): string => `${count(bytes / 1024 / 1024)} MB`;
