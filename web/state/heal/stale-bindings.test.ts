import { describe, expect, it } from 'vitest';
import { pauseFixture } from '../../../test/pause-fixtures.ts';
import { staleBindings, staleBindingWarnings } from './stale-bindings.ts';

const SOURCE = 'import re\nfor line in ["a=1", "bad"]:\n    m = re.match(r"(\\w)=(\\d)", line)\n    key, value = m.groups()\n    print(key, value)\n';
const context = () => ({
  ...pauseFixture({
    source: SOURCE,
    line: 4,
    kind: 'Assign',
    type: 'AttributeError',
    message: "'NoneType' object has no attribute 'groups'",
    globals: { line: ['str', "'bad'"], m: ['NoneType', 'None'], key: ['str', "'a'"], value: ['str', "'1'"] },
  }),
  binds: ['key', 'value'],
});

describe('stale bindings', () => {
  it('a skip leaves the names the statement would have bound with their earlier values', () => {
    expect(staleBindings(context(), undefined).kept.map((b) => b.name)).toEqual(['key', 'value']);
    expect(staleBindingWarnings(context(), { action: 'merge' })).toEqual([
      "`key`, `value` keep their values from before line 4 (key = 'a', value = '1'): this heal does not bind them as line 4 would have.",
    ]);
  });

  it('names the heal binds or deletes are fine; names never bound stay unbound', () => {
    expect(staleBindingWarnings(context(), { action: 'merge', set: [{ name: 'key', value: null }], delete: ['value'] })).toEqual([]);
    const fresh = { ...context(), binds: ['key', 'total'] };
    expect(staleBindingWarnings(fresh, { action: 'merge', set: [{ name: 'key', value: 'x' }] })).toEqual([
      '`total` stays unbound: line 4 would have bound it, so a later use raises NameError.',
    ]);
  });

  it('nothing to say when the statement binds nothing', () => {
    expect(staleBindingWarnings({ ...context(), binds: [] }, undefined)).toEqual([]);
    expect(staleBindingWarnings({ ...context(), binds: undefined }, undefined)).toEqual([]);
  });
});
