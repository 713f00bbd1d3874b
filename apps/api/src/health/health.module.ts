import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { CollectionsModule } from '../collections/collections.module';
import { HealthController } from './health.controller';
import { ReferenceRatesMonitor } from './reference-rates.monitor';

@Module({ imports: [TerminusModule, CollectionsModule], controllers: [HealthController], providers: [ReferenceRatesMonitor] })
export class HealthModule {}
