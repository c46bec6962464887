// What only a real web page can show: the secret-key refusal (window and document exist for
// real), idempotency keys from the page's Web Crypto, and guards across realms (an iframe).
import { expect } from '@open-wc/testing';
import { NotFoundError, VolunteerKitError, createClient, isVolunteerKitError } from '../../src/index.js';
import { randomUUID } from '../../src/internal/uuid.js';

describe('client in a web page (browser)', () => {
  it('refuses a secret key unless dangerouslyAllowBrowser, without echoing the key', () => {
    let thrown: unknown;
    try {
      createClient({ baseUrl: 'https://api.example.com', secretKey: 'sk_test_very_secret' });
    } catch (error) {
      thrown = error;
    }
    expect(VolunteerKitError.is(thrown)).to.equal(true);
    expect((thrown as Error).message).to.match(/secret key must not be used in a web page/);
    expect((thrown as Error).message).not.to.include('sk_test_very_secret');
    expect(() => createClient({ baseUrl: 'https://api.example.com', secretKey: 'sk_test_x', dangerouslyAllowBrowser: true })).not.to.throw();
  });

  it('refuses plain http to anything but localhost', () => {
    expect(() => createClient({ baseUrl: 'http://api.example.com', publishableKey: 'pk_test_x' })).to.throw(/https/);
    expect(() => createClient({ baseUrl: 'http://localhost:8787', publishableKey: 'pk_test_x' })).not.to.throw();
  });

  it('makes v4 UUIDs for idempotency keys', () => {
    const keys = new Set(Array.from({ length: 100 }, () => randomUUID()));
    expect(keys.size).to.equal(100);
    for (const key of keys) expect(key).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('guards recognise an error made in another realm (an iframe)', async () => {
    const frame = document.createElement('iframe');
    document.body.append(frame);
    try {
      const ForeignError = (frame.contentWindow as unknown as { Error: ErrorConstructor }).Error;
      const foreign = new ForeignError('gone');
      foreign.name = 'NotFoundError';
      expect(foreign instanceof Error).to.equal(false);
      expect(NotFoundError.is(foreign)).to.equal(true);
      expect(isVolunteerKitError(foreign)).to.equal(true);
    } finally {
      frame.remove();
    }
  });
});
