/**
 * 1.2 MB, 350 KB: as government sites show a file's size beside its name. The same rule as the channels' lists
 * (libs/channels/src/render/render.ts fileSize); the web bundle imports nothing from libs/, so it is kept here too.
 */
export function fileSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** The types the server accepts (ACCEPTED_EXTENSIONS in libs/attachments/src/file-kinds.ts, which checks the bytes);
 * this only narrows the browser's file picker. */
export const ACCEPT = '.pdf,.ofd,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.wps,.et,.dps,.jpg,.jpeg,.png';
