import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { EventStore } from '@settle/event-store';
import { ProjectionHost } from '@settle/projections';
import { Public } from '../auth/roles.decorator';
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
  ) {}

  @Get()
  @Public()
  @HealthCheck()
  check() {
    return this.health.check([
      async () => {
        const indicator = this.indicators.check('eventStore');
        return (await this.store.ping().catch(() => false)) ? indicator.up() : indicator.down({ message: 'event store does not answer' });
      },
      async () => {
        // Lag is information; only a runner of this process that keeps failing makes the views unhealthy.
        const indicator = this.indicators.check('projections');
        const statuses = await this.projections.status(HEALTH_LAG_CAP).catch(() => undefined);
        if (statuses === undefined) return indicator.down({ message: 'projection checkpoints or event store do not answer' });
        const details = Object.fromEntries(
          statuses.map(({ name, state, lag }) => [name, { state, lagEvents: lag.events, lagCapped: lag.capped, lagSeconds: lag.seconds }]),
        );
        return statuses.some((status) => status.state === 'retrying') ? indicator.down(details) : indicator.up(details);
      },
    ]);
  }
}
