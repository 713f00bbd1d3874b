import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { FitsCurrencyOf, ID_MESSAGE, ID_PATTERN, IsCalendarDate, IsCurrencyCode, IsPositiveAmount } from '../../http/validators';

export class IssueInvoiceDto {
  @ApiProperty({ example: 'INV-2026-001' }) @Matches(ID_PATTERN, { message: `invoiceId ${ID_MESSAGE}` }) invoiceId!: string;
  @ApiProperty({ example: '1250.00' }) @IsPositiveAmount() @FitsCurrencyOf('currency') amount!: string;
  @ApiProperty({ example: 'EUR' }) @IsCurrencyCode() currency!: string;
  @ApiPropertyOptional({ example: '2026-03-01', description: "Default: today in the client's time zone" })
  @IsOptional()
  @IsCalendarDate()
  issuedOn?: string;
  @ApiPropertyOptional({ description: 'Explicit due date; otherwise from the payment terms' })
  @IsOptional()
  @IsCalendarDate()
  dueOn?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) reference?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) description?: string;
  @ApiPropertyOptional({ description: 'Admins only (403 otherwise): issue even above the credit limit; recorded on the event' })
  @IsOptional()
  @IsBoolean()
  overrideCreditLimit?: boolean;
}

export class IssueCreditNoteDto {
  @ApiProperty({ example: 'CN-1' }) @Matches(ID_PATTERN, { message: `creditNoteId ${ID_MESSAGE}` }) creditNoteId!: string;
  @ApiProperty({ example: '100.00' }) @IsPositiveAmount() @FitsCurrencyOf('currency') amount!: string;
  @ApiProperty({ example: 'EUR' }) @IsCurrencyCode() currency!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) reason?: string;
  @ApiPropertyOptional() @IsOptional() @IsCalendarDate() issuedOn?: string;
}

export class WriteOffInvoiceDto {
  @ApiProperty({ example: 'Client insolvent' }) @IsString() @IsNotEmpty() @MaxLength(2000) reason!: string;
  @ApiPropertyOptional() @IsOptional() @IsCalendarDate() writtenOffOn?: string;
}
