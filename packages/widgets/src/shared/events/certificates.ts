/**
 * The events of `<vk-certificate>` and `<vk-verify>`.
 * A module of their own (the list of every event: `../events.ts`), so that they travel in those
 * widgets' chunks, not in the CDN entry.
 *
 * @module
 */
import { crossesShadowRoots } from './bubbling.js';

// Certificates: <vk-certificate>, <vk-verify>

export interface VkCertificateDetail {
  /** The issued certificate's id (`cer_…`). */
  id: string;
  /** Its number (`VK-2026-000123`). */
  number: string;
}

/** `<vk-certificate>` issued a certificate and the server confirmed it. */
export class VkCertificateEvent extends CustomEvent<VkCertificateDetail> {
  constructor(detail: VkCertificateDetail) {
    super('vk-certificate', { ...crossesShadowRoots, detail });
  }
}

export interface VkVerifyDetail {
  valid: boolean;
  /** Why not, when not valid: `malformed`, `bad_signature`, `unknown_key`, `key_not_valid`, `altered`, `revoked`. */
  reason?: string;
  /** The certificate's number, when its signature held. */
  number?: string;
}

/** `<vk-verify>` finished checking a certificate. */
export class VkVerifyEvent extends CustomEvent<VkVerifyDetail> {
  constructor(detail: VkVerifyDetail) {
    super('vk-verify', { ...crossesShadowRoots, detail });
  }
}
