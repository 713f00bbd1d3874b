import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller';
import { ReferenceRatesMonitor } from './reference-rates.monitor';

@Module({ imports: [TerminusModule], controllers: [HealthController], providers: [ReferenceRatesMonitor] })
export class HealthModule {}
