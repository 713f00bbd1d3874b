import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { IsCalendarDate, IsInstant } from '../../http/validators';

export const STATEMENT_FORMATS = ['json', 'html', 'pdf', 'csv'] as const;
export type StatementFormat = (typeof STATEMENT_FORMATS)[number];

/** `GET /v1/clients/{id}/statement` (SPEC 9). */
export class StatementQueryDto {
  @ApiPropertyOptional({
    description: 'First business date listed (yyyy-MM-dd); what is dated earlier is the opening balance. Default: the first entry',
    example: '2026-01-01',
  })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({
    description: 'Last business date listed (yyyy-MM-dd). Default: today (or the last entry, if later)',
    example: '2026-03-31',
  })
  @IsOptional()
  @IsCalendarDate()
  to?: string;

  @ApiPropertyOptional({ description: 'ISO instant: the account as known then (the events recorded up to then)' })
  @IsOptional()
  @IsInstant()
  asOf?: string;

  @ApiPropertyOptional({ enum: STATEMENT_FORMATS, description: 'json (default), html, pdf or csv (RFC 4180, amounts as decimal strings)' })
  @IsOptional()
  @IsIn(STATEMENT_FORMATS, { message: `format must be one of ${STATEMENT_FORMATS.join(', ')}` })
  format?: StatementFormat;
}
