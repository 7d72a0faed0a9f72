import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSource } from './read-source.js';

const withDotenv = (text: string): string => {
  const dir = mkdtempSync(join(tmpdir(), 'flowfull-read-source-'));
  writeFileSync(join(dir, '.env'), text);
  return dir;
};

describe('readSource()', () => {
  it('reads <cwd>/.env, with the environment winning over it', () => {
    const cwd = withDotenv('PORT=4000\nHOST=127.0.0.1\n');
    expect(readSource({ PORT: '5000' }, { cwd })).toMatchObject({ PORT: '5000', HOST: '127.0.0.1' });
  });

  it('ignores .env when dotenv is false', () => {
    const cwd = withDotenv('HOST=127.0.0.1\n');
    expect(readSource({}, { cwd, dotenv: false }).HOST).toBeUndefined();
  });

  it('fills unset or blank variables from the defaults, computed from what is set and cwd', () => {
    const cwd = withDotenv('DATA_DIR=state\n');
    const source = readSource(
      { BLANK: '  ', SET: 'kept' },
      {
        cwd,
        defaults: (set, dir) => ({ FILE: `${dir}/${set.DATA_DIR}/app.db`, BLANK: 'filled', SET: 'lost' }),
      },
    );
    expect(source).toMatchObject({ FILE: `${cwd}/state/app.db`, BLANK: 'filled', SET: 'kept' });
  });

  it('does not modify the given environment', () => {
    const env = { BLANK: '' };
    readSource(env, { cwd: withDotenv(''), defaults: () => ({ BLANK: 'filled' }) });
    expect(env).toEqual({ BLANK: '' });
  });
});
