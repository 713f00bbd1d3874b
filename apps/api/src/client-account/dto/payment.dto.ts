import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { FitsCurrencyOf, ID_MESSAGE, ID_PATTERN, IsCalendarDate, IsCurrencyCode, IsPositiveAmount } from '../../http/validators';

export class AllocationDto {
  @ApiProperty() @Matches(ID_PATTERN, { message: `invoiceId ${ID_MESSAGE}` }) invoiceId!: string;
  @ApiProperty({ example: '500.00' }) @IsPositiveAmount() amount!: string;
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
    description: 'Explicit allocations; without them the oldest due invoices are settled first',
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
