import { describe, expect, it, vi } from 'vitest';
import { SerialQueue, Startup, connect, disconnect, firstOutcome } from './managed.ts';
import type { WorkerHandle } from './worker-handle.ts';

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('SerialQueue', () => {
  it('runs tasks one at a time in call order; a failed task does not hold up the next', async () => {
    const queue = new SerialQueue();
    const order: string[] = [];
    let release!: () => void;
    const first = queue.run(
      () =>
        new Promise<string>((resolve) => {
          order.push('a starts');
          release = () => resolve('a');
        }),
    );
    const second = queue.run(async () => {
      order.push('b starts');
      throw new Error('b failed');
    });
    const third = queue.run(async () => {
      order.push('c starts');
      return 'c';
    });
    await tick();
    expect(order).toEqual(['a starts']);
    release();
    expect(await first).toBe('a');
    await expect(second).rejects.toThrow('b failed');
    expect(await third).toBe('c');
    expect(order).toEqual(['a starts', 'b starts', 'c starts']);
  });
});

describe('Startup', () => {
  it('starts once until forgotten', async () => {
    const begin = vi.fn(async () => 'ready');
    const startup = new Startup(begin);
    expect(await startup.get()).toBe('ready');
    expect(await startup.get()).toBe('ready');
    expect(begin).toHaveBeenCalledTimes(1);
    startup.forget();
    await startup.get();
    expect(begin).toHaveBeenCalledTimes(2);
  });

  it('forgets a failed start (and cleans up) so the next get() tries afresh', async () => {
    const failed = vi.fn();
    let attempt = 0;
    const startup = new Startup(async () => {
      attempt += 1;
      if (attempt === 1) throw new Error('load timeout');
      return attempt;
    }, failed);
    await expect(startup.get()).rejects.toThrow('load timeout');
    await tick();
    expect(failed).toHaveBeenCalledTimes(1);
    expect(await startup.get()).toBe(2);
  });

  it('a failure of a start that was already forgotten cleans nothing up', async () => {
    const failed = vi.fn();
    let reject!: (error: Error) => void;
    const startup = new Startup(
      () =>
        new Promise<never>((_, r) => {
          reject = r;
        }),
      failed,
    );
    const old = startup.get();
    startup.forget();
    reject(new Error('late'));
    await expect(old).rejects.toThrow('late');
    expect(failed).not.toHaveBeenCalled();
  });
});

describe('firstOutcome', () => {
  it('settles with the first outcome; later ones do not run', async () => {
    const late = vi.fn(() => 'late');
    const result = await firstOutcome(
      0,
      () => 'limit',
      (win) => {
        win(() => 'first');
        win(late);
      },
    );
    expect(result).toBe('first');
    expect(late).not.toHaveBeenCalled();
  });

  it('past the limit the limit wins, and a throwing outcome rejects', async () => {
    vi.useFakeTimers();
    try {
      const limited = firstOutcome(
        1_000,
        () => {
          throw new Error('too slow');
        },
        () => {},
      );
      vi.advanceTimersByTime(1_000);
      await expect(limited).rejects.toThrow('too slow');
      const answered = firstOutcome(
        1_000,
        () => 'limit',
        (win) => {
          setTimeout(() => win(() => 'answer'), 999);
        },
      );
      vi.advanceTimersByTime(5_000);
      expect(await answered).toBe('answer');
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('connect and disconnect', () => {
  it("listens for the worker's exit from the start; disconnect terminates it", () => {
    const exits: ((reason: string) => void)[] = [];
    const terminate = vi.fn();
    const handle: WorkerHandle = {
      endpoint: { postMessage: () => {}, addEventListener: () => {}, removeEventListener: () => {} },
      terminate,
      onExit: (listener) => void exits.push(listener),
    };
    const lost = vi.fn();
    const connected = connect(() => handle, lost);
    expect(exits).toHaveLength(1);
    exits[0]!('exit code 1');
    expect(lost).toHaveBeenCalledWith('exit code 1');
    disconnect(connected);
    expect(terminate).toHaveBeenCalledTimes(1);
  });
});
