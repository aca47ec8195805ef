import { Injectable } from '@nestjs/common';
import axios, { isAxiosError } from 'axios';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AdapterError, type AdapterFactory, type ChannelAdapter, type ChannelConfig, type DeliveryContext, type PollOutcome, type SendOutcome } from '../adapter.contract.js';
import { assertPublicTarget } from '../outbound-guard.js';
import { buildArticle, checkLimits, inlineImageSources, replaceImageSources } from './wechat-oa.article.js';
import { SUBMIT_REFUSED_DRAFT, WechatApi } from './wechat-oa.client.js';
import { publishOutcome, verifyCallbackSignature } from './wechat-oa.protocol.js';

export interface WechatOaSettings {
  apiBase: string;
  appId: string;
  appSecret: string;
  callbackToken: string;
  coverImage: string;
  coverMediaId: string;
  author: string;
  contentSourceBaseUrl: string;
  timeoutMs: number;
  allowPrivateNetwork: boolean;
}

/** publish_status 5 (deleted by the account) and 6 (banned): the article was public before. */
const PUBLISHED_THEN_REMOVED = new Set([5, 6]);

/** add_material accepts images up to 10 MB; uploadimg (inline body images) only JPG/PNG "大小必须在1MB以下" (< 1 MB). */
const COVER_MAX_BYTES = 10 * 1024 * 1024;
const INLINE_MAX_BYTES = 1024 * 1024;
const COVER_TYPES: Record<string, string> = { '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.png': 'image/png', '.gif': 'image/gif', '.bmp': 'image/bmp' };

/**
 * 微信公众号: cover as permanent material → draft/add → freepublish/submit, then the result arrives later as a
 * PUBLISHJOBFINISH callback (or through poll()). draft/add and submit are not idempotent, so each step's result
 * is saved in the delivery's state the moment it is known and a retry resumes after the last saved step. After a
 * killed attempt: a submitted publish is looked up, a saved draft is submitted, unless the killed attempt had
 * already started submitting it — then nobody knows whether WeChat took it, and a person decides.
 */
export class WechatOaAdapter implements ChannelAdapter {
  readonly type = 'wechat_oa';
  readonly idempotent = false;
  /** after a killed attempt the saved steps tell what is safe to redo: see send() */
  readonly resumable = true;
  readonly settings: WechatOaSettings;
  readonly api: WechatApi;
  private cover?: Promise<string>;

  constructor(private readonly channel: ChannelConfig) {
    const s = channel.settings;
    this.settings = {
      apiBase: String(s.apiBase ?? 'https://api.weixin.qq.com'),
      appId: String(s.appId ?? ''),
      appSecret: String(s.appSecret ?? ''),
      callbackToken: String(s.callbackToken ?? ''),
      coverImage: String(s.coverImage ?? ''),
      coverMediaId: String(s.coverMediaId ?? ''),
      author: String(s.author ?? ''),
      contentSourceBaseUrl: String(s.contentSourceBaseUrl ?? ''),
      timeoutMs: Number(s.timeoutMs ?? 15000),
      allowPrivateNetwork: s.allowPrivateNetwork === true,
    };
    this.api = new WechatApi(this.settings);
  }

  checkConfig(): string[] {
    const s = this.settings;
    const where = `channel ${this.channel.name}`;
    const problems: string[] = [];
    if (!isHttpUrl(s.apiBase)) problems.push(`${where}: settings.apiBase must be an http(s) URL`);
    if (!s.appId) problems.push(`${where}: settings.appId is required (the official account's AppID)`);
    if (!s.appSecret) problems.push(`${where}: settings.appSecret is required (set it from the environment, e.g. \${WECHAT_OA_APP_SECRET})`);
    if (s.callbackToken && !/^[A-Za-z0-9]{3,32}$/.test(s.callbackToken)) {
      problems.push(`${where}: settings.callbackToken must be 3-32 letters or digits (the Token set in the account's server configuration)`);
    }
    if (!s.coverImage && !s.coverMediaId) problems.push(`${where}: settings.coverImage (an image file) or settings.coverMediaId is required: WeChat news articles need a cover`);
    if (s.coverImage && !s.coverMediaId) {
      const ext = path.extname(s.coverImage).toLowerCase();
      if (!COVER_TYPES[ext]) problems.push(`${where}: settings.coverImage must be a .jpg, .png, .gif or .bmp file`);
      else if (!fs.existsSync(s.coverImage)) problems.push(`${where}: settings.coverImage: file ${s.coverImage} does not exist`);
      else if (fs.statSync(s.coverImage).size > COVER_MAX_BYTES) problems.push(`${where}: settings.coverImage must be at most 10 MB`);
    }
    if (Array.from(s.author).length > 16) problems.push(`${where}: settings.author must be at most 16 characters`);
    if (s.contentSourceBaseUrl && !isHttpUrl(s.contentSourceBaseUrl.replace('{id}', 'x'))) problems.push(`${where}: settings.contentSourceBaseUrl must be an http(s) URL`);
    if (!(s.timeoutMs > 0)) problems.push(`${where}: settings.timeoutMs must be positive`);
    return problems;
  }

  /** The API's callback endpoint asks this whether a request really comes from WeChat. */
  verifyCallback(timestamp: string, nonce: string, signature: string): boolean {
    return !!this.settings.callbackToken && verifyCallbackSignature(this.settings.callbackToken, timestamp, nonce, signature);
  }

  async send(ctx: DeliveryContext): Promise<SendOutcome> {
    const submitted = ctx.delivery.state.publishId;
    if (typeof submitted === 'string' && submitted) {
      const resumed = await this.resumeSubmitted(ctx, submitted);
      if (resumed) return resumed;
    }
    const state = ctx.delivery.state;
    let mediaId = typeof state.draftMediaId === 'string' && state.draftMediaId ? state.draftMediaId : undefined;
    const resumingDraft = !!mediaId;
    if (ctx.delivery.interrupted && mediaId && state.submitStartedAt) {
      // The killed attempt had sent submit and never heard back: WeChat may be publishing it right now.
      throw new AdapterError('上次尝试在提交发布（freepublish/submit）时中断，无法确定微信是否已受理：请在公众号后台核对，已发布则确认送达，未发布则重试', 'unknown_outcome', { step: 'freepublish/submit', draftMediaId: mediaId });
    }
    if (!mediaId) {
      const article = buildArticle(ctx, this.settings);
      const thumbMediaId = await this.coverMediaId(ctx);
      const content = await this.uploadInlineImages(article.content);
      checkLimits({ ...article, content });
      const reply = await this.api.post('draft/add', '/cgi-bin/draft/add', {
        articles: [{
          article_type: 'news',
          title: article.title,
          author: article.author,
          digest: article.digest,
          content,
          content_source_url: article.contentSourceUrl,
          thumb_media_id: thumbMediaId,
          need_open_comment: 0,
          only_fans_can_comment: 0,
        }],
      });
      if (typeof reply.media_id !== 'string' || !reply.media_id) {
        // a draft is not public: creating another one on the retry cannot publish twice
        throw new AdapterError(`微信接口 draft/add 的应答缺少 media_id：${JSON.stringify(reply).slice(0, 200)}`, 'retryable', { step: 'draft/add' });
      }
      mediaId = reply.media_id;
      // before anything else: a crash after this line must resume at submit, never add a second draft
      await ctx.saveState({ draftMediaId: mediaId });
    }

    // marks the point after which a killed attempt cannot tell whether WeChat got the submit
    await ctx.saveState({ submitStartedAt: new Date().toISOString() });
    let reply: Record<string, unknown>;
    try {
      reply = await this.api.post('freepublish/submit', '/cgi-bin/freepublish/submit', { media_id: mediaId }, { uncertain: true });
    } catch (err) {
      if (resumingDraft && err instanceof AdapterError && err.details.errcode === 40007) {
        // The saved draft is gone: the attempt that died most likely submitted it. A person checks the account;
        // forgetting the draft lets a deliberate retry start over with a new one.
        await ctx.saveState({ draftMediaId: null, submitStartedAt: null });
        throw new AdapterError('上次尝试保存的草稿已不存在，可能已提交发布：请在公众号后台核对，已发布则确认送达，未发布则重试（将新建草稿）', 'unknown_outcome', { ...err.details });
      }
      if (err instanceof AdapterError && SUBMIT_REFUSED_DRAFT.has(Number(err.details.errcode))) {
        // WeChat refused this draft for publishing: nothing went out, so a person's retry (after fixing the content
        // or the account) starts from a new draft instead of resubmitting the refused one
        await ctx.saveState({ draftMediaId: null, submitStartedAt: null });
      }
      throw err;
    }
    const publishId = reply.publish_id === undefined || reply.publish_id === null ? '' : String(reply.publish_id);
    if (!publishId) {
      throw new AdapterError(`微信接口 freepublish/submit 的应答缺少 publish_id，无法确认是否已提交发布：${JSON.stringify(reply).slice(0, 200)}`, 'unknown_outcome', { step: 'freepublish/submit' });
    }
    await ctx.saveState({ publishId, msgDataId: reply.msg_data_id ?? null });
    return { status: 'pending', remoteId: publishId, note: '已提交微信发布，等待发布结果（PUBLISHJOBFINISH 回调或轮询）' };
  }

  async poll(ctx: DeliveryContext): Promise<PollOutcome> {
    const publishId = publishIdOf(ctx);
    if (!publishId) return { status: 'failed', error: '缺少 publish_id，无法查询微信发布结果' };
    return publishOutcome(await this.publishStatus(publishId));
  }

  /** freepublish/delete takes every article of the publish down; WeChat cannot undo it. */
  async withdraw(ctx: DeliveryContext): Promise<void> {
    const publishId = publishIdOf(ctx);
    let articleId = ctx.delivery.remoteId && ctx.delivery.remoteId !== publishId ? ctx.delivery.remoteId : '';
    if (!articleId && publishId) articleId = (await this.publishStatus(publishId)).articleId;
    if (!articleId) throw new AdapterError('没有可撤回的微信文章：缺少 article_id（发布可能未成功）', 'permanent', { field: 'remoteId' });
    await this.api.post('freepublish/delete', '/cgi-bin/freepublish/delete', { article_id: articleId, index: 0 });
  }

  /**
   * A publish was submitted by an earlier attempt: ask WeChat how it went. Still running or done → report that;
   * failed before it was public (e.g. rejected by review) → forget it so this retry publishes anew; published and
   * then deleted or banned (5, 6) → permanent, never republished by itself.
   */
  private async resumeSubmitted(ctx: DeliveryContext, publishId: string): Promise<SendOutcome | null> {
    const status = await this.publishStatus(publishId);
    const outcome = publishOutcome(status);
    if (outcome.status === 'pending') return { status: 'pending', remoteId: publishId, note: '微信仍在发布中' };
    if (outcome.status === 'delivered') return { status: 'delivered', remoteId: outcome.remoteId, remoteUrl: outcome.remoteUrl };
    if (PUBLISHED_THEN_REMOVED.has(status.publishStatus)) {
      // It was public: someone deleted it, or WeChat banned it. Publishing it again is a person's decision.
      throw new AdapterError(`${outcome.error}：文章曾经发布，不会自动重新发布；如需重新发布，请核实原因后人工处理`, 'permanent', {
        step: 'freepublish/get', publishId, publishStatus: status.publishStatus,
      });
    }
    const reset = { publishId: null, draftMediaId: null, submitStartedAt: null };
    await ctx.saveState({ ...reset, previousPublish: { publishId, error: outcome.error } });
    ctx.delivery.state = { ...ctx.delivery.state, ...reset };
    return null;
  }

  private async publishStatus(publishId: string): Promise<{ publishStatus: number; articleId: string; articleUrls: string[]; failIdx: number[] }> {
    const reply = await this.api.post('freepublish/get', '/cgi-bin/freepublish/get', { publish_id: publishId });
    const status = Number(reply.publish_status);
    if (reply.publish_status === undefined || !Number.isInteger(status)) {
      throw new AdapterError(`微信接口 freepublish/get 的应答缺少 publish_status：${JSON.stringify(reply).slice(0, 200)}`, 'retryable', { step: 'freepublish/get' });
    }
    const detail = (reply.article_detail ?? {}) as { item?: { idx?: number; article_url?: string }[] };
    const items = Array.isArray(detail.item) ? [...detail.item].sort((a, b) => Number(a.idx) - Number(b.idx)) : [];
    return {
      publishStatus: status,
      articleId: typeof reply.article_id === 'string' ? reply.article_id : '',
      articleUrls: items.map((i) => String(i.article_url ?? '')).filter(Boolean),
      failIdx: Array.isArray(reply.fail_idx) ? reply.fail_idx.map(Number) : [],
    };
  }

  /** Permanent material lives as long as the account: upload the configured cover once per process. */
  private async coverMediaId(ctx: DeliveryContext): Promise<string> {
    if (this.settings.coverMediaId) return this.settings.coverMediaId;
    const saved = ctx.delivery.state.thumbMediaId;
    if (typeof saved === 'string' && saved) return saved;
    this.cover ??= this.uploadCover().catch((err) => {
      this.cover = undefined;
      throw err;
    });
    const id = await this.cover;
    await ctx.saveState({ thumbMediaId: id });
    return id;
  }

  private async uploadCover(): Promise<string> {
    const file = this.settings.coverImage;
    let bytes: Buffer;
    try {
      bytes = await fs.promises.readFile(file);
    } catch (err) {
      throw new AdapterError(`封面图片（settings.coverImage）无法读取：${file}（${(err as Error).message}）`, 'permanent', { field: 'coverImage' });
    }
    const type = COVER_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
    const form = new FormData();
    form.append('media', new Blob([new Uint8Array(bytes)], { type }), path.basename(file));
    const reply = await this.api.post('add_material', '/cgi-bin/material/add_material', form, { query: { type: 'image' } });
    if (typeof reply.media_id !== 'string' || !reply.media_id) {
      throw new AdapterError(`微信接口 add_material 的应答缺少 media_id：${JSON.stringify(reply).slice(0, 200)}`, 'retryable', { step: 'add_material' });
    }
    return reply.media_id;
  }

  /** WeChat shows no images from other hosts: each one goes through uploadimg and its src becomes WeChat's URL. */
  private async uploadInlineImages(html: string): Promise<string> {
    const sources = inlineImageSources(html);
    if (!sources.length) return html;
    const replaced = new Map<string, string>();
    for (const [i, src] of sources.entries()) {
      const image = await this.loadImage(src);
      const form = new FormData();
      form.append('media', new Blob([new Uint8Array(image.bytes)], { type: image.type }), `image-${i + 1}.${image.type === 'image/png' ? 'png' : 'jpg'}`);
      const reply = await this.api.post('uploadimg', '/cgi-bin/media/uploadimg', form);
      if (typeof reply.url !== 'string' || !reply.url) {
        throw new AdapterError(`微信接口 uploadimg 的应答缺少 url：${JSON.stringify(reply).slice(0, 200)}`, 'retryable', { step: 'uploadimg' });
      }
      replaced.set(src, reply.url);
    }
    return replaceImageSources(html, replaced);
  }

  private async loadImage(src: string): Promise<{ bytes: Buffer; type: string }> {
    const label = src.startsWith('data:') ? `${src.slice(0, 30)}…` : src;
    let bytes: Buffer;
    if (src.startsWith('data:')) {
      const m = /^data:[^;,]*(;[^,]*)?,(.*)$/s.exec(src);
      if (!m || !/;base64/i.test(m[1] ?? '')) throw new AdapterError(`正文图片无法解析（仅支持 base64 编码的 data URL）：${label}`, 'permanent', { field: 'body' });
      bytes = Buffer.from(m[2], 'base64');
    } else {
      await assertPublicTarget(src, this.settings.allowPrivateNetwork);
      try {
        const res = await axios.get<ArrayBuffer>(src, {
          responseType: 'arraybuffer', timeout: this.settings.timeoutMs, maxRedirects: 3, maxContentLength: INLINE_MAX_BYTES + 1, validateStatus: () => true,
        });
        if (res.status >= 500) throw new AdapterError(`正文图片下载失败（HTTP ${res.status}）：${label}`, 'retryable', { field: 'body' });
        if (res.status !== 200) throw new AdapterError(`正文图片无法下载（HTTP ${res.status}）：${label}`, 'permanent', { field: 'body' });
        bytes = Buffer.from(res.data);
      } catch (err) {
        if (err instanceof AdapterError) throw err;
        if (isAxiosError(err) && /maxContentLength/.test(err.message)) {
          throw new AdapterError(`正文图片须小于 1 MB，微信不接受：${label}`, 'permanent', { field: 'body' });
        }
        throw new AdapterError(`正文图片下载失败：${label}（${(err as Error).message}）`, 'retryable', { field: 'body' }, { cause: err });
      }
    }
    if (bytes.length >= INLINE_MAX_BYTES) throw new AdapterError(`正文图片须小于 1 MB，微信不接受：${label}`, 'permanent', { field: 'body' });
    const type = bytes[0] === 0x89 && bytes[1] === 0x50 ? 'image/png' : bytes[0] === 0xff && bytes[1] === 0xd8 ? 'image/jpeg' : '';
    if (!type) throw new AdapterError(`正文图片格式不支持（微信正文图片仅支持 JPG/PNG）：${label}`, 'permanent', { field: 'body' });
    return { bytes, type };
  }
}

function publishIdOf(ctx: DeliveryContext): string {
  const saved = ctx.delivery.state.publishId;
  return typeof saved === 'string' && saved ? saved : (ctx.delivery.remoteId ?? '');
}

function isHttpUrl(s: string): boolean {
  try {
    return /^https?:$/.test(new URL(s).protocol);
  } catch {
    return false;
  }
}

@Injectable()
export class WechatOaAdapterFactory implements AdapterFactory {
  readonly type = 'wechat_oa';
  create(channel: ChannelConfig): ChannelAdapter {
    return new WechatOaAdapter(channel);
  }
}
