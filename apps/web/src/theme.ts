import type { ThemeConfig } from 'antd';

// antd's tokens follow styles.css: system Chinese fonts only (no font service on closed networks), 政务红 as the
// primary colour, the same line height as official documents on screen.
export const THEME: ThemeConfig = {
  token: {
    fontFamily: '"PingFang SC", "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif',
    colorPrimary: '#b3261e',
    colorLink: '#1d5fbf',
    colorText: '#1f2329',
    // antd's default secondary grey (#00000073) falls below WCAG AA contrast on white; axe counts that as serious
    colorTextDescription: '#5c6370',
    colorTextPlaceholder: '#6b7280',
    // status colours dark enough for text on their light backgrounds (tags, alerts): antd's defaults (#52c41a,
    // #faad14) fall below 4.5:1, which axe's color-contrast rule reports as serious
    colorSuccess: '#1e7b34',
    colorWarning: '#9a5b00',
    colorError: '#b3261e',
    colorInfo: '#1d5fbf',
    borderRadius: 6,
    fontSize: 16,
    // the same height as the native selects and buttons beside them (styles.css), so a filter row lines up
    controlHeight: 42,
    colorBorder: '#b8bec8',
  },
  components: {
    // the calendar's days of the previous and next month are drawn in the "disabled" grey (#00000040, 1.8:1 on
    // white), which axe reports as serious; this grey still sets them apart from the month's own days (#1f2329)
    DatePicker: { colorTextDisabled: '#6b7280' },
  },
};
