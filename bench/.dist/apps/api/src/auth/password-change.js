import { BadRequestException } from '@nestjs/common';
import { hashPassword, verifyPassword } from '../../../../libs/auth/src/index.js';
/**
 * Sets a new password and bumps the user's token_version, which ends every session signed with the old one —
 * on other devices too. The caller gets a fresh token by logging in with the new password.
 */
export async function changePassword(db, audit, user, currentPassword, newPassword) {
    const [row] = await db.query(`SELECT password_hash FROM users WHERE id = $1`, [user.id]);
    if (!row || !(await verifyPassword(row.password_hash, currentPassword))) {
        await audit.record({ actor: `user:${user.username}`, action: 'auth.password_change_failed', departmentCode: user.departmentCode, outcome: 'failed', details: { reason: 'wrong current password' } });
        throw new BadRequestException({ message: '当前密码不正确', field: 'currentPassword' });
    }
    if (currentPassword === newPassword)
        throw new BadRequestException({ message: '新密码不能与当前密码相同', field: 'newPassword' });
    const hash = await hashPassword(newPassword);
    await db.transaction(async (m) => {
        await m.query(`UPDATE users SET password_hash = $2, token_version = token_version + 1, updated_at = now() WHERE id = $1`, [user.id, hash]);
        await audit.append(m, { actor: `user:${user.username}`, action: 'auth.password_changed', departmentCode: user.departmentCode, outcome: 'ok', details: { sessionsEnded: true } });
    });
}
