import type { Locale } from 'antd/es/locale';
import zhCN from 'antd/es/locale/zh_CN';

/**
 * antd's zh-CN, with one change for screen readers: the calendar's header buttons show 「2026年」「12月」 but were
 * named 选择年份 / 选择月份 by aria-label, so a person who says what they see (voice control) could not reach them
 * and a screen reader did not read the year shown (axe: label-content-name-mismatch, serious). Without the
 * aria-label (emptied) each button is named by its text.
 */
// (an empty aria-label counts as none when a browser names an element; antd's type wants a string)
const lang = { ...zhCN.DatePicker!.lang, yearSelect: '', monthSelect: '', decadeSelect: '' };

export const LOCALE: Locale = { ...zhCN, DatePicker: { ...zhCN.DatePicker!, lang } };
