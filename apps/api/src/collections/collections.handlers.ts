import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Clock } from '@settle/command-pipeline';
import { CollectionsCases } from '@settle/collections';
import { type ClientFacingLevel, type LetterLanguage } from '@settle/domain';
import { LetterTemplates } from '@settle/letters';
import { CLOCK } from '@settle/runtime';
import { DateTime } from 'luxon';

export class GetClientCollectionsQuery {
  constructor(
    readonly clientId: string,
    readonly asOf?: DateTime,
  ) {}
}

@QueryHandler(GetClientCollectionsQuery)
export class GetClientCollectionsHandler implements IQueryHandler<GetClientCollectionsQuery> {
  constructor(
    private readonly cases: CollectionsCases,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute({ clientId, asOf }: GetClientCollectionsQuery) {
    return this.cases.caseOf(clientId, this.clock.now(), asOf);
  }
}

export class GetLetterPreviewQuery {
  constructor(
    readonly clientId: string,
    readonly level?: ClientFacingLevel,
    readonly language?: LetterLanguage,
  ) {}
}

/** The letter a step would send now: rendered with the templates in force (overrides included), and its figures. */
@QueryHandler(GetLetterPreviewQuery)
export class GetLetterPreviewHandler implements IQueryHandler<GetLetterPreviewQuery> {
  constructor(
    private readonly cases: CollectionsCases,
    private readonly letters: LetterTemplates,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ clientId, level, language }: GetLetterPreviewQuery) {
    const figures = await this.cases.letterFigures(clientId, this.clock.now(), level, language);
    return { level: figures.level, ...this.letters.renderReminder(figures), figures };
  }
}

export class GetWorklistQuery {
  constructor(readonly limit: number) {}
}

@QueryHandler(GetWorklistQuery)
export class GetWorklistHandler implements IQueryHandler<GetWorklistQuery> {
  constructor(
    private readonly cases: CollectionsCases,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ limit }: GetWorklistQuery) {
    const now = this.clock.now();
    return { asOf: now.toUTC().toISO(), items: await this.cases.worklist(now, limit) };
  }
}
