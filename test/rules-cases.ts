// Test data (used by the rules tests only): realistic pauses and the handling code the
// rules engine must answer for them on the first attempt.
import type { HealContext } from '../workers/shared/engine.ts';
import { type PauseFixture, healFixture } from './pause-fixtures.ts';

export interface RuleCase {
  name: string;
  context: HealContext;
  rule: string;
  code: string;
}

const c = (name: string, fixture: PauseFixture, rule: string, code: string): RuleCase => ({ name, context: healFixture(fixture), rule, code });
const lines = (...l: string[]) => l.join('\n');

export const NAME_CASES: RuleCase[] = [
  c('NameError: CPython suggestion in a return', {
    source: lines('def area(radius):', '    return 3.14159 * raduis ** 2', '', 'print(area(2))'),
    line: 2, kind: 'Return', function: 'area', type: 'NameError', message: "name 'raduis' is not defined",
    hint: "Did you mean: 'radius'?", locals: { radius: ['int', '2'] },
  }, 'name-suggestion', '__return__ = 3.14159 * radius ** 2'),
  c('NameError: forgotten import (CPython hint)', {
    source: 'x = math.sqrt(16)\nprint(x)', line: 1, kind: 'Assign', type: 'NameError', message: "name 'math' is not defined",
    hint: "Did you forget to import 'math'?",
  }, 'name-import', 'import math\nx = math.sqrt(16)'),
  c('NameError: defaultdict from collections', {
    source: 'words = ["a", "b", "a"]\ncounts = defaultdict(int)', line: 2, kind: 'Assign', type: 'NameError',
    message: "name 'defaultdict' is not defined", globals: { words: ['list', "['a', 'b', 'a']"] },
  }, 'name-import', 'from collections import defaultdict\ncounts = defaultdict(int)'),
  c('NameError: the hq alias of heapq, in a loop', {
    source: lines('def push_all(heap, xs):', '    for x in xs:', '        hq.heappush(heap, x)'),
    line: 3, kind: 'Expr', function: 'push_all', type: 'NameError', message: "name 'hq' is not defined",
    locals: { heap: ['list', '[]'], xs: ['list', '[3, 1]'], x: ['int', '3'] },
  }, 'name-import', 'import heapq as hq\nhq.heappush(heap, x)'),
  c('NameError: inf from math', {
    source: 'best = inf', line: 1, kind: 'Assign', type: 'NameError', message: "name 'inf' is not defined",
  }, 'name-import', 'from math import inf\nbest = inf'),
  c("NameError: JavaScript's Math: builtins and the math module", {
    source: 'a, b = 1, 2.5\nr = Math.max(a, Math.floor(b))', line: 2, kind: 'Assign', type: 'NameError', message: "name 'Math' is not defined",
    globals: { a: ['int', '1'], b: ['float', '2.5'] },
  }, 'name-foreign', 'import math\nr = max(a, math.floor(b))'),
  c('NameError: console.log is print', {
    source: 'console.log(1 + 2);', line: 1, kind: 'Expr', type: 'NameError', message: "name 'console' is not defined",
  }, 'name-foreign', 'print(1 + 2)'),
  c('NameError: a module spelled with a capital letter', {
    source: 'r = Random.randint(1, 6)', line: 1, kind: 'Assign', type: 'NameError', message: "name 'Random' is not defined",
  }, 'name-module-case', 'import random\nr = random.randint(1, 6)'),
  c('NameError: numpy is not available, nothing to suggest', {
    source: 'import sys\narr = np.array([1, 2])', line: 2, kind: 'Assign', type: 'NameError', message: "name 'np' is not defined",
  }, 'skip', 'pass'),
  c('AttributeError: CPython suggestion', {
    source: lines('class P:', '    def __init__(self, x):', '        self.x = x', 'p, q = P(1), P(2)', 'd = p.xx - q.x'),
    line: 5, kind: 'Assign', type: 'AttributeError', message: "'P' object has no attribute 'xx'", hint: "Did you mean: 'x'?",
    globals: { p: ['P', '<P object>'], q: ['P', '<P object>'] },
  }, 'attribute-suggestion', 'd = p.x - q.x'),
  c('AttributeError: list.push is append', {
    source: 'stack = [1]\nstack.push(4)', line: 2, kind: 'Expr', type: 'AttributeError',
    message: "'list' object has no attribute 'push'", globals: { stack: ['list', '[1]'] },
  }, 'attribute-method-alias', 'stack.append(4)'),
  c('AttributeError: self.min is the builtin min', {
    source: lines('class Solution:', '    def smaller(self, a, b):', '        return self.min(a, b)'),
    line: 3, kind: 'Return', function: 'smaller', type: 'AttributeError', message: "'Solution' object has no attribute 'min'",
    locals: { self: ['Solution', '<Solution object>'], a: ['int', '1'], b: ['int', '2'] },
  }, 'attribute-self-builtin', '__return__ = min(a, b)'),
  c('AttributeError: self.deque comes from collections', {
    source: lines('class Solution:', '    def bfs(self, root):', '        q = self.deque([root])'),
    line: 3, kind: 'Assign', function: 'bfs', type: 'AttributeError', message: "'Solution' object has no attribute 'deque'",
    locals: { self: ['Solution', '<Solution object>'], root: ['int', '1'] },
  }, 'attribute-self-builtin', 'from collections import deque\nq = deque([root])'),
  c('AttributeError: every builtin called through self, unless the class defines it', {
    source: lines('class Solution:', '    def spread(self, xs):', '        return self.max(xs) - self.min(xs) + self.size(xs)', '    def size(self, xs):', '        return 0'),
    line: 3, kind: 'Return', function: 'spread', type: 'AttributeError', message: "'Solution' object has no attribute 'max'",
    locals: { self: ['Solution', '<Solution object>'], xs: ['list', '[1, 2]'] },
  }, 'attribute-self-builtin', '__return__ = max(xs) - min(xs) + self.size(xs)'),
  c('AttributeError: a Java-style getter is the attribute', {
    source: lines('def walk(ptr):', '    while ptr:', '        ptr = ptr.getNext()'), line: 3, kind: 'Assign', function: 'walk',
    type: 'AttributeError', message: "'ListNode' object has no attribute 'getNext'", locals: { ptr: ['ListNode', '<ListNode object>'] },
  }, 'attribute-getter', 'ptr = ptr.next'),
  c('AttributeError: reading from None in a linked-list walk', {
    source: lines('def last(node):', '    while True:', '        node = node.next'),
    line: 3, kind: 'Assign', function: 'last', type: 'AttributeError', message: "'NoneType' object has no attribute 'next'",
    locals: { node: ['NoneType', 'None'] },
  }, 'attribute-none', 'node = None'),
  c('UnboundLocalError: start from the global (scalar)', {
    source: lines('count = 5', 'def bump():', '    count += 1', '    return count'),
    line: 3, kind: 'AugAssign', function: 'bump', type: 'UnboundLocalError',
    message: "cannot access local variable 'count' where it is not associated with a value", globals: { count: ['int', '5'] },
  }, 'unbound-local', 'count = 5\ncount += 1'),
  c('UnboundLocalError: start from the global (container, same object)', {
    source: lines('seen = {1}', 'def add(x):', '    seen = seen | {x}'),
    line: 3, kind: 'Assign', function: 'add', type: 'UnboundLocalError',
    message: "cannot access local variable 'seen' where it is not associated with a value",
    locals: { x: ['int', '2'] }, globals: { seen: ['set', '{1}'] },
  }, 'unbound-local', 'seen = seen\nseen = seen | {x}'),
  c('UnboundLocalError: no global, start at 0', {
    source: lines('def total(xs):', '    for x in xs:', '        acc += x'),
    line: 3, kind: 'AugAssign', function: 'total', type: 'UnboundLocalError',
    message: "cannot access local variable 'acc' where it is not associated with a value", locals: { xs: ['list', '[1]'], x: ['int', '1'] },
  }, 'unbound-local', 'acc = 0\nacc += x'),
];

export const CONTAINER_CASES: RuleCase[] = [
  c('IndexError: guard both reads in a loop in a function', {
    source: lines('def pairs(xs):', '    out = []', '    for i in range(len(xs)):', '        out.append(xs[i] + xs[i + 1])', '    return out'),
    line: 4, kind: 'Expr', function: 'pairs', type: 'IndexError', message: 'list index out of range',
    locals: { xs: ['list', '[1, 2, 3]'], out: ['list', '[3, 5]'], i: ['int', '2'] },
  }, 'index-guard', 'out.append((xs[i] if -len(xs) <= i < len(xs) else 0) + (xs[i + 1] if -len(xs) <= (i + 1) < len(xs) else 0))'),
  c('IndexError: a grid read guards both levels', {
    source: 'grid = [[1, 2], [3, 4]]\nr, c = 1, 5\nv = grid[r][c]', line: 3, kind: 'Assign', type: 'IndexError', message: 'list index out of range',
    globals: { grid: ['list', '[[1, 2], [3, 4]]'], r: ['int', '1'], c: ['int', '5'] },
  }, 'index-guard', 'v = (grid[r][c] if -len(grid) <= r < len(grid) and -len(grid[r]) <= c < len(grid[r]) else 0)'),
  c('IndexError: a string index in a return defaults to the empty string', {
    source: lines('def char_at(s, i):', '    return s[i]'), line: 2, kind: 'Return', function: 'char_at', type: 'IndexError',
    message: 'string index out of range', locals: { s: ['str', "'abc'"], i: ['int', '7'] },
  }, 'index-guard', "__return__ = (s[i] if -len(s) <= i < len(s) else '')"),
  c('IndexError: an attribute base of unknown type, the only subscript', {
    source: lines('class A:', '    def get(self, i):', '        x = self.arr[i]'), line: 3, kind: 'Assign', function: 'get',
    type: 'IndexError', message: 'list index out of range', locals: { self: ['A', '<A object>'], i: ['int', '3'] },
  }, 'index-guard', 'x = (self.arr[i] if -len(self.arr) <= i < len(self.arr) else None)'),
  c('IndexError: tuple unpacking of a guarded read gets one None per name', {
    source: 'pairs = [(1, 2)]\na, b = pairs[3]', line: 2, kind: 'Assign', type: 'IndexError', message: 'list index out of range',
    globals: { pairs: ['list', '[(1, 2)]'] },
  }, 'index-guard', 'a, b = (pairs[3] if -len(pairs) <= 3 < len(pairs) else (None, None))'),
  c('IndexError: an unknown element type used in arithmetic defaults to 0', {
    source: 'stack = []\nres = 5 - stack[-1]', line: 2, kind: 'Assign', type: 'IndexError', message: 'list index out of range',
    globals: { stack: ['list', '[]'] },
  }, 'index-guard', 'res = 5 - (stack[-1] if -len(stack) <= -1 < len(stack) else 0)'),
  c('IndexError: an iterated read of nested lists defaults to []', {
    source: 'adj = [[1], [0]]\nfor v in adj[u]:\n    print(v)', line: 2, endLine: 3, kind: 'For', type: 'IndexError', message: 'list index out of range',
    globals: { adj: ['list', '[[1], [0]]'], u: ['int', '5'] },
  }, 'index-guard', 'for v in (adj[u] if -len(adj) <= u < len(adj) else []):\n    print(v)'),
  c('IndexError: pop from an empty row inside max() defaults to the element type', {
    source: 'grid = [[3, 1], []]\nans = max(ans, grid[i].pop())', line: 2, kind: 'Assign', type: 'IndexError', message: 'pop from empty list',
    globals: { grid: ['list', '[[3, 1], []]'], ans: ['int', '3'], i: ['int', '1'] },
  }, 'index-pop', 'ans = max(ans, (grid[i].pop() if grid[i] else 0))'),
  c('IndexError: pop from an empty list', {
    source: 'stack = []\ntop = stack.pop()', line: 2, kind: 'Assign', type: 'IndexError', message: 'pop from empty list',
    globals: { stack: ['list', '[]'] },
  }, 'index-pop', 'top = (stack.pop() if stack else None)'),
  c('IndexError: heappop of an empty heap into two names', {
    source: 'import heapq\npq = []\nd, u = heapq.heappop(pq)', line: 3, kind: 'Assign', type: 'IndexError', message: 'index out of range',
    globals: { heapq: ['module', "<module 'heapq'>"], pq: ['list', '[]'] },
  }, 'index-pop', 'd, u = (heapq.heappop(pq) if pq else (None, None))'),
  c('IndexError: assigning one past the end appends', {
    source: lines('dp = [0, 1, 2]', 'for i in range(1, 5):', '    dp[i] = dp[i - 1] + 1'), line: 3, kind: 'Assign', type: 'IndexError',
    message: 'list assignment index out of range', globals: { dp: ['list', '[0, 1, 2]'], i: ['int', '3'] },
  }, 'index-append', 'if i == len(dp):\n    dp.append(dp[i - 1] + 1)'),
  c('KeyError: counting with +=', {
    source: lines('counts = {"a": 2}', 'for w in ["a", "b"]:', '    counts[w] += 1'), line: 3, kind: 'AugAssign', type: 'KeyError',
    message: "'b'", globals: { counts: ['dict', "{'a': 2}"], w: ['str', "'b'"] },
  }, 'key-augmented', 'counts[w] = counts.get(w, 0) + 1'),
  c('KeyError: a read inside an augmented assignment', {
    source: lines('def bill(prices, items):', '    total = 0', '    for item in items:', '        total += prices[item]'),
    line: 4, kind: 'AugAssign', function: 'bill', type: 'KeyError', message: "'pear'",
    locals: { prices: ['dict', "{'apple': 3}"], items: ['list', "['apple', 'pear']"], total: ['int', '3'], item: ['str', "'pear'"] },
  }, 'key-get', 'total += prices.get(item, 0)'),
  c('KeyError: appending to a missing list value uses setdefault', {
    source: 'graph = {1: [2]}\nu, v = 3, 1\ngraph[u].append(v)', line: 3, kind: 'Expr', type: 'KeyError', message: '3',
    globals: { graph: ['dict', '{1: [2]}'], u: ['int', '3'], v: ['int', '1'] },
  }, 'key-get', 'graph.setdefault(u, []).append(v)'),
  c('KeyError: assigning into a missing inner dict', {
    source: 'memo = {}\nmemo[a][b] = 1', line: 2, kind: 'Assign', type: 'KeyError', message: "'x'",
    globals: { memo: ['dict', '{}'], a: ['str', "'x'"], b: ['str', "'y'"] },
  }, 'key-get', 'memo.setdefault(a, {})[b] = 1'),
  c('KeyError: del of a missing key', {
    source: 'd = {}\ndel d[k]', line: 2, kind: 'Delete', type: 'KeyError', message: "'k'", globals: { d: ['dict', '{}'], k: ['str', "'k'"] },
  }, 'key-method', 'd.pop(k, None)'),
  c('KeyError: set.remove of a missing item', {
    source: 'seen = {1}\nseen.remove(x)', line: 2, kind: 'Expr', type: 'KeyError', message: '2', globals: { seen: ['set', '{1}'], x: ['int', '2'] },
  }, 'key-method', 'seen.discard(x)'),
];

export const TYPE_CASES: RuleCase[] = [
  c('ZeroDivisionError: average of nothing', {
    source: lines('def average(values):', '    return sum(values) / len(values)'), line: 2, kind: 'Return', function: 'average',
    type: 'ZeroDivisionError', message: 'division by zero', locals: { values: ['list', '[]'] },
  }, 'zero-division-guard', '__return__ = (sum(values) / len(values) if len(values) else 0.0)'),
  c('ZeroDivisionError: a multiplicative chain with //', {
    source: 'hits, total = 3, 0\nrate = hits * 100 // total + 1', line: 2, kind: 'Assign', type: 'ZeroDivisionError',
    message: 'integer division or modulo by zero', globals: { hits: ['int', '3'], total: ['int', '0'] },
  }, 'zero-division-guard', 'rate = (hits * 100 // total if total else 0) + 1'),
  c('ZeroDivisionError: augmented division is skipped', {
    source: 'x, n = 10, 0\nx /= n', line: 2, kind: 'AugAssign', type: 'ZeroDivisionError', message: 'division by zero',
    globals: { x: ['int', '10'], n: ['int', '0'] },
  }, 'zero-division-skip', 'pass'),
  c('TypeError: concatenating an int to a str', {
    source: 'total = 5\nmsg = "Total: " + total + "!"', line: 2, kind: 'Assign', type: 'TypeError',
    message: 'can only concatenate str (not "int") to str', globals: { total: ['int', '5'] },
  }, 'type-concat-str', 'msg = "Total: " + str(total) + "!"'),
  c('TypeError: a numeric str operand becomes int', {
    source: "a, b = 3, '4'\nresult = a + b", line: 2, kind: 'Assign', type: 'TypeError',
    message: "unsupported operand type(s) for +: 'int' and 'str'", globals: { a: ['int', '3'], b: ['str', "'4'"] },
  }, 'type-convert-operand', 'result = a + int(b)'),
  c('TypeError: a non-numeric str operand makes + a concatenation', {
    source: "a, b = 3, 'x'\nresult = a + b", line: 2, kind: 'Assign', type: 'TypeError',
    message: "unsupported operand type(s) for +: 'int' and 'str'", globals: { a: ['int', '3'], b: ['str', "'x'"] },
  }, 'type-convert-operand', 'result = str(a) + b'),
  c('TypeError: comparing an int with a numeric str', {
    source: "x, limit = 3, '10'\nok = x > limit", line: 2, kind: 'Assign', type: 'TypeError',
    message: "'>' not supported between instances of 'int' and 'str'", globals: { x: ['int', '3'], limit: ['str', "'10'"] },
  }, 'type-convert-operand', 'ok = x > int(limit)'),
  c('TypeError: augmented += of a numeric str', {
    source: lines('def add_all(strs):', '    total = 0', '    for s in strs:', '        total += s'), line: 4, kind: 'AugAssign',
    function: 'add_all', type: 'TypeError', message: "unsupported operand type(s) for +=: 'int' and 'str'",
    locals: { strs: ['list', "['7']"], total: ['int', '0'], s: ['str', "'7'"] },
  }, 'type-convert-operand', 'total += int(s)'),
  c('TypeError: augmented str concatenation of a number', {
    source: "com = ''\ncom += 1", line: 2, kind: 'AugAssign', type: 'TypeError', message: 'can only concatenate str (not "int") to str',
    globals: { com: ['str', "''"] },
  }, 'type-concat-str', 'com += str(1)'),
  c('TypeError: int(number, 2) parses its digits', {
    source: lines('def from_binary(binary):', '    return int(binary, 2)'), line: 2, kind: 'Return', function: 'from_binary', type: 'TypeError',
    message: "int() can't convert non-string with explicit base", locals: { binary: ['int', '101'] },
  }, 'type-int-base', '__return__ = int(str(binary), 2)'),
  c('TypeError: subscripting None gives None', {
    source: 'row = None\nfirst = row[0]', line: 2, kind: 'Assign', type: 'TypeError',
    message: "'NoneType' object is not subscriptable", globals: { row: ['NoneType', 'None'] },
  }, 'type-none-default', 'first = None'),
  c('TypeError: looping over None runs nothing', {
    source: 'data = None\nfor x in data:\n    print(x)', line: 2, endLine: 3, kind: 'For', type: 'TypeError',
    message: "'NoneType' object is not iterable", globals: { data: ['NoneType', 'None'] },
  }, 'type-none-default', 'pass'),
  c('TypeError: len of an int counts its digits', {
    source: 'n = 12345\ndigits = len(n)', line: 2, kind: 'Assign', type: 'TypeError',
    message: "object of type 'int' has no len()", globals: { n: ['int', '12345'] },
  }, 'type-len-number', 'digits = len(str(n))'),
  c('TypeError: a float index becomes int', {
    source: 'xs, n = [1, 2, 3], 3\nmid = xs[n / 2]', line: 2, kind: 'Assign', type: 'TypeError',
    message: 'list indices must be integers or slices, not float', globals: { xs: ['list', '[1, 2, 3]'], n: ['int', '3'] },
  }, 'type-index-int', 'mid = xs[int(n / 2)]'),
  c('TypeError: a shadowed builtin is called through builtins', {
    source: 'sum = 0\nvalues = [1, 2]\ntotal = sum(values)', line: 3, kind: 'Assign', type: 'TypeError',
    message: "'int' object is not callable", globals: { sum: ['int', '0'], values: ['list', '[1, 2]'] },
  }, 'type-not-callable', "total = __import__('builtins').sum(values)"),
  c('TypeError: math notation a(b + c) is a multiplication', {
    source: 'a, b, c = 2, 3, 4\ny = a(b + c)', line: 2, kind: 'Assign', type: 'TypeError',
    message: "'int' object is not callable", globals: { a: ['int', '2'], b: ['int', '3'], c: ['int', '4'] },
  }, 'type-not-callable', 'y = a * (b + c)'),
  c('TypeError: iterating over an int means range', {
    source: 'n = 3\ntotal = 0\nfor i in n:\n    total += i', line: 3, endLine: 4, kind: 'For', type: 'TypeError',
    message: "'int' object is not iterable", globals: { n: ['int', '3'], total: ['int', '0'] },
  }, 'type-iterate-int', 'for i in range(n):\n    total += i'),
  c('TypeError: a call with a missing argument is skipped', {
    source: 'def f(a, b):\n    return a + b\nr = f(1)', line: 3, kind: 'Assign', type: 'TypeError',
    message: "f() missing 1 required positional argument: 'b'", globals: { f: ['function', '<function f>'] },
  }, 'type-bad-arguments', 'pass'),
];

export const VALUE_CASES: RuleCase[] = [
  c("ValueError: int('') in the binary complement of 0 returns 0", {
    source: lines('def complement(num):', "    bits = bin(num)[2:].lstrip('0')", "    return int(''.join('1' if b == '0' else '0' for b in bits), 2)", '', 'print(complement(0))'),
    line: 3, kind: 'Return', function: 'complement', type: 'ValueError', message: "invalid literal for int() with base 2: ''",
    locals: { num: ['int', '0'], bits: ['str', "''"] },
  }, 'value-int-literal', '__return__ = 0'),
  c("ValueError: int('-') keeps the digits", {
    source: "tok = '-'\nv = int(tok)", line: 2, kind: 'Assign', type: 'ValueError', message: "invalid literal for int() with base 10: '-'",
    globals: { tok: ['str', "'-'"] },
  }, 'value-int-literal', "v = int(''.join(ch for ch in str(tok) if ch in '0123456789') or '0')"),
  c("ValueError: map(int, str(n)) of a negative number keeps the digits", {
    source: 'num = -12\ntotal = sum(map(int, str(num)))', line: 2, kind: 'Assign', type: 'ValueError',
    message: "invalid literal for int() with base 10: '-'", globals: { num: ['int', '-12'] },
  }, 'value-int-literal', 'total = sum(map(int, filter(str.isdigit, str(num))))'),
  c("ValueError: int('3.5') goes through float", {
    source: "tok = '3.5'\nv = int(tok)", line: 2, kind: 'Assign', type: 'ValueError', message: "invalid literal for int() with base 10: '3.5'",
    globals: { tok: ['str', "'3.5'"] },
  }, 'value-int-literal', 'v = int(float(tok))'),
  c("ValueError: float('') is 0.0", {
    source: "text = ''\nprice = float(text) * 2", line: 2, kind: 'Assign', type: 'ValueError', message: "could not convert string to float: ''",
    globals: { text: ['str', "''"] },
  }, 'value-float-empty', 'price = 0.0 * 2'),
  c('ValueError: too many values to unpack', {
    source: "line = 'a b c'\na, b = line.split()", line: 2, kind: 'Assign', type: 'ValueError',
    message: 'too many values to unpack (expected 2, got 3)', globals: { line: ['str', "'a b c'"] },
  }, 'value-unpack', 'a, b = list(line.split())[:2]'),
  c('ValueError: not enough values to unpack', {
    source: 'parts = [1, 2]\nx, y, z = parts', line: 2, kind: 'Assign', type: 'ValueError',
    message: 'not enough values to unpack (expected 3, got 2)', globals: { parts: ['list', '[1, 2]'] },
  }, 'value-unpack', 'x, y, z = (list(parts) + [None] * 3)[:3]'),
  c('ValueError: unpacking in a for loop header', {
    source: 'pairs = [(1, 2, 3)]\nd = {}\nfor k, v in pairs:\n    d[k] = v', line: 3, endLine: 4, kind: 'For', type: 'ValueError',
    message: 'too many values to unpack (expected 2, got 3)', globals: { pairs: ['list', '[(1, 2, 3)]'], d: ['dict', '{}'] },
  }, 'value-unpack', 'for k, v in (list(__heal_item)[:2] for __heal_item in pairs):\n    d[k] = v'),
  c('ValueError: max of nothing', {
    source: 'scores = []\nbest = max(scores)', line: 2, kind: 'Assign', type: 'ValueError', message: 'max() iterable argument is empty',
    globals: { scores: ['list', '[]'] },
  }, 'value-empty-max', 'best = max(scores, default=0)'),
  c('ValueError: removing a missing item', {
    source: 'xs = [1]\nxs.remove(v)', line: 2, kind: 'Expr', type: 'ValueError', message: 'list.remove(x): x not in list',
    globals: { xs: ['list', '[1]'], v: ['int', '5'] },
  }, 'value-missing-item', 'if v in xs:\n    xs.remove(v)'),
  c('ValueError: index of a missing item', {
    source: "names = ['ann']\npos = names.index(who)", line: 2, kind: 'Assign', type: 'ValueError', message: "'bob' is not in list",
    globals: { names: ['list', "['ann']"], who: ['str', "'bob'"] },
  }, 'value-missing-item', 'pos = (names.index(who) if who in names else -1)'),
  c('RecursionError: the outermost return of an int function', {
    source: lines('def count(n) -> int:', '    if n == 0:', '        return 0', '    return 1 + count(n - 1)', '', 'print(count(100000))'),
    line: 4, kind: 'Return', function: 'count', type: 'RecursionError', message: 'maximum recursion depth exceeded',
    locals: { n: ['int', '100000'] },
  }, 'recursion-neutral', '__return__ = 0'),
  c('RecursionError: a call in arithmetic, the function returns a variable set to a number', {
    source: lines('def best(n):', '    total = n', '    for i in range(1, n):', '        total = max(total, i + best(n - i))', '    return total'),
    line: 4, kind: 'Assign', function: 'best', type: 'RecursionError', message: 'maximum recursion depth exceeded',
    locals: { n: ['int', '900'], total: ['int', '900'], i: ['int', '1'] }, calls: ['best', 'best'],
  }, 'recursion-neutral', 'total = max(total, i + 0)'),
  c('RecursionError: a module-level call of a list function', {
    source: lines('def walk(n):', '    if n < 0:', '        return []', '    return [n] + walk(n - 1)', '', 'print(len(walk(10 ** 6)))'),
    line: 6, kind: 'Expr', type: 'RecursionError', message: 'maximum recursion depth exceeded in comparison',
    calls: ['walk', 'walk', 'walk'],
  }, 'recursion-neutral', 'print(len([]))'),
];

export const ALL_CASES: RuleCase[] = [...NAME_CASES, ...CONTAINER_CASES, ...TYPE_CASES, ...VALUE_CASES];
