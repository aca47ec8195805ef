import { Injectable, Logger, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { DataSource } from 'typeorm';
import { randomBytes } from 'node:crypto';
import { AuditService } from '../../audit/src/index.js';
import { LoginThrottle } from './login-throttle.service.js';
import { DUMMY_HASH, hashPassword, verifyPassword } from './password.js';
import type { Principal, Role } from './roles.js';

interface TokenClaims {
  sub: string;
  username: string;
  roles: Role[];
  dept: string | null;
  tv: number;
  /** Set only on narrow tokens (e.g. the queue board's cookie); the API's bearer check refuses them. */
  scope?: string;
}

/** How many verified tokens are remembered: more than the sessions a deployment has open at once. */
const VERIFIED_TOKENS_MAX = 10_000;

@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name);

  constructor(
    private readonly db: DataSource,
    private readonly jwt: JwtService,
    private readonly audit: AuditService,
    private readonly throttle: LoginThrottle,
  ) {}

  async login(username: string, password: string, ip: string | undefined): Promise<{ accessToken: string; expiresIn: number; user: Omit<Principal, 'kind'> }> {
    await this.throttle.check(username, ip);
    const [row] = await this.db.query(`SELECT * FROM users WHERE username = $1`, [username]);
    const ok = await verifyPassword(row?.password_hash ?? DUMMY_HASH, password);
    if (!row || !ok || row.disabled) {
      await this.throttle.failed(username, ip);
      await this.audit.record({ actor: `user:${username}`, action: 'auth.login_failed', outcome: 'failed', details: { ip } });
      throw new UnauthorizedException('用户名或密码错误');
    }
    const claims: TokenClaims = { sub: row.id, username: row.username, roles: row.roles, dept: row.department_code, tv: row.token_version };
    await this.throttle.succeeded(username);
    const accessToken = await this.jwt.signAsync(claims);
    const decoded = this.jwt.decode(accessToken) as { exp: number; iat: number };
    await this.audit.record({ actor: `user:${username}`, action: 'auth.login', outcome: 'ok', departmentCode: row.department_code, details: { ip } });
    return {
      accessToken,
      expiresIn: decoded.exp - decoded.iat,
      user: { id: row.id, username: row.username, roles: row.roles, departmentCode: row.department_code },
    };
  }

  /**
   * Checks signature and expiry, then that the user still exists, is enabled and has not revoked the token.
   * `scope` must match the token's: a scoped token (a cookie for one page) is never a bearer token, and back.
   */
  async authenticate(token: string, scope?: string): Promise<Principal> {
    const claims = await this.verified(token);
    if (claims.scope !== scope) throw new UnauthorizedException('登录已失效，请重新登录');
    const [row] = await this.db.query(`SELECT id, username, roles, department_code, disabled, token_version FROM users WHERE id = $1`, [claims.sub]);
    if (!row || row.disabled || row.token_version !== claims.tv) throw new UnauthorizedException('登录已失效，请重新登录');
    return { kind: 'user', id: row.id, username: row.username, roles: row.roles, departmentCode: row.department_code };
  }

  /**
   * The token's claims once its signature checked out. A token's signature never changes its answer, so the
   * result is kept (until the token expires) for the tokens in use: profiles showed jsonwebtoken's verify as a
   * tenth of the API's time per publish. Expiry is checked on every call; revocation (token_version, disabled)
   * is checked by the caller against the database, every time.
   */
  private async verified(token: string): Promise<TokenClaims> {
    const now = Date.now() / 1000;
    const hit = this.verifiedTokens.get(token);
    if (hit && hit.exp > now) return hit;
    if (hit) this.verifiedTokens.delete(token);
    let claims: TokenClaims & { exp?: number };
    try {
      claims = await this.jwt.verifyAsync<TokenClaims & { exp?: number }>(token);
    } catch {
      throw new UnauthorizedException('登录已失效，请重新登录');
    }
    if (typeof claims.exp === 'number') {
      // bounded: the oldest entry goes first (a Map iterates in insertion order)
      if (this.verifiedTokens.size >= VERIFIED_TOKENS_MAX) this.verifiedTokens.delete(this.verifiedTokens.keys().next().value!);
      this.verifiedTokens.set(token, claims as TokenClaims & { exp: number });
    }
    return claims;
  }

  private readonly verifiedTokens = new Map<string, TokenClaims & { exp: number }>();

  /**
   * A short-lived token for one purpose, bound to the user's current token version so a password change or a
   * disabled account ends it too.
   */
  async issueScoped(user: Principal, scope: string, ttlSeconds: number): Promise<string> {
    const [row] = await this.db.query(`SELECT token_version FROM users WHERE id = $1`, [user.id]);
    if (!row) throw new UnauthorizedException('登录已失效，请重新登录');
    const claims: TokenClaims = { sub: user.id, username: user.username, roles: user.roles, dept: user.departmentCode, tv: row.token_version, scope };
    return this.jwt.signAsync(claims, { expiresIn: ttlSeconds });
  }

  async createUser(input: { username: string; password: string; roles: Role[]; departmentCode?: string | null; displayName?: string }): Promise<string> {
    const [row] = await this.db.query(
      `INSERT INTO users (username, display_name, password_hash, roles, department_code) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [input.username, input.displayName ?? input.username, await hashPassword(input.password), input.roles, input.departmentCode ?? null],
    );
    return row.id;
  }

  /**
   * Local mode's first start: an admin with BOOTSTRAP_ADMIN_PASSWORD, or a generated password printed once.
   * Does nothing when any user exists, so a restart never resets a password.
   */
  async ensureBootstrapAdmin(password: string | undefined): Promise<void> {
    const [{ count }] = await this.db.query(`SELECT count(*)::int AS count FROM users`);
    if (count > 0) return;
    const chosen = password ?? randomBytes(12).toString('base64url');
    try {
      await this.createUser({ username: 'admin', password: chosen, roles: ['admin'], displayName: '系统管理员' });
    } catch (err) {
      if ((err as { code?: string }).code === '23505') return; // another process created it first
      throw err;
    }
    await this.audit.record({ actor: 'system:bootstrap', action: 'user.created', outcome: 'ok', details: { username: 'admin', roles: ['admin'] } });
    if (!password) this.logger.warn(`created user "admin" with generated password: ${chosen} (shown once; change it after logging in)`);
    else this.logger.log('created user "admin" with the password from BOOTSTRAP_ADMIN_PASSWORD');
  }
}
