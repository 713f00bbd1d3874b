import { Inject, Injectable, PipeTransform } from '@nestjs/common';
import { type Clock } from '@settle/command-pipeline';
import { CLOCK } from '@settle/runtime';
import { type DateTime } from 'luxon';
import { refuseFutureAsOf } from './as-of';
import { InvalidInputException } from './invalid-input.exception';
import { ID_MESSAGE, ID_PATTERN, parseInstant } from './validators';

/** Path ids are caller-chosen ids: the same rule as in bodies. */
@Injectable()
export class ParseIdPipe implements PipeTransform<string, string> {
  transform(value: string, metadata: { data?: string }): string {
    if (!ID_PATTERN.test(value))
      throw new InvalidInputException([{ field: metadata.data ?? 'id', message: `${metadata.data ?? 'id'} ${ID_MESSAGE}` }]);
    return value;
  }
}

/** Optional `?asOf=<ISO instant>` → DateTime: an instant between 1900 and 2200, not later than now. */
@Injectable()
export class ParseOptionalInstantPipe implements PipeTransform<string | undefined, DateTime | undefined> {
  constructor(@Inject(CLOCK) private readonly clock: Clock) {}

  transform(value: string | undefined, metadata: { data?: string }): DateTime | undefined {
    if (value === undefined || value === '') return undefined;
    const field = metadata.data ?? 'asOf';
    const parsed = parseInstant(value, field);
    if ('problem' in parsed) throw new InvalidInputException([{ field, message: parsed.problem }]);
    return refuseFutureAsOf(parsed.instant, this.clock.now());
  }
}
