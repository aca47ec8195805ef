import { ArrayMinSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { ROLES, type Role } from '../../../../libs/auth/src/index.js';

export class CreateUserDto {
  @IsString() @Matches(/^[a-zA-Z0-9._-]{2,64}$/, { message: 'username must be 2-64 letters, digits, dot, dash or underscore' })
  username: string;

  @IsString() @MinLength(10) @MaxLength(200)
  password: string;

  @IsArray() @ArrayMinSize(1) @IsIn(ROLES, { each: true, message: `roles must each be one of ${ROLES.join(', ')}` })
  roles: Role[];

  @IsOptional() @IsString() @MaxLength(64)
  departmentCode?: string;

  @IsOptional() @IsString() @MaxLength(100)
  displayName?: string;
}

export class UpdateUserDto {
  @IsOptional() @IsArray() @ArrayMinSize(1) @IsIn(ROLES, { each: true, message: `roles must each be one of ${ROLES.join(', ')}` })
  roles?: Role[];

  @IsOptional() @IsString() @MaxLength(64)
  departmentCode?: string;

  @IsOptional() @IsString() @MaxLength(100)
  displayName?: string;

  @IsOptional() @IsBoolean()
  disabled?: boolean;

  @IsOptional() @IsString() @MinLength(10) @MaxLength(200)
  password?: string;
}
