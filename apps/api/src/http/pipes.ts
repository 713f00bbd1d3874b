import { Injectable, PipeTransform } from '@nestjs/common';
import { DateTime } from 'luxon';
import { InvalidInputException } from './invalid-input.exception';
import { ID_MESSAGE, ID_PATTERN } from './validators';

/** Path ids are caller-chosen ids: the same rule as in bodies. */
@Injectable()
export class ParseIdPipe implements PipeTransform<string, string> {
  transform(value: string, metadata: { data?: string }): string {
    if (!ID_PATTERN.test(value))
      throw new InvalidInputException([{ field: metadata.data ?? 'id', message: `${metadata.data ?? 'id'} ${ID_MESSAGE}` }]);
    return value;
  }
}

/** Optional `?asOf=<ISO instant>` → DateTime. */
@Injectable()
export class ParseOptionalInstantPipe implements PipeTransform<string | undefined, DateTime | undefined> {
  transform(value: string | undefined, metadata: { data?: string }): DateTime | undefined {
    if (value === undefined || value === '') return undefined;
    const instant = DateTime.fromISO(value, { setZone: true });
    if (!instant.isValid || !/T/.test(value)) {
      throw new InvalidInputException([
        { field: metadata.data ?? 'asOf', message: `${metadata.data ?? 'asOf'} must be an ISO 8601 instant` },
      ]);
    }
    return instant.toUTC();
  }
}
