import { BadRequestException, Body, Controller, Delete, Get, NotFoundException, Param, Put, Query } from '@nestjs/common';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { CurrentUser, Roles, type Principal } from '../../../../libs/auth/src/index.js';
import { FreshnessRuleError, FreshnessService, ruleProblems, type TargetType } from '../../../../libs/freshness/src/index.js';

export class FreshnessQuery {
  @IsOptional() @IsString() @MaxLength(64)
  department?: string;
}

function targetType(value: string): TargetType {
  if (value === 'column' || value === 'account') return value;
  throw new BadRequestException({ message: 'targetType：须为 column（网站栏目）或 account（渠道账号）', field: 'targetType' });
}

function asHttp(err: unknown): never {
  if (err instanceof FreshnessRuleError) {
    const body = { message: err.message, field: err.field, fields: [{ field: err.field, problem: err.message }] };
    throw err.status === 404 ? new NotFoundException(body) : new BadRequestException(body);
  }
  throw err;
}

/**
 * 更新监测: per website column and per channel account, the last delivered update and the days left under the
 * inspection rules (docs/freshness.md). Everyone signed in may read (their own department's columns unless admin
 * or auditor); only admins change a rule, and every change is audited.
 */
@Controller('freshness')
export class FreshnessController {
  constructor(private readonly freshness: FreshnessService) {}

  @Get()
  async list(@Query() q: FreshnessQuery, @CurrentUser() user: Principal) {
    const all = user.roles.includes('admin') || user.roles.includes('auditor');
    // a mistyped code would otherwise read as "no columns", which looks like a clean bill of health
    if (all && q.department && !(await this.freshness.departmentExists(q.department))) {
      throw new BadRequestException({ message: `department：部门代码“${q.department}”不存在`, field: 'department' });
    }
    return this.freshness.overview(new Date(), all ? q.department : (user.departmentCode ?? ''));
  }

  /** Body {limitDays: number | null, warnDays?: number}. The validation pipe skips a plain object body, so it is checked here. */
  @Put('rules/:targetType/:target')
  @Roles('admin')
  async setRule(@Param('targetType') type: string, @Param('target') target: string, @Body() body: Record<string, unknown>, @CurrentUser() admin: Principal) {
    const t = targetType(type);
    const unknown = Object.keys(body ?? {}).filter((k) => k !== 'limitDays' && k !== 'warnDays');
    const problems = [...ruleProblems(body ?? {}), ...unknown.map((k) => ({ field: k, message: `${k}：不支持的字段（只能设置 limitDays 和 warnDays）` }))];
    if (problems.length) {
      throw new BadRequestException({ message: problems.map((p) => p.message).join('；'), field: problems[0].field, fields: problems.map((p) => ({ field: p.field, problem: p.message })) });
    }
    try {
      const rule = await this.freshness.setRule(t, target, { limitDays: body.limitDays as number | null, warnDays: body.warnDays as number | undefined }, `user:${admin.username}`);
      return { targetType: t, target, rule };
    } catch (err) {
      asHttp(err);
    }
  }

  /** Back to the kind's default. */
  @Delete('rules/:targetType/:target')
  @Roles('admin')
  async resetRule(@Param('targetType') type: string, @Param('target') target: string, @CurrentUser() admin: Principal) {
    const t = targetType(type);
    try {
      return { targetType: t, target, rule: await this.freshness.resetRule(t, target, `user:${admin.username}`) };
    } catch (err) {
      asHttp(err);
    }
  }
}
