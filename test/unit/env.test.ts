import { describe, expect, it } from 'vitest';
import { parseEnv } from '../../lib/env';

describe('environment', () => {
  it('fills defaults for an empty environment', () => {
    const env = parseEnv({});
    expect(env.PORT).toBe(3000);
    expect(env.PODIUM_DATA_DIR).toBe('.data');
    expect(env.PODIUM_DEMO).toBe('1');
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.VK_API_URL).toBe('https://api.vk.com/method');
  });

  it('wants an absolute path for PODIUM_PG_HOME', () => {
    expect(parseEnv({}).PODIUM_PG_HOME).toBe('/var/lib/podium');
    expect(() => parseEnv({ PODIUM_PG_HOME: 'var/lib' })).toThrow(/PODIUM_PG_HOME: must be an absolute path/);
  });

  it('takes on or off for PODIUM_CHANGE_FEED', () => {
    expect(parseEnv({}).PODIUM_CHANGE_FEED).toBe('on');
    expect(parseEnv({ PODIUM_CHANGE_FEED: 'off' }).PODIUM_CHANGE_FEED).toBe('off');
    expect(() => parseEnv({ PODIUM_CHANGE_FEED: 'no' })).toThrow(/PODIUM_CHANGE_FEED/);
  });

  it('treats empty strings as unset', () => {
    expect(parseEnv({ DATABASE_URL: '', PORT: '' }).PORT).toBe(3000);
  });

  it('names every bad variable', () => {
    expect(() => parseEnv({ PORT: 'eighty', DATABASE_URL: 'mysql://x', PODIUM_SECRET_KEY: 'short', VK_API_URL: 'ftp://x' })).toThrow(
      /PORT[\s\S]*DATABASE_URL|DATABASE_URL[\s\S]*PORT/,
    );
    try {
      parseEnv({ PORT: '70000', PODIUM_SECRET_KEY: 'short', PODIUM_DEMO: 'yes' });
    } catch (e) {
      const msg = (e as Error).message;
      expect(msg).toContain('PORT');
      expect(msg).toContain('PODIUM_SECRET_KEY');
      expect(msg).toContain('PODIUM_DEMO');
    }
  });
});
