import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsOptional, IsString, Matches } from 'class-validator';
import { ID_MESSAGE, ID_PATTERN } from '../../http/validators';

/** `POST /v1/admin/projections/rebuild` */
export class RebuildProjectionsDto {
  @ApiPropertyOptional({ description: 'Names of the projections to rebuild (default: all)', example: ['client_facts'] })
  @IsOptional()
  @IsArray()
  @ArrayNotEmpty()
  @IsString({ each: true })
  projections?: string[];

  @ApiPropertyOptional({
    description:
      'Rebuild only these clients, each alone from its stream, in the projections that quarantined it; the quarantine is lifted when it applies now',
    example: ['acme'],
  })
  @IsOptional()
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(1000)
  @Matches(ID_PATTERN, { each: true, message: ID_MESSAGE })
  clients?: string[];
}
