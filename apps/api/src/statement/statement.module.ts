import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { StatementController } from './statement.controller';
import { GetStatementHandler } from './statement.query';

/** Statements of account (SPEC 9): the domain's `statementOfAccount` rendered as JSON, HTML, PDF and CSV in the client's language. */
@Module({ imports: [CqrsModule], controllers: [StatementController], providers: [GetStatementHandler] })
export class StatementModule {}
