import { expect } from '@open-wc/testing';
import { withGlobal, type Clock } from '@sinonjs/fake-timers';
import type { Signup } from '@volunteerkit/sdk/schemas';
import { UNDO_WINDOW_MS, UndoCancel, type UndoCancelState } from './undo-cancel.js';

const signup = { id: 'sgn_test00001', reference: 'VK-7F3K2Q', status: 'approved' } as Signup;
const cancelled = { ...signup, status: 'cancelled' } as Signup;

function setUp(send: () => Promise<Signup> = () => Promise.resolve(cancelled)) {
  clock = withGlobal(globalThis).createClock();
  const states: UndoCancelState[] = [];
  const keys: string[] = [];
  const undo = new UndoCancel({
    send: (_signup, { idempotencyKey }) => (keys.push(idempotencyKey), send()),
    onStateChange: (state) => states.push(state),
    clock,
  });
  return { undo, states, keys };
}

/** Lets the send's promise settle (microtasks only: no timer is involved). */
const settle = () => Promise.resolve().then(() => Promise.resolve());

/** The window's own clock, injected: it moves only when a test ticks. */
let clock: Clock;

describe('UndoCancel', () => {
  it('sends nothing during the window, counts the seconds down, then sends once', async () => {
    const { undo, states, keys } = setUp();
    undo.request(signup);
    expect(undo.state).to.deep.equal({ phase: 'pending', signup, secondsLeft: 5 });
    clock.tick(1000);
    expect(undo.state).to.deep.include({ phase: 'pending', secondsLeft: 4 });
    clock.tick(UNDO_WINDOW_MS - 1001);
    expect(keys).to.have.length(0);
    clock.tick(1);
    expect(undo.state.phase).to.equal('sending');
    await settle();
    expect(undo.state).to.deep.equal({ phase: 'done', signup, cancelled });
    expect(keys).to.have.length(1);
    expect(states.map((s) => s.phase)).to.deep.equal(['pending', 'pending', 'pending', 'pending', 'pending', 'sending', 'done']);
  });

  it('undo within the window sends nothing, ever', async () => {
    const { undo, keys } = setUp();
    undo.request(signup);
    clock.tick(UNDO_WINDOW_MS - 1);
    expect(undo.undo()).to.equal(true);
    clock.tick(60_000);
    await settle();
    expect(keys).to.have.length(0);
    expect(undo.state.phase).to.equal('idle');
    expect(undo.undo()).to.equal(false);
  });

  it('a reset (the reader left) during the window drops the cancel', async () => {
    const { undo, keys } = setUp();
    undo.request(signup);
    clock.tick(2000);
    undo.reset();
    clock.tick(60_000);
    await settle();
    expect(keys).to.have.length(0);
  });

  it('a failed cancel is retried with the same idempotency key; a new cancel gets a new one', async () => {
    let fail = true;
    const { undo, keys } = setUp(() => (fail ? Promise.reject(new Error('503')) : Promise.resolve(cancelled)));
    undo.request(signup);
    clock.tick(UNDO_WINDOW_MS);
    await settle();
    expect(undo.state.phase).to.equal('failed');
    fail = false;
    undo.retry();
    await settle();
    expect(undo.state.phase).to.equal('done');
    expect(keys).to.have.length(2);
    expect(keys[1]).to.equal(keys[0]);

    undo.request({ ...signup, id: 'sgn_test00002' } as Signup);
    clock.tick(UNDO_WINDOW_MS);
    await settle();
    expect(keys[2]).not.to.equal(keys[0]);
  });

  it('a second request during the window changes nothing (one cancel at a time)', () => {
    const { undo } = setUp();
    undo.request(signup);
    clock.tick(3000);
    undo.request({ ...signup, id: 'sgn_test00002' } as Signup);
    expect(undo.state).to.deep.include({ phase: 'pending', signup, secondsLeft: 2 });
  });
});
