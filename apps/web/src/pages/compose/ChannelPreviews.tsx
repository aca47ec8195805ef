import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { ApiError, post } from '../../api/client';
import type { ChannelPreview } from '../../api/types';
import { isBlankHtml } from '../../components/rich-text/body-html';
import { ErrorBanner } from '../../components/ui';

const TABS = [
  ['website', '政府网站'],
  ['wechat', '微信公众号'],
  ['sms', '短信'],
  ['screen', '电子屏'],
  ['weibo', '微博'],
] as const;
type Tab = (typeof TABS)[number][0];

export interface PreviewSource {
  title: string;
  /** HTML */
  body: string;
  summary?: string;
  publisher?: string;
  indexNo?: string;
  attachments?: { filename: string; sizeBytes: number }[];
}

/** Asks the server to render the text per channel (the same sanitizer the adapters use), at most every 0.6 s. */
export function useChannelPreview(src: PreviewSource): { preview: ChannelPreview | null; error: ApiError | null } {
  const [preview, setPreview] = useState<ChannelPreview | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const key = JSON.stringify(src);
  const seq = useRef(0);
  useEffect(() => {
    const n = ++seq.current;
    const t = setTimeout(() => {
      post<ChannelPreview>('/api/web/preview', src).then(
        (p) => {
          if (n === seq.current) {
            setPreview(p);
            setError(null);
          }
        },
        (e) => n === seq.current && setError(e as ApiError),
      );
    }, 600);
    return () => clearTimeout(t);
  }, [key]);
  return { preview, error };
}

/** Tabs of how the text will look on each kind of channel: real tab buttons, arrow keys move between them. */
export function ChannelPreviews({ src }: { src: PreviewSource }) {
  const { preview, error } = useChannelPreview(src);
  const [tab, setTab] = useState<Tab>('website');
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const onKey = (e: KeyboardEvent, i: number) => {
    const d = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (!d) return;
    e.preventDefault();
    const n = (i + d + TABS.length) % TABS.length;
    setTab(TABS[n][0]);
    refs.current[n]?.focus();
  };
  return (
    <section className="channel-previews" aria-label="各渠道预览">
      <h2>各渠道预览</h2>
      <div role="tablist" aria-label="预览渠道" className="tabs">
        {TABS.map(([k, name], i) => (
          <button
            key={k}
            type="button"
            role="tab"
            id={`preview-tab-${k}`}
            aria-selected={tab === k}
            aria-controls={`preview-panel-${k}`}
            tabIndex={tab === k ? 0 : -1}
            ref={(el) => {
              refs.current[i] = el;
            }}
            onClick={() => setTab(k)}
            onKeyDown={(e) => onKey(e, i)}
          >
            {name}
          </button>
        ))}
      </div>
      <ErrorBanner error={error} />
      <div role="tabpanel" id={`preview-panel-${tab}`} aria-labelledby={`preview-tab-${tab}`} className="tab-panel" tabIndex={0}>
        {!preview ? (
          // the preview is asked for 0.6 s after the last keystroke: with text already there, say it is coming
          <p className="hint">{src.title.trim() || !isBlankHtml(src.body) ? '正在生成预览……' : '输入标题和正文后显示预览。'}</p>
        ) : (
          <Panel tab={tab} p={preview} />
        )}
      </div>
    </section>
  );
}

function Panel({ tab, p }: { tab: Tab; p: ChannelPreview }) {
  switch (tab) {
    case 'website':
      return (
        <article className="doc">
          <h1 className="doc-title">{p.website.title || '（无标题）'}</h1>
          <div dangerouslySetInnerHTML={{ __html: p.website.html }} />
        </article>
      );
    case 'wechat':
      return (
        <div className="phone">
          <div className="wechat">
            <h1>{p.wechat.title || '（无标题）'}</h1>
            <p className="wechat-digest">摘要：{p.wechat.digest}</p>
            <div className="doc" dangerouslySetInnerHTML={{ __html: p.wechat.html }} />
          </div>
          <p className={p.wechat.titleChars > p.wechat.titleLimit ? 'counter over' : 'counter'}>
            标题 {p.wechat.titleChars}／{p.wechat.titleLimit} 字；正文 {p.wechat.contentChars}／{p.wechat.contentLimit} 字
          </p>
          {p.wechat.problems.map((x) => (
            <p key={x.message} className="field-error">
              {x.message}
            </p>
          ))}
        </div>
      );
    case 'sms':
      return (
        <div className="phone">
          <div className="sms-bubble" data-testid="sms-text">
            {p.sms.text}
          </div>
          <p className="counter" data-testid="sms-length">
            共 {p.sms.chars} 字，{p.sms.parts === 1 ? `按 1 条计费（${p.sms.singleLimit} 字以内）` : `超过 ${p.sms.singleLimit} 字，拆分为 ${p.sms.parts} 条计费`}
          </p>
          <p className="hint">短信按网关报备的模板发送，链接为示意；实际内容以模板为准。</p>
        </div>
      );
    case 'screen':
      return (
        <div className="screen-board">
          <p className="screen-head">{p.screen.publisher || '公告'}</p>
          <h1>{p.screen.title || '（无标题）'}</h1>
          <div className="screen-text">{p.screen.text}</div>
          {p.screen.indexNo && <p className="screen-foot">索引号：{p.screen.indexNo}</p>}
        </div>
      );
    case 'weibo':
      return (
        <div className="phone">
          <div className="sms-bubble">{p.weibo.text}</div>
          <p className="counter">
            {Array.from(p.weibo.text).length}／{p.weibo.limit} 字（超出部分自动截断）
          </p>
        </div>
      );
  }
}
