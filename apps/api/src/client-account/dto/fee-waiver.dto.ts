import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';
import { ID_MESSAGE, ID_PATTERN, IsPositiveAmount } from '../../http/validators';

const WAIVE_ALL = 'all';
const waivesAnAmount = (value: unknown) => value !== undefined && value !== WAIVE_ALL;

export class WaiveFeesDto {
  @ApiProperty({ example: 'WV-1', description: 'Caller-chosen id that makes a retried waiver idempotent' })
  @Matches(ID_PATTERN, { message: `waiverId ${ID_MESSAGE}` })
  waiverId!: string;

  @ApiPropertyOptional({ example: 'all', description: 'Late fee to waive: an amount in the account currency, or "all" outstanding' })
  @IsOptional()
  @ValidateIf((body: WaiveFeesDto) => waivesAnAmount(body.lateFee))
  @IsPositiveAmount()
  lateFee?: string;

  @ApiPropertyOptional({ example: '29.45', description: 'Interest to waive: an amount in the account currency, or "all" outstanding' })
  @IsOptional()
  @ValidateIf((body: WaiveFeesDto) => waivesAnAmount(body.interest))
  @IsPositiveAmount()
  interest?: string;

  @ApiProperty({ example: 'Goodwill: first late payment in five years' }) @IsString() @IsNotEmpty() @MaxLength(2000) reason!: string;
}
