import { deliveryErrorText } from '../lib/delivery-error';

/**
 * 原因：a delivery's last error in Chinese, with the stored wording folded under 技术细节 when the page translated it
 * (staff checking with the remote's operator quote that).
 */
export function DeliveryError({ text, className = 'delivery-error' }: { text: string; className?: string }) {
  const { zh, raw } = deliveryErrorText(text);
  return (
    <div className={className}>
      <span className="label">原因：</span>
      {zh}
      {raw && (
        <details className="delivery-error-raw">
          <summary>技术细节</summary>
          <code>{raw}</code>
        </details>
      )}
    </div>
  );
}
