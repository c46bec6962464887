/** Organizations (志愿服务组织) that publish opportunities. @module */
import * as z from 'zod/mini';
import { HttpUrl, OrganizationId, RegionCode, pageOf, pageParams, timestamps } from './common.js';

export const OrganizationKind = z.enum([
  'volunteer_org',
  'charity',
  'community',
  'school',
  'enterprise',
  'media',
  'public_service',
]);
export type OrganizationKind = z.infer<typeof OrganizationKind>;

export const Organization = z.object({
  id: OrganizationId,
  name: z.string().check(z.minLength(1), z.maxLength(100)),
  kind: OrganizationKind,
  regionCode: RegionCode,
  logoUrl: z.nullable(HttpUrl),
  description: z.string().check(z.maxLength(2000)),
  verified: z.boolean(),
  ...timestamps,
});
export type Organization = z.infer<typeof Organization>;

export const OrganizationPage = pageOf(Organization);
export type OrganizationPage = z.infer<typeof OrganizationPage>;

/** Query of `GET /v1/organizations`. */
export const ListOrganizationsQuery = z.object({
  q: z.optional(z.string().check(z.maxLength(100))),
  kind: z.optional(OrganizationKind),
  regionCode: z.optional(RegionCode),
  ...pageParams,
});
export type ListOrganizationsQuery = z.input<typeof ListOrganizationsQuery>;
