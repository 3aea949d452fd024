import { strict as assert } from 'node:assert';
import { MAX_RESTARTS, RESTART_WINDOW_MS, RestartPolicy } from '../../../client/src/restartPolicy';

describe('client restart policy after a server crash (restartPolicy.ts)', () => {
  const clock = (): { now: () => number; advance: (ms: number) => void } => {
    let t = 1_000_000;
    return { now: () => t, advance: (ms) => (t += ms) };
  };

  it('is VS Code’s default: 4 restarts within 3 minutes', () => {
    assert.equal(MAX_RESTARTS, 4);
    assert.equal(RESTART_WINDOW_MS, 180_000);
  });

  it('restarts after each of 4 crashes, not after a fifth within 3 minutes', () => {
    const c = clock();
    const policy = new RestartPolicy(MAX_RESTARTS, RESTART_WINDOW_MS, c.now);
    const decisions: boolean[] = [];
    for (let i = 0; i < 5; i++) {
      decisions.push(policy.crashed());
      c.advance(30_000);
    }
    assert.deepEqual(decisions, [true, true, true, true, false]);
    assert.equal(policy.recentCrashes, 5);
  });

  it('forgets crashes older than 3 minutes: a server crashing every minute is always restarted', () => {
    const c = clock();
    const policy = new RestartPolicy(MAX_RESTARTS, RESTART_WINDOW_MS, c.now);
    for (let i = 0; i < 20; i++) {
      assert.ok(policy.crashed(), `crash ${i + 1} one minute after the last is restarted`);
      c.advance(60_000);
    }
    assert.equal(policy.recentCrashes, 4, 'the crashes 0, 1, 2 and 3 minutes ago');
  });

  it('counts a crash exactly 3 minutes old as within the window, as vscode-languageclient does', () => {
    const c = clock();
    const policy = new RestartPolicy(MAX_RESTARTS, RESTART_WINDOW_MS, c.now);
    for (let i = 0; i < 4; i++) assert.ok(policy.crashed());
    c.advance(RESTART_WINDOW_MS);
    assert.equal(policy.crashed(), false, 'five crashes within 3 minutes');
    const later = new RestartPolicy(MAX_RESTARTS, RESTART_WINDOW_MS, c.now);
    for (let i = 0; i < 4; i++) assert.ok(later.crashed());
    c.advance(RESTART_WINDOW_MS + 1);
    assert.equal(later.crashed(), true, 'the first four are more than 3 minutes old');
  });
});
