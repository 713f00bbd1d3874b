import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateIf, ValidateNested } from 'class-validator';
import { FitsCurrencyOf, ID_MESSAGE, ID_PATTERN, IsCalendarDate, IsCurrencyCode, IsPositiveAmount } from '../../http/validators';

export class AllocationDto {
  @ApiProperty() @Matches(ID_PATTERN, { message: `invoiceId ${ID_MESSAGE}` }) invoiceId!: string;
  @ApiPropertyOptional({ example: '500.00', description: "Settles the invoice's principal; required unless fees is given" })
  @ValidateIf((allocation: AllocationDto) => allocation.fees === undefined || allocation.amount !== undefined)
  @IsPositiveAmount()
  amount?: string;
  @ApiPropertyOptional({ example: '40.00', description: "Settles the invoice's outstanding late fee, then its interest" })
  @IsOptional()
  @IsPositiveAmount()
  fees?: string;
}

export class RecordPaymentDto {
  @ApiProperty({ example: 'PAY-1' }) @Matches(ID_PATTERN, { message: `paymentId ${ID_MESSAGE}` }) paymentId!: string;
  @ApiProperty({ example: '1250.00' }) @IsPositiveAmount() @FitsCurrencyOf('currency') amount!: string;
  @ApiProperty({ example: 'EUR' }) @IsCurrencyCode() currency!: string;
  @ApiPropertyOptional({ description: "Default: today in the client's time zone" }) @IsOptional() @IsCalendarDate() receivedOn?: string;
  @ApiPropertyOptional({ example: 'bank_transfer' }) @IsOptional() @IsString() @MaxLength(50) method?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) reference?: string;
  @ApiPropertyOptional({
    type: [AllocationDto],
    description:
      "Explicit allocations; without them the agreement's paymentAllocationOrder applies (principal_first, or costs_interest_principal), oldest due first",
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => AllocationDto)
  allocations?: AllocationDto[];
}

export class ReversePaymentDto {
  @ApiProperty({ example: 'Bounced' }) @IsString() @IsNotEmpty() @MaxLength(2000) reason!: string;
  @ApiPropertyOptional() @IsOptional() @IsCalendarDate() reversedOn?: string;
}
