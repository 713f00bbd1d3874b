import { type DateTime } from 'luxon';
import { assessSolvency, type MetricsConfig, type PaymentFigures, paymentFiguresOf, type Solvency } from '@settle/domain';
import { type CollectionsSubject } from '../collections-subject';

/** The behaviour and solvency figures of one client at `now`: what the trend and risk rules read. */
export interface ClientAssessment {
  behaviour: PaymentFigures;
  solvency: Solvency;
}

export const assessClient = ({ facts }: CollectionsSubject, now: DateTime, metrics?: MetricsConfig): ClientAssessment => {
  const behaviour = paymentFiguresOf(facts, now, metrics);
  return { behaviour, solvency: assessSolvency(facts, now, metrics, behaviour) };
};

/** The figures behind a risk decision, as recorded in an event's `figures` (plain JSON values). */
export const riskFigures = ({ behaviour, solvency }: ClientAssessment): Record<string, string | number | boolean | null> => ({
  riskLevel: solvency.riskLevel,
  riskScore: solvency.riskScore,
  trend: behaviour.trend.direction,
  slopeDaysPerInvoice: behaviour.trend.slopeDaysPerInvoice,
  paydex: behaviour.paydex,
  overdueAmount: behaviour.overdue.toString(),
  oldestOverdueDays: behaviour.oldestOverdueDays,
});
