/**
 * Errors as RFC 9457 problem details. Handlers throw `ApiError`; the app's error handler turns
 * it (and anything unexpected) into `application/problem+json` with `code` and `requestId`.
 */
import type { ErrorCode, FieldError } from '@volunteerkit/sdk/schemas';
import type { Context } from 'hono';
import { DomainError, type DomainErrorKind } from '../services/errors.js';
import type { AppEnv } from './context.js';


const TITLES: Record<ErrorCode, { en: string; 'zh-CN': string; 'zh-TW': string }> = {
  bad_request: { en: 'Bad request', 'zh-CN': '请求有误', 'zh-TW': '請求有誤' },
  validation_failed: { en: 'Some fields are not valid', 'zh-CN': '部分内容填写有误', 'zh-TW': '部分內容填寫有誤' },
  unauthorized: { en: 'Not authenticated', 'zh-CN': '未通过身份验证', 'zh-TW': '未通過身分驗證' },
  secret_key_required: { en: 'A secret key is required', 'zh-CN': '需要使用密钥', 'zh-TW': '需要使用密鑰' },
  forbidden: { en: 'Not allowed', 'zh-CN': '没有权限', 'zh-TW': '沒有權限' },
  origin_not_allowed: { en: 'This website may not use this key', 'zh-CN': '此网站无权使用该密钥', 'zh-TW': '此網站無權使用該密鑰' },
  not_found: { en: 'Not found', 'zh-CN': '未找到', 'zh-TW': '未找到' },
  method_not_allowed: { en: 'Method not allowed', 'zh-CN': '不支持该请求方法', 'zh-TW': '不支援該請求方法' },
  conflict: { en: 'Conflict', 'zh-CN': '操作冲突', 'zh-TW': '操作衝突' },
  duplicate_signup: { en: 'Already signed up', 'zh-CN': '您已报名该班次', 'zh-TW': '您已報名該班次' },
  idempotency_key_reused: { en: 'Idempotency key reused with a different request', 'zh-CN': '幂等键已用于其他请求', 'zh-TW': '冪等鍵已用於其他請求' },
  signup_closed: { en: 'Sign-up is not open', 'zh-CN': '当前不在报名时间内', 'zh-TW': '目前不在報名時間內' },
  requirements_not_met: { en: 'Requirements not met', 'zh-CN': '不符合报名条件', 'zh-TW': '不符合報名條件' },
  payload_too_large: { en: 'Request body too large', 'zh-CN': '请求内容过大', 'zh-TW': '請求內容過大' },
  unsupported_media_type: { en: 'Unsupported content type', 'zh-CN': '不支持的内容类型', 'zh-TW': '不支援的內容類型' },
  rate_limited: { en: 'Too many requests', 'zh-CN': '请求过于频繁', 'zh-TW': '請求過於頻繁' },
  internal_error: { en: 'Something went wrong on our side', 'zh-CN': '服务器内部错误', 'zh-TW': '伺服器內部錯誤' },
};

export type ProblemLocale = 'en' | 'zh-CN' | 'zh-TW';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    detail: string,
    readonly extra: { errors?: FieldError[]; existing?: unknown; headers?: Record<string, string> } = {},
  ) {
    super(detail);
    this.name = 'ApiError';
  }
}

export const badRequest = (detail: string) => new ApiError(400, 'bad_request', detail);
export const notFound = (what: string) => new ApiError(404, 'not_found', `${what} was not found.`);
export const validationFailed = (errors: FieldError[], detail = 'Some fields are not valid; see errors.') =>
  new ApiError(422, 'validation_failed', detail, { errors });

/** The status and problem code of each kind of domain error. */
const DOMAIN_ERRORS: Record<DomainErrorKind, { status: number; code: ErrorCode }> = {
  not_found: { status: 404, code: 'not_found' },
  invalid: { status: 422, code: 'validation_failed' },
  requirements_not_met: { status: 422, code: 'requirements_not_met' },
  signup_closed: { status: 409, code: 'signup_closed' },
  duplicate_signup: { status: 409, code: 'duplicate_signup' },
  conflict: { status: 409, code: 'conflict' },
  unauthorized: { status: 401, code: 'unauthorized' },
  forbidden: { status: 403, code: 'forbidden' },
  idempotency_key_reused: { status: 422, code: 'idempotency_key_reused' },
  rate_limited: { status: 429, code: 'rate_limited' },
};

/**
 * Maps anything thrown to an API error: domain errors by kind; database complaints about values
 * are the client's fault; anything else is ours.
 */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof DomainError) {
    const { status, code } = DOMAIN_ERRORS[error.kind];
    const { retryAfterSeconds, ...details } = error.details;
    return new ApiError(status, code, error.message, retryAfterSeconds === undefined ? details : { ...details, headers: { 'Retry-After': String(retryAfterSeconds) } });
  }
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) {
    if (code === '23505') return new ApiError(409, 'conflict', 'This conflicts with an existing record.');
    if (code.startsWith('22')) return new ApiError(400, 'bad_request', 'A value in the request is out of range or malformed.');
  }
  return new ApiError(500, 'internal_error', 'Something went wrong on our side; the request id helps us find out what.');
}

/** The problem details of `error` for this request, as sent. */
export function problemText(c: Context<AppEnv>, error: ApiError): string {
  return JSON.stringify(problemBody(error, c.get('requestId') ?? 'unknown', c.get('locale') ?? 'zh-CN', c.req.path));
}

/** Sends `error` as problem details. */
export function problemResponse(c: Context<AppEnv>, error: ApiError): Response {
  return c.body(problemText(c, error), error.status as 400, {
    ...error.extra.headers,
    'Content-Type': 'application/problem+json; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Language': c.get('locale') ?? 'zh-CN',
  });
}

export function problemBody(error: ApiError, requestId: string, locale: ProblemLocale, instance: string) {
  return {
    type: `https://volunteerkit.dev/problems/${error.code}`,
    title: TITLES[error.code][locale],
    status: error.status,
    detail: error.message,
    instance,
    code: error.code,
    requestId,
    ...(error.extra.errors ? { errors: error.extra.errors } : {}),
    ...(error.extra.existing !== undefined ? { existing: error.extra.existing } : {}),
  };
}

/** The locale of human text in errors: `?locale=`, else `Accept-Language`, else Simplified Chinese. */
export function negotiateLocale(queryLocale: string | undefined, acceptLanguage: string | undefined): ProblemLocale {
  const pick = (tag: string): ProblemLocale | null => {
    const t = tag.trim().toLowerCase();
    if (t === 'zh-tw' || t === 'zh-hk' || t === 'zh-hant' || t.startsWith('zh-hant')) return 'zh-TW';
    if (t.startsWith('zh')) return 'zh-CN';
    if (t.startsWith('en')) return 'en';
    return null;
  };
  if (queryLocale) {
    const fromQuery = pick(queryLocale);
    if (fromQuery) return fromQuery;
  }
  for (const part of (acceptLanguage ?? '').split(',')) {
    const found = pick(part.split(';')[0] ?? '');
    if (found) return found;
  }
  return 'zh-CN';
}
