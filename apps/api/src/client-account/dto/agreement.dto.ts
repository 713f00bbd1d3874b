import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { InvalidInputException } from '../../http/invalid-input.exception';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  AgreementInput,
  DEFAULT_COLLECTIONS_POLICY,
  LADDER_UNITS,
  LATE_FEE_PRESETS,
  LadderLevel,
  LadderThreshold,
  LateFeePreset,
  LETTER_LANGUAGES,
  LetterLanguage,
  PAYMENT_ALLOCATION_ORDERS,
  PAYMENT_REFERENCE_SCHEMES,
  PaymentAllocationOrder,
  PaymentReferenceScheme,
} from '@settle/domain';
import { IsCalendarDate, IsPositiveAmount } from '../../http/validators';

export class PaymentTermsDto {
  @ApiProperty({ enum: ['net', 'due_on_receipt', 'end_of_month'] })
  @IsIn(['net', 'due_on_receipt', 'end_of_month'])
  type!: 'net' | 'due_on_receipt' | 'end_of_month';

  @ApiPropertyOptional({ description: 'net: days after issue; end_of_month: days after the end of the issue month', example: 30 })
  @ValidateIf((terms: PaymentTermsDto) => terms.type !== 'due_on_receipt')
  @IsInt()
  @Min(0)
  @Max(365)
  days?: number;
}

export class ContactDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(200) name!: string;
  @ApiProperty() @IsEmail() email!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(50) phone?: string;
  @ApiProperty({ enum: ['email', 'phone', 'letter', 'meeting'] }) @IsIn(['email', 'phone', 'letter', 'meeting']) preferredChannel!:
    'email' | 'phone' | 'letter' | 'meeting';
}

/** The IBAN and BIC are checked by the domain (ibantools): `invalid_iban`, `invalid_bic`. */
export class PaymentInstructionsDto {
  @ApiProperty({ example: 'Our Firm B.V.' }) @IsString() @IsNotEmpty() @MaxLength(200) beneficiary!: string;
  @ApiProperty({ example: 'NL91 ABNA 0417 1643 00' }) @IsString() @IsNotEmpty() @MaxLength(50) iban!: string;
  @ApiPropertyOptional({ example: 'ABNANL2A' }) @IsOptional() @IsString() @MaxLength(20) bic?: string;
  @ApiPropertyOptional({
    enum: PAYMENT_REFERENCE_SCHEMES,
    description:
      'The reference the client quotes: invoice_number (default), or an ISO 11649 creditor reference (RF…) made from the client id (rf_per_client) or from each invoice number (rf_per_invoice)',
  })
  @IsOptional()
  @IsIn(PAYMENT_REFERENCE_SCHEMES)
  reference?: PaymentReferenceScheme;
}

export class AccountManagerDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(200) name!: string;
  @ApiPropertyOptional() @IsOptional() @IsEmail() email?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(50) phone?: string;
}

export class BusinessHoursDto {
  @ApiProperty({ type: [Number], description: 'ISO weekdays, 1 = Monday … 7 = Sunday', example: [1, 2, 3, 4, 5] })
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(7)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(7, { each: true })
  weekdays!: number[];

  @ApiProperty({ example: '09:00' }) @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'start must be HH:mm' }) start!: string;
  @ApiProperty({ example: '17:00' }) @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'end must be HH:mm' }) end!: string;
}

export class LateFeePolicyDto {
  @ApiPropertyOptional({
    enum: LATE_FEE_PRESETS,
    description:
      'Statutory B2B late-payment rules instead of fixedFee/annualInterestRate/compounding: eu_b2b (Directive 2011/7/EU: EUR 40, ECB + 8), ' +
      'nl_b2b (BW 6:119a: EUR 40, ECB + 8 compounded yearly), de_b2b (BGB § 288: EUR 40, Basiszinssatz + 9), uk_b2b (Late Payment Act: ' +
      'GBP 40/70/100, Bank Rate + 8); the reference rate is set per half year from dated tables (see the README)',
  })
  @IsOptional()
  @IsIn(LATE_FEE_PRESETS, { message: `preset must be one of ${LATE_FEE_PRESETS.join(', ')}` })
  preset?: LateFeePreset;

  @ApiPropertyOptional({ example: '40.00', description: 'Fixed fee per late invoice, major units of the account currency' })
  @IsOptional()
  @IsPositiveAmount()
  fixedFee?: string;

  @ApiPropertyOptional({ example: '10.50', description: 'Percent per year' })
  @IsOptional()
  @Matches(/^\d{1,3}(\.\d{1,4})?$/, { message: 'annualInterestRate must be a percentage such as "10.50"' })
  annualInterestRate?: string;

  @ApiPropertyOptional({ enum: ['simple', 'annual'] }) @IsOptional() @IsIn(['simple', 'annual']) compounding?: 'simple' | 'annual';
  @ApiPropertyOptional({ example: 0 }) @IsOptional() @IsInt() @Min(0) @Max(365) graceDays?: number;
}

export class LadderThresholdDto {
  @ApiProperty({ example: 10, description: 'Days past due of the oldest undisputed overdue invoice' })
  @IsInt()
  @Min(1)
  @Max(3650)
  days!: number;

  @ApiPropertyOptional({ enum: LADDER_UNITS, default: 'calendar_days' })
  @IsOptional()
  @IsIn(LADDER_UNITS)
  unit?: LadderThreshold['unit'];
}

/** An optional rung of the agreed ladder, documented with its default. */
const Rung = (level: LadderLevel) => {
  const { days, unit } = DEFAULT_COLLECTIONS_POLICY.ladder[level];
  return applyDecorators(
    ApiPropertyOptional({
      type: LadderThresholdDto,
      description: `default: ${days} ${unit === 'business_days' ? 'business' : 'calendar'} day${days === 1 ? '' : 's'}`,
    }),
    IsOptional(),
    IsObject(),
    ValidateNested(),
    Type(() => LadderThresholdDto),
  );
};

/** The rungs agreed with this client; each one left out keeps the default (SPEC 5). Together they must climb. */
export class CollectionsLadderDto {
  @Rung('reminder') reminder?: LadderThresholdDto;
  @Rung('firm_reminder') firm_reminder?: LadderThresholdDto;
  @Rung('call') call?: LadderThresholdDto;
  @Rung('credit_hold') credit_hold?: LadderThresholdDto;
  @Rung('final_notice') final_notice?: LadderThresholdDto;
  @Rung('agency') agency?: LadderThresholdDto;
}

export class AgreementDto {
  @ApiPropertyOptional({ type: PaymentTermsDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => PaymentTermsDto)
  paymentTerms?: PaymentTermsDto;
  @ApiPropertyOptional({ example: 'Europe/Amsterdam' }) @IsOptional() @IsString() @MaxLength(64) timezone?: string;
  @ApiPropertyOptional({ type: BusinessHoursDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => BusinessHoursDto)
  businessHours?: BusinessHoursDto;
  @ApiPropertyOptional({ type: [String], example: ['2026-12-25'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(400)
  @IsCalendarDate({ each: true })
  holidays?: string[];
  @ApiProperty({ type: ContactDto }) @IsObject() @ValidateNested() @Type(() => ContactDto) contact!: ContactDto;
  @ApiPropertyOptional({ type: AccountManagerDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => AccountManagerDto)
  accountManager?: AccountManagerDto;
  @ApiPropertyOptional({ example: 2 }) @IsOptional() @IsInt() @Min(0) @Max(60) responseTimeBusinessDays?: number;
  @ApiPropertyOptional({ type: LateFeePolicyDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => LateFeePolicyDto)
  lateFeePolicy?: LateFeePolicyDto;
  @ApiPropertyOptional({ example: 30, description: 'Notice before a fee/interest change takes effect' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(365)
  noticeDays?: number;
  @ApiPropertyOptional({ example: '50000.00' }) @IsOptional() @IsPositiveAmount() creditLimit?: string;
  @ApiPropertyOptional({ type: CollectionsLadderDto, example: { reminder: { days: 3 }, firm_reminder: { days: 10 } } })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => CollectionsLadderDto)
  collectionsLadder?: CollectionsLadderDto;
  @ApiPropertyOptional({
    example: 7,
    description: `Least days between two client-facing collections steps (default ${DEFAULT_COLLECTIONS_POLICY.minimumStepSpacingDays})`,
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(365)
  minimumStepSpacingDays?: number;
  @ApiPropertyOptional({
    example: 14,
    description: `Days the final notice gives to pay before the agency step (default ${DEFAULT_COLLECTIONS_POLICY.finalNoticeDays})`,
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(365)
  finalNoticeDays?: number;
  @ApiPropertyOptional({
    example: true,
    description: `Whether a handover to a collection agency waits for an admin's approval (default ${DEFAULT_COLLECTIONS_POLICY.agencyRequiresApproval})`,
  })
  @IsOptional()
  @IsBoolean()
  agencyRequiresApproval?: boolean;
  @ApiPropertyOptional({
    example: 2,
    description: `Business days after the due date before a client-facing collections step, so that bank payments are booked first (default ${DEFAULT_COLLECTIONS_POLICY.bookingLagBusinessDays})`,
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(365)
  bookingLagBusinessDays?: number;
  @ApiPropertyOptional({
    enum: PAYMENT_ALLOCATION_ORDERS,
    description:
      'How payments without allocations settle principal, fees and interest: principal_first (default) or costs_interest_principal (BGB § 367, BW 6:44)',
  })
  @IsOptional()
  @IsIn(PAYMENT_ALLOCATION_ORDERS)
  paymentAllocationOrder?: PaymentAllocationOrder;
  @ApiPropertyOptional({ enum: LETTER_LANGUAGES, description: 'The language of the letters the client receives (default en)' })
  @IsOptional()
  @IsIn(LETTER_LANGUAGES)
  language?: LetterLanguage;
  @ApiPropertyOptional({ type: () => PaymentInstructionsDto, description: 'How the client pays, printed on every letter' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => PaymentInstructionsDto)
  paymentInstructions?: PaymentInstructionsDto;
}

/** A late-fee policy announced but not in force yet, as `GET /v1/clients/{id}` shows it. */
export class ScheduledLateFeePolicyDto extends LateFeePolicyDto {
  @ApiProperty({ example: '2026-05-01' }) @IsCalendarDate() effectiveFrom!: string;
}

export class ChangeAgreementDto extends AgreementDto {
  @ApiPropertyOptional({ description: 'Date from which a changed late-fee policy applies (≥ today + noticeDays; that is the default)' })
  @IsOptional()
  @IsCalendarDate()
  lateFeePolicyEffectiveFrom?: string;

  @ApiPropertyOptional({
    type: ScheduledLateFeePolicyDto,
    description:
      'The announced policy as the account shows it: the agreement read with GET can be sent back unchanged. ' +
      'With it, lateFeePolicy is the policy in force (which a change cannot alter before its notice) and is not read.',
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ScheduledLateFeePolicyDto)
  scheduledLateFeePolicy?: ScheduledLateFeePolicyDto;
}

/**
 * The agreement and effective date a PUT announces. A `scheduledLateFeePolicy` sent back names the
 * policy the client was told about, with its date: it stays the announced one (sending the agreement
 * back unchanged must not withdraw an announced change).
 */
export const toAgreementChange = ({
  lateFeePolicyEffectiveFrom,
  scheduledLateFeePolicy,
  ...agreement
}: ChangeAgreementDto): { agreement: AgreementInput; lateFeePolicyEffectiveFrom?: string } => {
  if (!scheduledLateFeePolicy) return { agreement: toAgreementInput(agreement), lateFeePolicyEffectiveFrom };
  if (lateFeePolicyEffectiveFrom !== undefined)
    throw new InvalidInputException([
      { field: 'lateFeePolicyEffectiveFrom', message: 'send either lateFeePolicyEffectiveFrom or scheduledLateFeePolicy, not both' },
    ]);
  const { effectiveFrom, ...announced } = scheduledLateFeePolicy;
  const { lateFeePolicy: _inForce, ...rest } = agreement;
  return {
    agreement: toAgreementInput({ ...rest, ...(Object.keys(announced).length > 0 && { lateFeePolicy: announced }) }),
    lateFeePolicyEffectiveFrom: effectiveFrom,
  };
};

/** The validated DTO as the domain's input: PaymentTermsDto guarantees `days` for the terms that need it. */
export const toAgreementInput = (dto: AgreementDto): AgreementInput => dto as AgreementInput;
