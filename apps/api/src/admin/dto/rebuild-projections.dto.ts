import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayNotEmpty, IsArray, IsOptional, IsString } from 'class-validator';

/** `POST /v1/admin/projections/rebuild` */
export class RebuildProjectionsDto {
  @ApiPropertyOptional({ description: 'Names of the projections to rebuild (default: all)', example: ['client_facts'] })
  @IsOptional()
  @IsArray()
  @ArrayNotEmpty()
  @IsString({ each: true })
  projections?: string[];
}
