import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';
import { ID_MESSAGE, ID_PATTERN } from '../../http/validators';

export class AgencyHandoverDecisionDto {
  @ApiProperty({ example: 'AH-2026-05-29', description: 'Caller-chosen id that makes a retried decision idempotent' })
  @Matches(ID_PATTERN, { message: `decisionId ${ID_MESSAGE}` })
  decisionId!: string;

  @ApiProperty({ enum: ['approve', 'reject'] })
  @IsIn(['approve', 'reject'])
  decision!: 'approve' | 'reject';

  @ApiProperty({ example: 'No answer to the final notice' }) @IsString() @IsNotEmpty() @MaxLength(2000) reason!: string;
}
