import { describe, expect, it } from 'vitest';
import { flowlessSection } from './flowless-section.js';

describe('flowlessSection', () => {
  const computed = ['DATABASE_URL'];

  it.each(
    Object.entries(flowlessSection).filter(
      ([name, variable]) => variable.default !== undefined && !computed.includes(name),
    ),
  )('%s parses to its documented default when unset', (_name, variable) => {
    expect(variable.schema.parse(undefined)).toEqual(variable.schema.parse(variable.default));
  });

  it("documents DATABASE_URL's computed default without parsing the placeholder", () => {
    expect(flowlessSection.DATABASE_URL.default).toBe('file:<DATA_DIR>/flowless.db');
    expect(flowlessSection.DATABASE_URL.schema.safeParse(undefined).success).toBe(false);
  });

  it("overrides flowfull's PORT default with 3000 and keeps its bounds", () => {
    expect(flowlessSection.PORT.schema.parse(undefined)).toBe(3000);
    expect(flowlessSection.PORT.schema.safeParse('65536').success).toBe(false);
  });
});
