import { expect } from '@open-wc/testing';
import { CreateSignupBody } from '@volunteerkit/sdk/schemas';
import {
  signupWindow, buildBody, emptyValues, fieldKeyForPath, fieldKeys, mapFieldErrors, validateField, validateForm,
  loadValidation, validationLoaded,
  type FormSpec, type FormValues,
} from './form-model.js';

const spec: FormSpec = {
  identityFields: ['name', 'mobile', 'idNumber'],
  questions: [
    { id: 'q_tshirt', label: 'T-shirt size', kind: 'choice', required: true, options: ['S', 'M', 'L'] },
    { id: 'q_langs', label: 'Languages', kind: 'multi', required: false, options: ['zh', 'en'] },
    { id: 'q_note', label: 'Anything else?', kind: 'text', required: false },
  ],
  shiftIds: ['shf_morning1'],
};
const context = { opportunityId: 'opp_test1', policyVersion: '2026-01', hasSession: false };

function validValues(): FormValues {
  return {
    shiftId: 'shf_morning1',
    volunteer: { name: ' 王小明 ', mobile: '13812345678', idNumber: '11010519491231002x' },
    answers: { q_tshirt: 'M', q_langs: [], q_note: '  ' },
    consent: true,
    showName: false,
  };
}

// Runs first (mocha keeps file order; each test file gets a fresh page, so nothing has loaded).
describe('form model before the schemas have loaded', () => {
  it('checks required fields and consent, and leaves formats to the schemas once they arrive', async () => {
    expect(validationLoaded()).to.equal(false);
    const values = { ...validValues(), volunteer: { name: '', mobile: '12345', idNumber: '11010519491231002x' }, consent: false };
    const early = validateForm(values, spec, context).fields;
    expect([...early.keys()]).to.deep.equal(['volunteer.name', 'consent']);

    await loadValidation();
    expect(validationLoaded()).to.equal(true);
    const full = validateForm(values, spec, context).fields;
    expect(full.get('volunteer.mobile')?.code).to.equal('invalid_mobile');
  });
});

describe('form model', () => {
  before(() => loadValidation());

  it('lists fields in display order: shift, identity, questions, consent', () => {
    expect(fieldKeys(spec)).to.deep.equal([
      'shiftId', 'volunteer.name', 'volunteer.mobile', 'volunteer.idNumber',
      'answers.q_tshirt', 'answers.q_langs', 'answers.q_note', 'consent',
    ]);
  });

  it('maps request paths to fields', () => {
    expect(fieldKeyForPath('volunteer.mobile', spec)).to.equal('volunteer.mobile');
    expect(fieldKeyForPath('answers.q_langs.1', spec)).to.equal('answers.q_langs');
    expect(fieldKeyForPath('shiftId', spec)).to.equal('shiftId');
    expect(fieldKeyForPath('consent.accepted', spec)).to.equal('consent');
    expect(fieldKeyForPath('consent.policyVersion', spec)).to.equal(null);
    expect(fieldKeyForPath('volunteer.email', spec)).to.equal(null); // not asked by this channel
    expect(fieldKeyForPath('answers.q_other', spec)).to.equal(null);
    expect(fieldKeyForPath('opportunityId', spec)).to.equal(null);
  });

  it('sorts server errors onto fields in display order, first message per field, the rest unplaced', () => {
    const mapped = mapFieldErrors([
      { path: 'consent.accepted', message: 'must be given to sign up', code: 'invalid_value' },
      { path: 'volunteer.mobile', message: 'taken', code: 'invalid_mobile' },
      { path: 'volunteer.mobile', message: 'second', code: 'other' },
      { path: 'answers.q_tshirt', message: 'pick one', code: 'invalid_value' },
      { path: 'opportunityId', message: 'is closed', code: 'signup_closed' },
    ], spec);
    expect([...mapped.fields.keys()]).to.deep.equal(['volunteer.mobile', 'answers.q_tshirt', 'consent']);
    expect(mapped.fields.get('volunteer.mobile')).to.deep.equal({ code: 'invalid_mobile', message: 'taken' });
    expect(mapped.fields.get('consent')!.code).to.equal('consent_required');
    expect(mapped.unplaced).to.deep.equal([{ code: 'signup_closed', message: 'is closed' }]);
  });

  it('finds nothing wrong with a valid form, and builds a body the contract accepts', () => {
    const values = validValues();
    expect(validateForm(values, spec, context).fields.size).to.equal(0);
    const body = buildBody(values, spec, context);
    expect(body).to.deep.equal({
      opportunityId: 'opp_test1',
      shiftId: 'shf_morning1',
      volunteer: { name: '王小明', mobile: '13812345678', idNumber: '11010519491231002X' },
      answers: { q_tshirt: 'M' },
      consent: { policyVersion: '2026-01', accepted: true },
      source: { widget: 'vk-signup-form' },
    });
    expect(CreateSignupBody.safeParse(body).success).to.equal(true);
  });

  it('reports required fields, schema formats and missing consent with specific codes', () => {
    const values: FormValues = { ...emptyValues(), volunteer: { mobile: '12345', idNumber: '110105194912310021' } };
    const { fields } = validateForm(values, spec, context);
    expect(Object.fromEntries([...fields].map(([k, p]) => [k, p.code]))).to.deep.equal({
      shiftId: 'shift_required',
      'volunteer.name': 'required',
      'volunteer.mobile': 'invalid_mobile',
      'volunteer.idNumber': 'invalid_resident_id',
      'answers.q_tshirt': 'required',
      consent: 'consent_required',
    });
  });

  it('validates one field for blur', () => {
    const values = validValues();
    values.volunteer.mobile = '2381234567';
    expect(validateField('volunteer.mobile', values, spec, context)!.code).to.equal('invalid_mobile');
    expect(validateField('volunteer.name', values, spec, context)).to.equal(null);
  });

  it('sends the honor-board name opt-in only when ticked', () => {
    const values = { ...validValues(), showName: true };
    const body = buildBody(values, spec, context);
    expect(body.volunteer).to.have.property('showName', true);
    expect(CreateSignupBody.safeParse(body).success).to.equal(true);
    expect(buildBody(validValues(), spec, context).volunteer).not.to.have.property('showName');
  });

  it('with a session sends no identity, except a birth date the form asked for, with the profile\'s name', () => {
    const signedIn = { ...context, hasSession: true, sessionName: '李小华' };
    const body = buildBody({ ...validValues(), volunteer: { birthDate: ' 2001-04-09 ' } }, { ...spec, identityFields: ['birthDate'] }, signedIn);
    expect(body.volunteer).to.deep.equal({ name: '李小华', birthDate: '2001-04-09' });
    expect(CreateSignupBody.safeParse(body).success).to.equal(true);
    expect(buildBody(validValues(), { ...spec, identityFields: [] }, signedIn)).not.to.have.property('volunteer');
  });

  it('sends a birth date written the Chinese way as ISO, and names what is wrong with one by the reader\'s clock', () => {
    const withBirthDate = { ...spec, identityFields: ['name', 'birthDate'] as const };
    const onDecember1 = { ...context, today: () => new Date(2026, 11, 1, 12) };
    const values = (birthDate: string) => ({ ...validValues(), volunteer: { name: '王小明', birthDate } });
    const guest = buildBody(values(' 1956年3月8日 '), withBirthDate, onDecember1);
    expect(guest.volunteer).to.deep.include({ birthDate: '1956-03-08' });
    expect(CreateSignupBody.safeParse(guest).success).to.equal(true);
    const signedIn = buildBody(values('2001.4.9'), { ...spec, identityFields: ['birthDate'] }, { ...onDecember1, hasSession: true, sessionName: '李小华' });
    expect(signedIn.volunteer).to.deep.equal({ name: '李小华', birthDate: '2001-04-09' });
    const problem = (birthDate: string) => validateForm(values(birthDate), withBirthDate, onDecember1).fields.get('volunteer.birthDate')?.code;
    expect(problem('1956年3月8日')).to.equal(undefined);
    expect(problem('2026-12-01')).to.equal(undefined);
    expect(problem('2026-12-02')).to.equal('birth_date_future');
    expect(problem('1956-02-30')).to.equal('birth_date_not_real');
    expect(problem('三月八日')).to.equal('birth_date_unreadable');
  });

  it('sends no volunteer with a session', () => {
    const sessionSpec = { ...spec, identityFields: [] };
    const body = buildBody(validValues(), sessionSpec, { ...context, hasSession: true });
    expect(body).not.to.have.property('volunteer');
    expect(validateForm(validValues(), sessionSpec, { ...context, hasSession: true }).fields.size).to.equal(0);
  });

  it('knows when sign-up is open, as the server decides it', () => {
    const now = new Date('2026-11-22T10:00:00+08:00');
    const base = { status: 'recruiting', signupOpensAt: '2026-11-01T00:00:00+08:00', signupClosesAt: '2026-11-27T18:00:00+08:00' };
    expect(signupWindow(base, now)).to.deep.equal({ open: true });
    expect(signupWindow({ ...base, status: 'full' }, now)).to.deep.equal({ open: true }); // the waitlist
    expect(signupWindow({ ...base, signupOpensAt: null, signupClosesAt: null }, now)).to.deep.equal({ open: true });
    expect(signupWindow({ ...base, status: 'cancelled' }, now)).to.deep.equal({ open: false, reason: 'not_recruiting' });
    expect(signupWindow({ ...base, signupOpensAt: '2026-11-25T09:00:00+08:00' }, now))
      .to.deep.equal({ open: false, reason: 'not_open_yet', opensAt: '2026-11-25T09:00:00+08:00' });
    expect(signupWindow({ ...base, signupClosesAt: '2026-11-21T18:00:00+08:00' }, now))
      .to.deep.equal({ open: false, reason: 'closed', closedAt: '2026-11-21T18:00:00+08:00' });
  });
});
