import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { ID_MESSAGE, ID_PATTERN, IsCalendarDate } from '../../http/validators';

export class PauseCollectionsDto {
  @ApiProperty({ example: 'PAUSE-1' }) @Matches(ID_PATTERN, { message: `pauseId ${ID_MESSAGE}` }) pauseId!: string;
  @ApiProperty({
    example: '2026-04-01',
    description:
      "Last day of the pause, in the client's time zone: collections stay paused through it and resume by themselves the day after. Must be after today.",
  })
  @IsCalendarDate()
  until!: string;
  @ApiProperty({ example: 'Negotiating a payment plan' }) @IsString() @IsNotEmpty() @MaxLength(2000) reason!: string;
}

export class ResumeCollectionsDto {
  @ApiPropertyOptional({ description: 'Caller-chosen id that makes a retried resume idempotent' })
  @IsOptional()
  @Matches(ID_PATTERN, { message: `resumeId ${ID_MESSAGE}` })
  resumeId?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) reason?: string;
}
