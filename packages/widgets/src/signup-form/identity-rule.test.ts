/** Which identity fields the form asks for, guest or signed in (the rule in identity-rule.ts). */
import { expect } from '@open-wc/testing';
import type { IdentityField, VolunteerProfile } from '@volunteerkit/sdk/schemas';
import { bodyContextFor, identityFieldsFor } from './identity-rule.js';

const open = { requirements: {} };
const ageLimited = { requirements: { minAge: 16 } };
const channel = (identityFields: IdentityField[]) => ({ identityFields });
const profile = (overrides: Partial<VolunteerProfile> = {}) => ({ name: '李小华', displayName: '李*华', birthDateOnFile: false, ...overrides }) as VolunteerProfile;

describe('identity-rule', () => {
  it('asks a guest for a name always, then what the channel asks for, in display order', () => {
    expect(identityFieldsFor({ opportunity: open, channel: channel(['studentId']), profile: null, hasSession: false })).to.deep.equal(['name', 'studentId']);
    expect(identityFieldsFor({ opportunity: open, channel: channel(['idNumber', 'mobile', 'name']), profile: null, hasSession: false }))
      .to.deep.equal(['name', 'mobile', 'idNumber']);
  });

  it('asks a guest for a birth date on an age-limited activity, unless an ID number carries it', () => {
    expect(identityFieldsFor({ opportunity: ageLimited, channel: channel(['name', 'mobile']), profile: null, hasSession: false })).to.deep.equal(['name', 'mobile', 'birthDate']);
    expect(identityFieldsFor({ opportunity: ageLimited, channel: channel(['name', 'idNumber']), profile: null, hasSession: false })).to.deep.equal(['name', 'idNumber']);
  });

  it('asks a signed-in volunteer only for a birth date the age limit needs and the profile lacks', () => {
    const signedIn = { channel: channel(['name', 'mobile']), hasSession: true };
    expect(identityFieldsFor({ ...signedIn, opportunity: open, profile: profile() })).to.deep.equal([]);
    expect(identityFieldsFor({ ...signedIn, opportunity: ageLimited, profile: profile() })).to.deep.equal(['birthDate']);
    expect(identityFieldsFor({ ...signedIn, opportunity: ageLimited, profile: profile({ birthDateOnFile: true }) })).to.deep.equal([]);
  });

  it('sends a signed-in volunteer under their name, else the name the platform shows', () => {
    expect(bodyContextFor('opp_1', '2026-09', true, profile()).sessionName).to.equal('李小华');
    expect(bodyContextFor('opp_1', '2026-09', true, profile({ name: null as never })).sessionName).to.equal('李*华');
    expect(bodyContextFor('opp_1', '2026-09', false, null)).to.deep.equal({ opportunityId: 'opp_1', policyVersion: '2026-09', hasSession: false });
  });
});
