import { IsNotEmpty, IsString, MaxLength, MinLength } from 'class-validator';

export class ChangePasswordDto {
  @IsString() @IsNotEmpty() @MaxLength(200)
  currentPassword: string;

  // the same rule as a new user's password (users/create-user.dto.ts)
  @IsString() @MinLength(10, { message: 'newPassword must be at least 10 characters' }) @MaxLength(200)
  newPassword: string;
}
