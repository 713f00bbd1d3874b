import { ValidationPipe } from '@nestjs/common';
import { InvalidInputException } from '../http/invalid-input.exception';

/** Validates and converts a query-string DTO (the global pipe only looks at bodies): unknown parameters are refused. */
export const validQuery = () =>
  new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => InvalidInputException.fromValidationErrors(errors),
  });
