/** Turning a validated guest identity into the columns stored for a volunteer. @module */
import type { GuestVolunteer } from '@volunteerkit/sdk/schemas';
import { maskResidentId } from '@volunteerkit/sdk/schemas';
import type { VolunteerFields } from '../db/queries.js';
import { seal } from '../domain/sealing.js';
import { birthDateFromResidentId } from '../domain/signup-rules.js';

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
