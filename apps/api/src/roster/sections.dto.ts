import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUUID, Length, Max, MaxLength, Min } from 'class-validator';

export class SectionQueryDto {
  @ApiPropertyOptional({ description: 'only this school’s classes' })
  @IsOptional()
  @IsUUID()
  schoolId?: string;

  @ApiPropertyOptional({ example: '03', description: 'only classes for this grade' })
  @IsOptional()
  @IsString()
  @Length(1, 20)
  grade?: string;

  @ApiPropertyOptional({ description: 'part of the title or class code, any case' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  q?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 })
  @IsOptional()
  @Transform(({ value }) => (value === undefined ? undefined : Number(value)))
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

export class SectionSchoolResponse {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
}

export class SectionCourseResponse {
  @ApiProperty() id: string;
  @ApiProperty() title: string;
  @ApiProperty({ nullable: true, type: String }) courseCode: string | null;
}

export class SectionResponse {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'Math 7 — Period 2' }) title: string;
  @ApiProperty({ nullable: true, type: String }) classCode: string | null;
  @ApiProperty({ description: 'the OneRoster sourcedId' }) sourcedId: string;
  @ApiProperty({ type: SectionSchoolResponse }) school: SectionSchoolResponse;
  @ApiProperty({ nullable: true, type: SectionCourseResponse }) course: SectionCourseResponse | null;
  @ApiProperty({ type: [String], example: ['07'] }) grades: string[];
  @ApiProperty({ description: 'students enrolled' }) students: number;
}

export class SectionPageResponse {
  @ApiProperty({ type: [SectionResponse] }) items: SectionResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
