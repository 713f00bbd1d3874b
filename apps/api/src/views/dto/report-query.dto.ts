import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min, registerDecorator } from 'class-validator';
import { IANAZone } from 'luxon';
import { IsCurrencyCode, QueryInteger } from '../../http/validators';

/** An IANA time zone luxon knows (`Europe/Amsterdam`, `UTC`). */
const IsTimeZone = () => (target: object, propertyName: string) =>
  registerDecorator({
    name: 'isTimeZone',
    target: target.constructor,
    propertyName,
    validator: {
      validate: (value: unknown) => typeof value === 'string' && IANAZone.isValidZone(value),
      defaultMessage: () => `${propertyName} must be an IANA time zone, e.g. Europe/Amsterdam`,
    },
  });

/** `GET /v1/reports/aging` */
export class AgingReportQueryDto {
  @ApiProperty({ example: 'EUR', description: 'Portfolio figures are per currency' })
  @IsCurrencyCode()
  currency!: string;
}

/** `GET /v1/reports/dso` */
export class DsoReportQueryDto extends AgingReportQueryDto {
  @ApiPropertyOptional({ description: 'Months, the current one included (1–36, default 6)' })
  @IsOptional()
  @QueryInteger()
  @IsInt({ message: 'months must be an integer' })
  @Min(1)
  @Max(36)
  months?: number;

  @ApiPropertyOptional({ description: 'Where the months begin and end (default UTC)', example: 'Europe/Amsterdam' })
  @IsOptional()
  @IsTimeZone()
  timezone?: string;
}
