import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsEmail, IsIn, IsNotEmpty, IsObject, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { INTERACTION_CHANNELS, INTERACTION_KINDS, InteractionChannel, InteractionKind } from '@settle/domain';
import { FitsCurrencyOf, ID_MESSAGE, ID_PATTERN, IsCalendarDate, IsCurrencyCode, IsInstant, IsPositiveAmount } from '../../http/validators';

export class NewContactDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(200) name!: string;
  @ApiPropertyOptional() @IsOptional() @IsEmail() email?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(50) phone?: string;
}

/** SPEC 3.5: one body for every kind; the kind says which extra fields apply (checked by the domain). */
export class LogInteractionDto {
  @ApiProperty({ example: 'INT-1' }) @Matches(ID_PATTERN, { message: `interactionId ${ID_MESSAGE}` }) interactionId!: string;
  @ApiProperty({ enum: INTERACTION_KINDS }) @IsIn(INTERACTION_KINDS) kind!: InteractionKind;
  @ApiProperty({ example: '2026-03-01T10:00:00Z' }) @IsInstant() occurredAt!: string;
  @ApiPropertyOptional({ enum: INTERACTION_CHANNELS }) @IsOptional() @IsIn(INTERACTION_CHANNELS) channel?: InteractionChannel;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) summary?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) contact?: string;
  @ApiPropertyOptional({ description: 'outbound_contact: whether an answer is expected (default true)' })
  @IsOptional()
  @IsBoolean()
  expectsResponse?: boolean;
  @ApiPropertyOptional({ description: 'client_response: the interactionId answered' })
  @IsOptional()
  @Matches(ID_PATTERN, { message: `respondsTo ${ID_MESSAGE}` })
  respondsTo?: string;
  @ApiPropertyOptional({ description: 'promise_to_pay', example: '500.00' })
  @IsOptional()
  @IsPositiveAmount()
  @FitsCurrencyOf('currency')
  amount?: string;
  @ApiPropertyOptional({ description: 'promise_to_pay', example: 'EUR' }) @IsOptional() @IsCurrencyCode() currency?: string;
  @ApiPropertyOptional({ description: 'promise_to_pay' }) @IsOptional() @IsCalendarDate() promisedOn?: string;
  @ApiPropertyOptional({ description: 'dispute_raised / dispute_resolved' })
  @IsOptional()
  @Matches(ID_PATTERN, { message: `invoiceId ${ID_MESSAGE}` })
  invoiceId?: string;
  @ApiPropertyOptional({ description: 'dispute_raised' }) @IsOptional() @IsString() @MaxLength(2000) reason?: string;
  @ApiPropertyOptional({ enum: ['upheld', 'rejected'], description: 'dispute_resolved' })
  @IsOptional()
  @IsIn(['upheld', 'rejected'])
  outcome?: 'upheld' | 'rejected';
  @ApiPropertyOptional({ description: 'dispute_resolved, upheld' }) @IsOptional() @IsPositiveAmount() creditAmount?: string;
  @ApiPropertyOptional({ type: NewContactDto, description: 'decision_maker_changed' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => NewContactDto)
  newContact?: NewContactDto;
}
