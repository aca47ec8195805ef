import { IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';

export class CreateDepartmentDto {
  /** Stable code used in catalogues (department:), users and disclosures; never renamed. */
  @IsString() @Matches(/^[a-z0-9][a-z0-9-]{0,63}$/, { message: 'code must be 1-64 lower-case letters, digits and dashes' })
  code: string;

  /** The publishing body's name, e.g. 根河市民政局. */
  @IsString() @IsNotEmpty() @MaxLength(200)
  name: string;
}
