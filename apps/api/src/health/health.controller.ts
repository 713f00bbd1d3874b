import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { clientIdOfStream } from '@settle/domain';
import { EventStore } from '@settle/event-store';
import { LetterTemplates } from '@settle/letters';
import { ProjectionHost } from '@settle/projections';
import { Public } from '../auth/roles.decorator';
import { ReferenceRatesMonitor } from './reference-rates.monitor';
import { EVENT_STORE } from '@settle/runtime';

/** Health checks count the projections' lag up to this many events. */
const HEALTH_LAG_CAP = 1000;

@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly projections: ProjectionHost,
    private readonly referenceRates: ReferenceRatesMonitor,
    private readonly letters: LetterTemplates,
  ) {}

  /**
   * 200 `ok`; 200 `degraded` when a projection has quarantined clients (their views are stale, every
   * other client is live: SPEC 10) or a letter template override was refused (letters keep the last good set); 503 `error` when the store does not answer or a runner keeps failing.
   */
  @Get()
  @Public()
  @HealthCheck()
  async check() {
    const result = await this.health.check([
      async () => {
        const indicator = this.indicators.check('eventStore');
        return (await this.store.ping().catch(() => false)) ? indicator.up() : indicator.down({ message: 'event store does not answer' });
      },
      async () => {
        // Lag is information; only a runner of this process that keeps failing makes the views unhealthy.
        const indicator = this.indicators.check('projections');
        const statuses = await this.projections.status(HEALTH_LAG_CAP).catch(() => undefined);
        if (statuses === undefined) return indicator.down({ message: 'projection checkpoints or event store do not answer' });
        const details: Record<string, unknown> = Object.fromEntries(
          statuses.map(({ name, state, lag, quarantine }) => [
            name,
            {
              state,
              lagEvents: lag.events,
              lagCapped: lag.capped,
              lagSeconds: lag.seconds,
              ...(quarantine.count > 0 && {
                quarantinedClients: quarantine.count,
                quarantined: quarantine.first.map(({ streamId, reason, since }) => ({
                  clientId: clientIdOfStream(streamId),
                  reason,
                  since,
                })),
              }),
            },
          ]),
        );
        if (statuses.some((status) => status.state === 'retrying')) return indicator.down(details);
        return indicator.up(statuses.some((status) => status.quarantine.count > 0) ? { ...details, degraded: true } : details);
      },
      () => {
        // Information, never down: a preset past its rate tables charges no interest for those half years yet (SPEC 9).
        const coverage = this.referenceRates.coverage();
        const stale = coverage.filter((preset) => preset.stale).map((preset) => preset.preset);
        return this.indicators.check('referenceRates').up({
          presets: Object.fromEntries(coverage.map(({ preset, knownFrom, knownThrough }) => [preset, { knownFrom, knownThrough }])),
          ...(stale.length > 0 && {
            warning: `no reference rate after the last known half year for ${stale.join(', ')}: interest under these presets waits until the tables are extended`,
          }),
        });
      },
      () => {
        // Letters still go out with the last good templates: degraded, not down.
        const { overrides, refused } = this.letters.status();
        return this.indicators.check('letterTemplates').up({ overrides, ...(refused !== undefined && { refused, degraded: true }) });
      },
    ]);
    // Terminus knows up and down only: a quarantine is up (serving), and the answer says degraded.
    const degraded = Object.values(result.details).some((detail) => (detail as { degraded?: boolean }).degraded === true);
    return degraded && result.status === 'ok' ? { ...result, status: 'degraded' } : result;
  }
}
