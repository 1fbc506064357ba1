// docs/contract.md §3 Route names: the hash is part of the name only when it is a hash router's route.
import { describe, expect, it } from 'vitest';
import { routeName } from '../src/browser/history';

describe('routeName', () => {
  it.each([
    ['/app/', '#/users/1', '/app/#/users/1'],
    ['/app/', '#/users/1?tab=2', '/app/#/users/1'],
    ['/app/', '#!/users/1', '/app/#!/users/1'],
    ['/', '#/', '/#/'],
    ['/docs/intro', '#section', '/docs/intro'],
    ['/docs/intro', '#', '/docs/intro'],
    ['/docs/intro', '', '/docs/intro'],
    ['/docs/intro', '#!section', '/docs/intro'],
    ['/docs/intro', '#?x=/1', '/docs/intro'],
  ])('%s + %s → %s', (path, hash, name) => {
    expect(routeName(path, hash)).toBe(name);
  });
});
