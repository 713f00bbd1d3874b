import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsNotEmpty, IsObject, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { ID_MESSAGE, ID_PATTERN, IsCurrencyCode } from '../../http/validators';
import { AgreementDto } from './agreement.dto';

export class RegisterClientDto {
  @ApiProperty({ example: 'acme' }) @Matches(ID_PATTERN, { message: `clientId ${ID_MESSAGE}` }) clientId!: string;
  @ApiProperty({ example: 'Acme B.V.' }) @IsString() @IsNotEmpty() @MaxLength(200) name!: string;
  @ApiProperty({ example: 'EUR', description: 'The contract currency (ISO 4217); every amount of the account is in it' })
  @IsCurrencyCode()
  currency!: string;
  @ApiProperty({ type: AgreementDto }) @IsObject() @ValidateNested() @Type(() => AgreementDto) agreement!: AgreementDto;
}
