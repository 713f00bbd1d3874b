import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional } from 'class-validator';
import { IsInstant } from '../../http/validators';

export class RunCollectionsDto {
  @ApiPropertyOptional({
    example: '2026-04-01T10:00:00Z',
    description: 'Decide as at this instant instead of now (replays and catch-up); decisions already taken are not taken again',
  })
  @IsOptional()
  @IsInstant()
  asOf?: string;

  @ApiPropertyOptional({ description: 'Answer what the run would record (commands, events, messages) and record nothing' })
  @IsOptional()
  @IsBoolean()
  dryRun?: boolean;
}
