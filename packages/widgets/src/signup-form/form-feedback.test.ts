/**
 * Problem → message without a rendered form: SDK errors are recognized with the SDK's `X.is()`
 * guards, so an error from another copy of the SDK (a plain object with the right `name`, as a
 * second bundle or an iframe would hand over) is treated like one of ours.
 */
import { expect } from '@open-wc/testing';
import { RateLimitError, ValidationError } from '@volunteerkit/sdk';
import type { Question } from '@volunteerkit/sdk/schemas';
import { signupFormMessages } from './signup-form.messages.js';
import { loadErrorText, problemText, retryableText, submissionProblems } from './form-feedback.js';
import { WidgetConfigurationError } from '../shared/errors.js';
import type { FormSpec } from './form-model.js';

const en = signupFormMessages('en');
const questions: Question[] = [{ id: 'q_tshirt', label: 'T-shirt size', kind: 'choice', required: true, options: ['S', 'M'] }];
const spec: FormSpec = { identityFields: ['name', 'mobile'], questions, shiftIds: ['shf_1'] };
const problemBody = (status: number, code: string, extra: Record<string, unknown> = {}) =>
  ({ problem: { type: `https://volunteerkit.example/problems/${code}`, title: 'x', status, code, ...extra }, headers: new Headers() }) as never;

describe('form-feedback', () => {
  it('words a field problem by its code, and quotes the label for codes it does not know', () => {
    expect(problemText('volunteer.mobile', { code: 'invalid_mobile', message: 'x' }, en, questions)).to.equal(en.error_invalid_mobile);
    expect(problemText('answers.q_tshirt', { code: 'required', message: 'x' }, en, questions)).to.equal('Answer “T-shirt size”.');
    expect(problemText('volunteer.name', { code: 'required', message: 'x' }, en, questions)).to.equal('Enter full name.');
    expect(problemText('volunteer.mobile', { code: 'new_rule', message: 'is blocked' }, en, questions)).to.equal('Mobile number: is blocked');
  });

  it('puts a 422 on its fields, from this SDK or from another copy of it', () => {
    const errors = [{ path: 'volunteer.mobile', message: 'bad', code: 'invalid_mobile' }, { path: 'source', message: 'odd', code: 'x' }];
    const ours = new ValidationError(problemBody(422, 'validation_failed', { errors }));
    const foreign = { name: 'ValidationError', status: 422, code: 'validation_failed', errors };
    for (const error of [ours, foreign]) {
      const shown = submissionProblems(error, spec, en);
      expect([...shown.fields.keys()]).to.deep.equal(['volunteer.mobile']);
      expect(shown.general).to.deep.equal(['odd']);
    }
    // Not a ValidationError although it has `errors`: its code is what is shown.
    expect(submissionProblems({ name: 'ConflictError', code: 'signup_closed', errors }, spec, en)).to.deep.equal({ fields: new Map(), general: [en.signupClosed] });
  });

  it('tells a rate limit from a server problem, with the wait the server asked for', () => {
    const headers = new Headers({ 'retry-after': '30' });
    const limited = new RateLimitError({ problem: { type: 't', title: 'x', status: 429, code: 'rate_limited' }, headers } as never);
    expect(retryableText(limited, en)).to.equal(en.retryableRateLimited({ seconds: 30 }));
    expect(retryableText({ name: 'RateLimitError', retryAfter: null }, en)).to.equal(en.retryableRateLimited({ seconds: null }));
    expect(retryableText({ name: 'InternalServerError' }, en)).to.equal(en.retryableServer);
  });

  it('offers no retry for a missing activity or a set-up error, and one for the rest', () => {
    expect(loadErrorText({ name: 'NotFoundError' }, 'opp_1', 'en', en)).to.deep.equal({ text: en.notFound, canRetry: false });
    expect(loadErrorText(new WidgetConfigurationError('no opportunity'), undefined, 'en', en)).to.deep.equal({ text: en.missingOpportunity, canRetry: false });
    expect(loadErrorText({ name: 'WidgetConfigurationError' }, 'opp_1', 'en', en).canRetry).to.equal(false);
    expect(loadErrorText({ name: 'InternalServerError' }, 'opp_1', 'en', en).canRetry).to.equal(true);
  });
});
