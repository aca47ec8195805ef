import { createParamDecorator, SetMetadata } from '@nestjs/common';
export const PUBLIC_KEY = 'gkd:public';
export const ROLES_KEY = 'gkd:roles';
/** Reachable without a token (health, login). Every other route needs one: the guard is global. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);
/** Any of these roles may call the route; `admin` may call every route. */
export const Roles = (...roles) => SetMetadata(ROLES_KEY, roles);
export const CurrentUser = createParamDecorator((_data, ctx) => {
    return ctx.switchToHttp().getRequest().user;
});
