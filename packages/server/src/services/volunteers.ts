/** A volunteer's stored identity, and the lists a signed-in volunteer reads about themselves. @module */
import type { GuestVolunteer, ServiceRecord, ServiceRecordStatus, Signup, SignupStatus } from '@volunteerkit/sdk/schemas';
import { maskResidentId } from '@volunteerkit/sdk/schemas';
import type { Queryable } from '../db/database.js';
import * as q from '../db/queries.js';
import type { VolunteerFields } from '../db/rows.js';
import { toServiceRecord, toSignup } from '../db/rows.js';
import { seal } from '../domain/sealing.js';
import { birthDateFromResidentId } from '../domain/signup-rules.js';
import { keysetPage, type Page, type PageQuery } from './paging.js';

/**
 * The stored form of a guest's identity. A resident ID number is kept masked for everyday use
 * and sealed for an explicit export; its birth date fills in `birthDate` when none was given.
 */
export function volunteerFields(v: GuestVolunteer, sealSecret: string): VolunteerFields {
  const idNumber = v.idNumber?.toUpperCase() ?? null;
  return {
    name: v.name,
    mobile: v.mobile ?? null,
    email: v.email ?? null,
    birthDate: v.birthDate ?? (idNumber ? birthDateFromResidentId(idNumber) : null),
    studentId: v.studentId ?? null,
    employeeId: v.employeeId ?? null,
    idNumberMasked: idNumber ? maskResidentId(idNumber) : null,
    idNumberSealed: idNumber ? seal(idNumber, sealSecret) : null,
    showName: v.showName ?? false,
  };
}

/** The volunteer's sign-ups in the order they were made. */
export function listOwnSignups(
  db: Queryable,
  volunteerId: string,
  query: PageQuery & { opportunityId?: string | undefined; status?: SignupStatus | undefined },
): Promise<Page<Signup>> {
  return keysetPage(query, 'seq',
    (after, limit) => q.listSignupsOfVolunteer(db, volunteerId, { opportunityId: query.opportunityId, status: query.status, afterSeq: after?.key ?? null, limit }),
    (row) => ({ key: row.seq, id: row.id }),
    (rows) => rows.map(toSignup));
}

/** The volunteer's service records, by id. */
export function listOwnServiceRecords(
  db: Queryable,
  volunteerId: string,
  query: PageQuery & { status?: ServiceRecordStatus | undefined; shiftId?: string | undefined },
): Promise<Page<ServiceRecord>> {
  return keysetPage(query, 'id',
    (after, limit) => q.listServiceRecordsOfVolunteer(db, volunteerId, { status: query.status, shiftId: query.shiftId, afterId: after?.id ?? null, limit }),
    (row) => ({ key: 0, id: row.id }),
    (rows) => rows.map(toServiceRecord));
}
