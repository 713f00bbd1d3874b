import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { type Clock } from '@settle/command-pipeline';
import { localDate, type ReferenceRateCoverage, referenceRateCoverage } from '@settle/domain';
import { CLOCK } from '@settle/runtime';

/**
 * How far the statutory presets' reference-rate tables reach (SPEC 9). Past the last known half year,
 * interest under a preset is not charged until the tables are extended: this says so in `GET /health`
 * and warns in the log at start-up and whenever the set of presets past their tables changes.
 */
@Injectable()
export class ReferenceRatesMonitor implements OnApplicationBootstrap {
  private readonly logger = new Logger('ReferenceRates');
  private warnedFor = '';

  constructor(@Inject(CLOCK) private readonly clock: Clock) {}

  onApplicationBootstrap(): void {
    this.coverage();
  }

  /** Per preset, the half years with known rates; logs a warning when presets are newly past them. */
  coverage(): ReferenceRateCoverage[] {
    // The tables' half years are calendar dates; a day's slack either side of UTC does not change what is known.
    const coverage = referenceRateCoverage(localDate(this.clock.now(), 'UTC'));
    const stale = coverage.filter((preset) => preset.stale);
    const key = stale.map((preset) => preset.preset).join(',');
    if (key !== '' && key !== this.warnedFor) {
      this.logger.warn(
        `Reference rates end before today for ${stale.map((preset) => `${preset.preset} (known through ${preset.knownThrough})`).join(', ')}: ` +
          'interest under these presets is not charged for later half years until libs/domain/src/collections/fees/reference-rates/ is extended',
      );
    }
    this.warnedFor = key;
    return coverage;
  }
}
