import { expect } from '@open-wc/testing';
import {
  SubmissionController, classifyError, createIdempotencyKey, fingerprint,
  type NetworkStatus, type SubmissionState,
} from './submission-controller.js';

/** A network whose online state the test sets, and whose `online` event it fires. */
class FakeNetwork implements NetworkStatus {
  online = true;
  listeners = new Set<() => void>();
  isOnline() { return this.online; }
  onOnline(listener: () => void) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  goOnline() {
    this.online = true;
    for (const listener of [...this.listeners]) listener();
  }
}

const named = (name: string, extra: Record<string, unknown> = {}) => Object.assign(new Error(name), { name, ...extra });

interface Sent { body: unknown; idempotencyKey: string }

function setup(responses: Array<() => Promise<unknown>>) {
  const network = new FakeNetwork();
  const sent: Sent[] = [];
  const states: SubmissionState<unknown>[] = [];
  let keys = 0;
  const controller = new SubmissionController<unknown, unknown>({
    network,
    createKey: () => `key-${++keys}`,
    send: (body, { idempotencyKey }) => {
      sent.push({ body, idempotencyKey });
      const next = responses.shift();
      if (!next) throw new Error('unexpected request');
      return next();
    },
    existingFrom: (error) => (error as { existing?: unknown }).existing,
    onStateChange: (state) => states.push(state),
  });
  return { controller, network, sent, states };
}

const body = { opportunityId: 'opp_1111', shiftId: 'shf_1111', volunteer: { name: 'A' } };
const ok = (value: unknown = { id: 'sgn_1111' }) => () => Promise.resolve(value);
const fail = (error: unknown) => () => Promise.reject(error);

describe('SubmissionController', () => {
  it('sends once with a key and reports success', async () => {
    const { controller, sent, states } = setup([ok()]);
    const state = await controller.submit(body);
    expect(state).to.deep.equal({ phase: 'succeeded', result: { id: 'sgn_1111' } });
    expect(sent).to.deep.equal([{ body, idempotencyKey: 'key-1' }]);
    expect(states.map((s) => s.phase)).to.deep.equal(['sending', 'succeeded']);
  });

  it('guards a double click: the second submit joins the first request', async () => {
    let resolve!: (v: unknown) => void;
    const { controller, sent } = setup([() => new Promise((r) => { resolve = r; })]);
    const first = controller.submit(body);
    const second = controller.submit({ ...body });
    expect(controller.busy).to.equal(true);
    resolve({ id: 'sgn_1111' });
    expect(await first).to.equal(await second);
    expect(sent).to.have.length(1);
    await controller.submit(body); // after success too
    expect(sent).to.have.length(1);
  });

  it('retries a retryable failure with the same key', async () => {
    const { controller, sent } = setup([fail(named('InternalServerError', { status: 503 })), fail(named('RateLimitError', { status: 429 })), ok()]);
    expect((await controller.submit(body)).phase).to.equal('retryable');
    expect((await controller.retry()).phase).to.equal('retryable');
    expect((await controller.retry()).phase).to.equal('succeeded');
    expect(sent.map((s) => s.idempotencyKey)).to.deep.equal(['key-1', 'key-1', 'key-1']);
  });

  it('keeps the key for an unchanged body after a definitive failure, and makes a new one for a changed body', async () => {
    const validation = named('ValidationError', { status: 422 });
    const { controller, sent } = setup([fail(validation), fail(validation), ok()]);
    expect(await controller.submit(body)).to.deep.equal({ phase: 'failed', error: validation });
    await controller.submit({ ...body });
    await controller.submit({ ...body, volunteer: { name: 'B' } });
    expect(sent.map((s) => s.idempotencyKey)).to.deep.equal(['key-1', 'key-1', 'key-2']);
  });

  it('treats a conflict as success with the existing sign-up', async () => {
    const existing = { id: 'sgn_first1' };
    const { controller } = setup([fail(named('ConflictError', { status: 409, existing }))]);
    expect(await controller.submit(body)).to.deep.equal({ phase: 'succeeded', result: existing, alreadyExisted: true });
  });

  it('a conflict without the existing resource is a definitive failure', async () => {
    const { controller } = setup([fail(named('ConflictError', { status: 409 }))]);
    expect((await controller.submit(body)).phase).to.equal('failed');
  });

  it('queues without a request while offline and sends exactly once when back online', async () => {
    const { controller, network, sent, states } = setup([ok()]);
    network.online = false;
    expect((await controller.submit(body)).phase).to.equal('queued');
    await controller.submit(body); // a second click while queued
    expect(sent).to.have.length(0);
    network.goOnline();
    network.goOnline(); // a flapping connection fires `online` twice
    await new Promise((r) => setTimeout(r));
    expect(sent).to.have.length(1);
    expect(controller.state.phase).to.equal('succeeded');
    expect(states.map((s) => s.phase)).to.deep.equal(['queued', 'sending', 'succeeded']);
    expect(network.listeners.size).to.equal(0);
  });

  it('queues after a connection error and resends with the same key', async () => {
    const connection = named('ConnectionError');
    const { controller, network, sent } = setup([fail(connection), ok()]);
    expect(await controller.submit(body)).to.deep.equal({ phase: 'queued', error: connection });
    network.goOnline();
    await new Promise((r) => setTimeout(r));
    expect(sent.map((s) => s.idempotencyKey)).to.deep.equal(['key-1', 'key-1']);
    expect(controller.state.phase).to.equal('succeeded');
  });

  it('flush sends a queued submission now, with the same key, and the later online event sends nothing more', async () => {
    const connection = named('ConnectionError');
    const { controller, network, sent } = setup([fail(connection), fail(connection), ok()]);
    network.online = false;
    await controller.submit(body);
    expect(sent).to.have.length(0);
    expect((await controller.flush()).phase).to.equal('queued'); // still no connection: waits again
    expect((await controller.flush()).phase).to.equal('queued');
    expect(network.listeners.size).to.equal(1);
    expect((await controller.flush()).phase).to.equal('succeeded');
    network.goOnline();
    await new Promise((r) => setTimeout(r));
    expect(sent.map((s) => s.idempotencyKey)).to.deep.equal(['key-1', 'key-1', 'key-1']);
    expect(network.listeners.size).to.equal(0);
    expect((await controller.flush()).phase).to.equal('succeeded'); // not queued: nothing to do
    expect(sent).to.have.length(3);
  });

  it('withdraws a queued submission when the person changes the form', async () => {
    const { controller, network, sent } = setup([ok()]);
    network.online = false;
    await controller.submit(body);
    expect(controller.formChanged()).to.equal(true);
    expect(controller.state.phase).to.equal('idle');
    network.goOnline();
    await new Promise((r) => setTimeout(r));
    expect(sent).to.have.length(0);
    expect(controller.formChanged()).to.equal(false);
  });

  it('reset starts a new attempt with a new key', async () => {
    const { controller, sent } = setup([ok(), ok()]);
    await controller.submit(body);
    controller.reset();
    await controller.submit(body);
    expect(sent.map((s) => s.idempotencyKey)).to.deep.equal(['key-1', 'key-2']);
  });
});

describe('classifyError', () => {
  it('sorts the SDK errors by name and status', () => {
    expect(classifyError(named('ConnectionError'))).to.equal('offline');
    expect(classifyError(named('ConflictError', { status: 409 }))).to.equal('conflict');
    expect(classifyError(named('RateLimitError', { status: 429 }))).to.equal('retryable');
    expect(classifyError(named('TimeoutError'))).to.equal('retryable');
    expect(classifyError(named('InternalServerError', { status: 503 }))).to.equal('retryable');
    expect(classifyError(named('ValidationError', { status: 422 }))).to.equal('definitive');
    expect(classifyError(named('NotFoundError', { status: 404 }))).to.equal('definitive');
    expect(classifyError(new TypeError('bug'))).to.equal('retryable');
    expect(classifyError('a string')).to.equal('retryable');
  });
});

describe('idempotency helpers', () => {
  it('makes distinct v4 UUIDs', () => {
    const a = createIdempotencyKey();
    expect(a).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(createIdempotencyKey()).not.to.equal(a);
  });

  it('fingerprints bodies independently of key order', () => {
    expect(fingerprint({ a: 1, b: { c: [1, 2], d: 'x' } })).to.equal(fingerprint({ b: { d: 'x', c: [1, 2] }, a: 1 }));
    expect(fingerprint({ a: 1 })).not.to.equal(fingerprint({ a: 2 }));
  });
});
