/**
 * The claims of a certificate as a definition list, shared by `<vk-certificate>` (what is printed)
 * and `<vk-verify>` (what was proven), so both say the same things in the same words.
 *
 * @module
 */
import { html, type TemplateResult } from 'lit';
import type { CertificateClaims } from '@volunteerkit/sdk';
import { formatDate, formatNumber, type VkLocale } from '../shared/i18n.js';

export interface ClaimLabels {
  number: string;
  name: string;
  hours: string;
  hoursValue: (p: { hours: number }) => string;
  records: string;
  period: string;
  issuer: string;
  issuedAt: string;
}

/** Days are written as the calendar days they are (no time zone shift). */
const day = (locale: VkLocale, isoDay: string) => formatDate(locale, `${isoDay}T12:00:00Z`, 'UTC', { year: 'numeric', month: 'long', day: 'numeric' });

export function renderClaims(locale: VkLocale, labels: ClaimLabels, claims: CertificateClaims): TemplateResult {
  return html`<dl part="claims" class="claims">
    <div><dt>${labels.number}</dt><dd part="number" class="number">${claims.number}</dd></div>
    <div><dt>${labels.name}</dt><dd part="name">${claims.name}</dd></div>
    <div><dt>${labels.hours}</dt><dd part="hours" class="hours">${labels.hoursValue({ hours: claims.hours })}</dd></div>
    <div><dt>${labels.records}</dt><dd>${formatNumber(locale, claims.records)}</dd></div>
    <div><dt>${labels.period}</dt><dd><time datetime=${claims.from}>${day(locale, claims.from)}</time> – <time datetime=${claims.to}>${day(locale, claims.to)}</time></dd></div>
    <div><dt>${labels.issuer}</dt><dd>${claims.iss}</dd></div>
    <div><dt>${labels.issuedAt}</dt><dd><time datetime=${new Date(claims.iat * 1000).toISOString()}>${formatDate(locale, new Date(claims.iat * 1000), 'Asia/Shanghai')}</time></dd></div>
  </dl>`;
}

/**
 * The claims a JWS carries, read without checking the signature (for showing one's own
 * certificate; `<vk-verify>` checks). `null` when it is not a readable JWS.
 */
export function readClaims(jws: string): CertificateClaims | null {
  const payload = jws.split('.')[1];
  if (!payload) return null;
  try {
    const binary = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    const claims = JSON.parse(new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)))) as CertificateClaims;
    return typeof claims.number === 'string' && typeof claims.hours === 'number' ? claims : null;
  } catch {
    return null;
  }
}
