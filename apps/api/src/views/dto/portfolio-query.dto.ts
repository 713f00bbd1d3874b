import { ApiPropertyOptional } from '@nestjs/swagger';
import { RiskLevel, TrendDirection } from '@settle/domain';
import { PORTFOLIO_SORT_KEYS } from '@settle/projections';
import { Transform } from 'class-transformer';
import { ArrayNotEmpty, IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { IsCurrencyCode, QueryInteger } from '../../http/validators';

export const RISK_LEVELS: RiskLevel[] = ['low', 'medium', 'high', 'critical'];
export const TREND_DIRECTIONS: TrendDirection[] = ['improving', 'stable', 'deteriorating', 'insufficient_data'];
export const MAX_PAGE = 1000;

/** `a,b` or repeated parameters → a list. */
const list = ({ value }: { value: unknown }) =>
  (Array.isArray(value) ? value : String(value).split(',')).map((item) => String(item).trim());

const SORT = new RegExp(`^-?(${PORTFOLIO_SORT_KEYS.join('|')})$`);

/** `GET /v1/clients` (SPEC 4.4). */
export class PortfolioQueryDto {
  @ApiPropertyOptional({ description: 'One or more of low, medium, high, critical (comma-separated)', example: 'high,critical' })
  @IsOptional()
  @Transform(list)
  @ArrayNotEmpty()
  @IsIn(RISK_LEVELS, { each: true, message: `riskLevel must be one or more of ${RISK_LEVELS.join(', ')}` })
  riskLevel?: RiskLevel[];

  @ApiPropertyOptional({ description: 'One or more of improving, stable, deteriorating, insufficient_data', example: 'deteriorating' })
  @IsOptional()
  @Transform(list)
  @ArrayNotEmpty()
  @IsIn(TREND_DIRECTIONS, { each: true, message: `trend must be one or more of ${TREND_DIRECTIONS.join(', ')}` })
  trend?: TrendDirection[];

  @ApiPropertyOptional({ description: 'true: something is overdue; false: nothing is' })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'overdue must be true or false' })
  overdue?: 'true' | 'false';

  @ApiPropertyOptional({ example: 'EUR' })
  @IsOptional()
  @IsCurrencyCode()
  currency?: string;

  @ApiPropertyOptional({
    description: `${PORTFOLIO_SORT_KEYS.join(', ')}; a leading - sorts descending (amounts compare in major units)`,
    example: '-overdue',
  })
  @IsOptional()
  @Matches(SORT, { message: `sort must be one of ${PORTFOLIO_SORT_KEYS.join(', ')}, optionally prefixed with -` })
  sort?: string;

  @ApiPropertyOptional({ description: `Page size, 1–${MAX_PAGE} (default 100)` })
  @IsOptional()
  @QueryInteger()
  @IsInt({ message: 'limit must be an integer' })
  @Min(1)
  @Max(MAX_PAGE)
  limit?: number;

  @ApiPropertyOptional({ description: 'Clients to skip (default 0)' })
  @IsOptional()
  @QueryInteger()
  @IsInt({ message: 'offset must be an integer' })
  @Min(0)
  offset?: number;
}
