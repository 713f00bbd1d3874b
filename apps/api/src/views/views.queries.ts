import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Clock } from '@settle/command-pipeline';
import { agingReport, assessSolvency, computePaymentBehaviour, dsoReport, MetricsConfig } from '@settle/domain';
import { ClientFactsReader, portfolio, PortfolioQuery, ProjectionHost } from '@settle/projections';
import { DateTime } from 'luxon';
import { CLOCK, METRICS_CONFIG } from '@settle/runtime';
import { ClientFactsLookup } from './client-facts-lookup';
import { presentAgingReport, presentDsoReport, presentPaymentBehaviour, presentPortfolio, presentSolvency } from './presenters';
import { staleViewsOf } from './stale-views';

/** SPEC 4.2; with `asOf`, "what did we know then" (SPEC 6). */
export class GetPaymentBehaviourQuery {
  constructor(
    readonly clientId: string,
    readonly asOf?: DateTime,
  ) {}
}

/** SPEC 4.3; with `asOf`, "what did we know then" (SPEC 6). */
export class GetSolvencyQuery {
  constructor(
    readonly clientId: string,
    readonly asOf?: DateTime,
  ) {}
}

/** SPEC 4.4 portfolio list. */
export class ListClientsQuery {
  constructor(readonly query: PortfolioQuery & { limit: number; offset: number }) {}
}

export class GetAgingReportQuery {
  constructor(readonly currency: string) {}
}

export class GetDsoReportQuery {
  constructor(
    readonly currency: string,
    readonly months: number,
    readonly timezone: string,
  ) {}
}

@QueryHandler(GetPaymentBehaviourQuery)
export class GetPaymentBehaviourHandler implements IQueryHandler<GetPaymentBehaviourQuery> {
  constructor(
    private readonly lookup: ClientFactsLookup,
    private readonly projections: ProjectionHost,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(METRICS_CONFIG) private readonly config: MetricsConfig,
  ) {}

  async execute({ clientId, asOf }: GetPaymentBehaviourQuery) {
    const facts = await this.lookup.facts(clientId, asOf);
    const behaviour = presentPaymentBehaviour(clientId, computePaymentBehaviour(facts, asOf ?? this.clock.now(), this.config));
    // With asOf the facts are folded from the events, not read from the view.
    return asOf === undefined ? { ...behaviour, ...(await staleViewsOf(this.projections, clientId)) } : behaviour;
  }
}

@QueryHandler(GetSolvencyQuery)
export class GetSolvencyHandler implements IQueryHandler<GetSolvencyQuery> {
  constructor(
    private readonly lookup: ClientFactsLookup,
    private readonly projections: ProjectionHost,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(METRICS_CONFIG) private readonly config: MetricsConfig,
  ) {}

  async execute({ clientId, asOf }: GetSolvencyQuery) {
    const facts = await this.lookup.facts(clientId, asOf);
    const solvency = presentSolvency(clientId, assessSolvency(facts, asOf ?? this.clock.now(), this.config));
    return asOf === undefined ? { ...solvency, ...(await staleViewsOf(this.projections, clientId)) } : solvency;
  }
}

@QueryHandler(ListClientsQuery)
export class ListClientsHandler implements IQueryHandler<ListClientsQuery> {
  constructor(
    private readonly reader: ClientFactsReader,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(METRICS_CONFIG) private readonly config: MetricsConfig,
  ) {}

  async execute({ query }: ListClientsQuery) {
    const now = this.clock.now();
    // Overdue somewhere on Earth today means due before tomorrow in UTC: a cheap SQL pre-filter, exact below.
    const openDueBefore = query.overdue ? (now.toUTC().plus({ days: 1 }).toISODate() ?? undefined) : undefined;
    const accounts = await this.reader.list({ currency: query.currency, openDueBefore });
    return presentPortfolio(portfolio(accounts, query, now, this.config), query);
  }
}

@QueryHandler(GetAgingReportQuery)
export class GetAgingReportHandler implements IQueryHandler<GetAgingReportQuery> {
  constructor(
    private readonly reader: ClientFactsReader,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ currency }: GetAgingReportQuery) {
    return presentAgingReport(agingReport(await this.reader.list({ currency }), currency, this.clock.now()));
  }
}

@QueryHandler(GetDsoReportQuery)
export class GetDsoReportHandler implements IQueryHandler<GetDsoReportQuery> {
  constructor(
    private readonly reader: ClientFactsReader,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ currency, months, timezone }: GetDsoReportQuery) {
    return presentDsoReport(dsoReport(await this.reader.list({ currency }), currency, this.clock.now(), months, timezone), timezone);
  }
}
