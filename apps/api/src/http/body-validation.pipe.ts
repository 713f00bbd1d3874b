import { ArgumentMetadata, Injectable, ValidationPipe } from '@nestjs/common';
import { InvalidInputException } from './invalid-input.exception';

/**
 * Validates and transforms request bodies against their DTO (unknown fields refused). Path and query
 * parameters have explicit pipes of their own (ids, instants), so they are left alone here.
 */
@Injectable()
export class BodyValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: (errors) => InvalidInputException.fromValidationErrors(errors),
    });
  }

  override transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    return metadata.type === 'body' ? super.transform(value, metadata) : Promise.resolve(value);
  }
}
