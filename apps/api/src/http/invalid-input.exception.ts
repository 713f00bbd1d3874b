import { BadRequestException, type ValidationError } from '@nestjs/common';

/** 400 with every field error of a DTO, flattened to dot paths. */
export class InvalidInputException extends BadRequestException {
  constructor(readonly errors: { field: string; message: string }[]) {
    super(errors.map((error) => `${error.field}: ${error.message}`).join('; '));
  }

  static fromValidationErrors(errors: ValidationError[]): InvalidInputException {
    return new InvalidInputException(flatten(errors, ''));
  }
}

function flatten(errors: ValidationError[], prefix: string): { field: string; message: string }[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}
