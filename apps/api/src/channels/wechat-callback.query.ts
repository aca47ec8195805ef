import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';

/** The query WeChat signs every request to the server URL with (plaintext mode; safe mode adds the last two). */
export class WechatCallbackQuery {
  @Matches(/^[0-9a-fA-F]{40}$/, { message: 'signature must be the 40-character hex SHA-1 WeChat sends' })
  signature: string;

  @Matches(/^\d{1,12}$/, { message: 'timestamp must be unix seconds' })
  timestamp: string;

  @IsString() @MaxLength(64)
  nonce: string;

  @IsOptional() @IsString() @MaxLength(256)
  echostr?: string;

  @IsOptional() @IsString() @MaxLength(128)
  openid?: string;

  @IsOptional() @IsString() @MaxLength(16)
  encrypt_type?: string;

  @IsOptional() @IsString() @MaxLength(64)
  msg_signature?: string;
}
